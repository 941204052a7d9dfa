import { createPostgresReadModelStore, isPostgresEventStore } from "@grantledger/adapters/postgres";
import type { EventStore } from "@grantledger/core";
import { createMemoryReadModelStore, STANDARD_LAYOUTS, type ReadModelStore } from "@grantledger/projections";

/**
 * Where the service keeps its read models. On PostgreSQL (a server or PGlite), those saved row by
 * row (the grant register, round budgets, municipality totals: {@link STANDARD_LAYOUTS}) go to the
 * store's own database, so a restart loads them instead of folding the history again and plain
 * SQL reads them; the others stay in memory. Why not all in the database: a read model without a
 * row layout is saved whole at every batch, which at 100 000 grants costs a large part of a
 * second a save, during catch-up and after every command alike. `undefined` on other stores (the
 * engine's default, in memory).
 */
export const serviceReadModelStore = (store: EventStore): ReadModelStore | undefined => {
  if (!isPostgresEventStore(store)) return undefined;
  const inDatabase = createPostgresReadModelStore(store);
  const inMemory = createMemoryReadModelStore();
  const kept: ReadonlySet<string> = new Set(STANDARD_LAYOUTS.map((layout) => layout.name));
  const storeOf = (name: string): ReadModelStore => (kept.has(name) ? inDatabase : inMemory);
  return {
    load: (name) => storeOf(name).load(name),
    save: (name, model) => storeOf(name).save(name, model),
  };
};
