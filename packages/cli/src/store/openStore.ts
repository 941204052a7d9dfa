import { existsSync } from "node:fs";
import * as E from "fp-ts/lib/Either.js";
import type { EventStore } from "@grantledger/core";
import { CliError, oneLine } from "../cliError.js";
import { describeStoreError } from "../output/describeStoreError.js";
import { parseStoreUrl, type StoreKind, type StoreUrl } from "./storeUrl.js";

/** An adapter's store, opened from a URL, for a command that writes or only reads. */
type StoreOpener = (url: StoreUrl, writes: boolean) => Promise<EventStore>;

/*
 * Only a command that writes lets the adapter create or migrate the schema: a reading command
 * opens the schema as it is, so an auditor's read-only role can read it and reading never
 * changes a database.
 */
const openPostgres: StoreOpener = async (url, writes) => {
  const { createPostgresEventStore } = await import("@grantledger/adapters/postgres");
  const opened = await createPostgresEventStore({ url: url.url, migrate: writes })();
  if (E.isRight(opened)) return opened.right;
  const error = opened.left;
  const reason =
    error._tag === "SchemaNotMigrated"
      ? `schema ${error.schema} holds no grantledger store (only import creates one)`
      : error._tag === "InvalidStoreConfig"
        ? error.reason
        : describeStoreError(error);
  throw new CliError(`cannot open ${url.display}: ${reason}`);
};

// The client checks the connection string when the store is created and throws on a bad one.
const openEventStoreDb: StoreOpener = async (url) => {
  const { createEventStoreDbEventStore } = await import("@grantledger/adapters/eventstoredb");
  return createEventStoreDbEventStore(url.url);
};

/*
 * Each adapter is imported only when its URL is used, so a CLI that reads a PostgreSQL store
 * never loads the EventStoreDB client (or PGlite's WebAssembly) and starts quickly.
 */
const OPENERS: Record<StoreKind, StoreOpener> = {
  postgres: openPostgres,
  pglite: openPostgres,
  esdb: openEventStoreDb,
  memory: async () => {
    const { createMemoryEventStore } = await import("@grantledger/adapters/memory");
    return createMemoryEventStore();
  },
};

/** How {@link openStore} may treat the store it opens. */
export interface OpenStoreOptions {
  /**
   * Whether a store that is not there yet may be created: only for `import`. A reading command
   * given a mistyped `pglite:DIR` must fail, not verify a new empty store as intact.
   */
  readonly create?: boolean;
  /**
   * Whether the command writes (`import`, `seal`; implied by `create`): only then may a
   * PostgreSQL schema be migrated on opening.
   */
  readonly writes?: boolean;
}

/** The folder of a `pglite:DIR` URL (without its query), or `undefined` for `pglite:memory`. */
const pgliteDirectory = (url: string): string | undefined => {
  const location = url.slice("pglite:".length).split("?", 1)[0] ?? "";
  return location === "memory" ? undefined : location;
};

/**
 * The event store a URL names: `postgres://…` (a server), `pglite:DIR` or `pglite:memory`
 * (embedded PostgreSQL), `esdb://…` (EventStoreDB), `memory:` (empty, gone when the command
 * ends; only useful to try an import). An unknown scheme is a usage error; a store that cannot
 * be opened is a one-line `CliError` naming the URL, without its password.
 */
export const openStore = async (url: string, options: OpenStoreOptions = {}): Promise<EventStore> => {
  const parsed = parseStoreUrl(url);
  const directory = parsed.kind === "pglite" ? pgliteDirectory(parsed.url) : undefined;
  if (directory !== undefined && options.create !== true && !existsSync(directory)) {
    throw new CliError(`cannot open ${parsed.display}: no such directory (only import creates a store)`);
  }
  try {
    return await (OPENERS[parsed.kind] as StoreOpener)(parsed, options.create === true || options.writes === true);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot open ${parsed.display}: ${oneLine(error)}`);
  }
};
