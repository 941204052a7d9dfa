import type { EventStore, PersonalDataKeys } from "@grantledger/core";

/**
 * The key store of personal data that lives with `store`: a PostgreSQL or PGlite store's own
 * (migration 8), or `undefined` for any other source (an exported file, EventStoreDB, memory)
 * and for a PostgreSQL schema from before the key store. The adapter is imported only here, as
 * `openStore` imports it, so a command on a file never loads it.
 */
export const personalKeysOf = async (store: EventStore): Promise<PersonalDataKeys | undefined> => {
  if (!("driver" in store && "schema" in store)) return undefined;
  const { isPostgresEventStore, personalDataKeysOf } = await import("@grantledger/adapters/postgres");
  return isPostgresEventStore(store) ? personalDataKeysOf(store) : undefined;
};
