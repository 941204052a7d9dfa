import * as E from "fp-ts/lib/Either.js";
import { PGlite } from "@electric-sql/pglite";
import { v4 } from "uuid";
import { openPgDriver } from "./pgDriver.js";
import { openPgliteDriver } from "./pgliteDriver.js";
import { createPostgresEventStore } from "./postgresEventStore.js";
import type { PostgresEventStore } from "./postgresEventStore.js";
import { quoteIdentifier } from "./sqlNames.js";
import type { PostgresStoreOptions } from "./storeConfig.js";
import type { SqlDriver } from "./sqlDriver.js";

/** The server the "server" tests use (CI sets it); without it they run on PGlite, never a mock. */
export const serverUrl: string | undefined = process.env["GRANTLEDGER_PG_URL"] || undefined;

/** A schema name no other test file or run uses. */
export const uniqueSchema = (label: string): string => `gl_test_${label}_${v4().slice(0, 8)}`;

type StoreExtras = Omit<PostgresStoreOptions, "url" | "pglite" | "schema">;

/**
 * One database per test file: the server when `server` is asked for and GRANTLEDGER_PG_URL is set,
 * otherwise one PGlite instance (it takes seconds to start). Stores open in schemas of their own,
 * all dropped by {@link close}. `admin` is a separate connection for setting up and inspecting.
 */
export class TestDatabase {
  readonly #schemas = new Set<string>();

  private constructor(
    readonly kind: "server" | "pglite",
    readonly admin: SqlDriver,
    private readonly connection: Pick<PostgresStoreOptions, "url" | "pglite">,
  ) {}

  /** The server if asked for and configured, else a fresh in-memory PGlite. */
  static async open(prefer: "server" | "pglite"): Promise<TestDatabase> {
    if (prefer === "server" && serverUrl !== undefined) {
      const admin = await openPgDriver({ connectionString: serverUrl, poolSize: 4, connectTimeoutMs: 5_000, statementTimeoutMs: 0 });
      return new TestDatabase("server", admin, { url: serverUrl });
    }
    const db = await PGlite.create();
    const driver = await openPgliteDriver({ kind: "instance", db });
    // The driver leaves a lent instance open; this one is the test file's own, so close it too.
    const admin: SqlDriver = { ...driver, close: () => driver.close().then(() => db.close()) };
    return new TestDatabase("pglite", admin, { pglite: db });
  }

  /** Options for a store in `schema` of this database, with `extra` on top. */
  options(schema: string, extra: StoreExtras = {}): PostgresStoreOptions {
    this.#schemas.add(schema);
    return { ...this.connection, ...extra, schema };
  }

  /** A store in `schema` (a fresh one by default), failing the test if it cannot be opened. */
  async openStore(schema: string = uniqueSchema("store"), extra?: StoreExtras): Promise<PostgresEventStore> {
    const opened = await createPostgresEventStore(this.options(schema, extra))();
    if (E.isLeft(opened)) throw new Error(`could not open the store: ${opened.left.reason}`);
    return opened.right;
  }

  /** Drops every schema handed out, then closes. */
  async close(): Promise<void> {
    for (const schema of this.#schemas) await this.admin.script(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    await this.admin.close();
  }
}
