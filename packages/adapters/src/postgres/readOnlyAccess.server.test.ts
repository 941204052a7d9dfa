import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import * as E from "fp-ts/lib/Either.js";
import { v4 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGrantLedger, readAllPages, sealHistory, verifyHistory, type EventStore, type RecordedEvent } from "@grantledger/core";
import { award, context, crisisRound, evaluatedGrant, must } from "../engine/ledgerFixtures.testkit.js";
import { CURRENT_SCHEMA_VERSION } from "./migrate.js";
import { createPostgresEventStore, type PostgresEventStore } from "./postgresEventStore.js";
import { quoteIdentifier } from "./sqlNames.js";
import type { PostgresStoreOptions } from "./storeConfig.js";
import { serverUrl, TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";

/*
 * An auditor opens the store with credentials that may only read. Two kinds of read-only access:
 * a session whose transactions are read-only (a standby, default_transaction_read_only), which
 * PGlite can imitate, and a role with SELECT alone, which needs a server to log in as.
 */
let database: TestDatabase;
const current = uniqueSchema("ro_current");
const behind = uniqueSchema("ro_behind");
const missing = uniqueSchema("ro_missing");
const hidden = uniqueSchema("ro_hidden");

/** A sealed history written through the ledger: what an auditor verifies. */
const writeHistory = async (store: EventStore): Promise<void> => {
  const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
  await must(ledger.openRound(crisisRound("r"), context()));
  await evaluatedGrant(ledger, "a", "r");
  await must(ledger.awardGrant(award("a", 50_000_00), context()));
  await must(() => sealHistory(store, { commandId: "seal-1", actor: "revisor@riksrevisjonen" }, "2009-12-31T23:00:00Z"));
};

beforeAll(async () => {
  database = await TestDatabase.open("server");
  for (const schema of [current, behind, hidden]) {
    const writer = await database.openStore(schema);
    await writeHistory(writer);
    await writer.close();
  }
  // As a schema migrated by an earlier version of the library would be: at migration 2, before
  // the append function that keeps an imported recorded time (3) and everything after it.
  await database.admin.query(`DELETE FROM ${quoteIdentifier(behind)}.grantledger_migrations WHERE version >= 3`);
  database.options(missing);
});

afterAll(() => database.close());

const open = async (options: PostgresStoreOptions): Promise<PostgresEventStore> => {
  const opened = await createPostgresEventStore(options)();
  if (E.isLeft(opened)) throw new Error(`could not open the store: ${opened.left._tag}: ${opened.left.reason}`);
  return opened.right;
};

/** Reads the whole history and verifies every hash, chain link and seal. */
const verifyAll = async (store: EventStore) => {
  const events: RecordedEvent[] = [];
  for await (const event of readAllPages(store)) events.push(event);
  return { events: events.length, verified: await verifyHistory(events) };
};

const schemaExists = async (schema: string): Promise<boolean> =>
  (await database.admin.query("SELECT to_regnamespace($1) IS NOT NULL AS present", [schema]))[0]?.["present"] === true;

const newEvent = () => ({ id: v4(), type: "AuditorWasHere", data: {}, metadata: {} });

describe("opening without migrating (migrate: false)", () => {
  it("refuses a schema that holds no store with SchemaNotMigrated, and creates nothing", async () => {
    const opened = await createPostgresEventStore(database.options(missing, { migrate: false }))();
    expect(opened).toMatchObject(E.left({ _tag: "SchemaNotMigrated", schema: missing, found: 0, current: CURRENT_SCHEMA_VERSION }));
    expect(await schemaExists(missing)).toBe(false);
  });

  it("opens a schema that is behind as it is, reads it, and refuses a recordedAt its append function would drop", async () => {
    const store = await open(database.options(behind, { migrate: false }));
    try {
      expect(await verifyAll(store)).toMatchObject({ events: 6, verified: E.right({ events: 6, seals: 1 }) });
      const refused = await store.appendToStream("grant-x", [{ ...newEvent(), recordedAt: "2009-06-01T00:00:00.000Z" }])();
      expect(refused).toMatchObject(E.left({ _tag: "InvalidAppend", reason: expect.stringContaining(`schema ${behind} is before migration 3`) }));
      const versions = await database.admin.query(`SELECT max(version) AS version FROM ${quoteIdentifier(behind)}.grantledger_migrations`);
      expect(versions).toEqual([{ version: 2 }]);
    } finally {
      await store.close();
    }
  });
});

/*
 * Every transaction of the session is read-only: on a server through the connection's startup
 * options, on PGlite (one session, shared with the test's admin connection) by SET, undone after.
 */
describe("a store opened over a read-only session (default_transaction_read_only)", () => {
  const readOnly = (schema: string, extra: Omit<PostgresStoreOptions, "url" | "pglite" | "schema"> = {}): PostgresStoreOptions => {
    const options = database.options(schema, extra);
    if (database.kind === "pglite" || serverUrl === undefined) return options;
    const separator = serverUrl.includes("?") ? "&" : "?";
    return { ...options, url: `${serverUrl}${separator}options=${encodeURIComponent("-c default_transaction_read_only=on")}` };
  };

  beforeAll(async () => {
    if (database.kind === "pglite") await database.admin.query("SET default_transaction_read_only = on");
  });
  afterAll(async () => {
    if (database.kind === "pglite") await database.admin.query("SET default_transaction_read_only = off");
  });

  it("opens a current schema without a write, even when allowed to migrate, and verifies the whole history", async () => {
    for (const migrate of [true, false]) {
      const store = await open(readOnly(current, { migrate }));
      try {
        expect(await verifyAll(store)).toMatchObject({ events: 6, verified: E.right({ events: 6, seals: 1 }) });
      } finally {
        await store.close();
      }
    }
  });

  it("refuses an append with AccessDenied, and writes nothing", async () => {
    const store = await open(readOnly(current));
    try {
      const refused = await store.appendToStream("grant-x", [newEvent()])();
      expect(refused).toMatchObject(E.left({ _tag: "AccessDenied", operation: "appendToStream", reason: expect.stringContaining("25006") }));
      expect(await store.readStream("grant-x")()).toMatchObject(E.left({ _tag: "StreamNotFound" }));
    } finally {
      await store.close();
    }
  });

  it("cannot migrate a schema that is behind: AccessDenied, naming migrate: false, which opens it", async () => {
    const opened = await createPostgresEventStore(readOnly(behind))();
    expect(opened).toMatchObject(E.left({ _tag: "AccessDenied", operation: "migrate", reason: expect.stringContaining("open with migrate: false") }));
    const store = await open(readOnly(behind, { migrate: false }));
    await store.close();
  });
});

describe.skipIf(serverUrl === undefined)(
  serverUrl === undefined
    ? "a role with SELECT alone: SKIPPED on PGlite, which has one user and cannot log in as another role"
    : "a role with SELECT alone (server only: PGlite cannot log in as another role)",
  () => {
    const role = `gl_test_auditor_${v4().slice(0, 8)}`;
    const password = v4();
    const asAuditor = (schema: string, extra: Omit<PostgresStoreOptions, "url" | "pglite" | "schema"> = {}): PostgresStoreOptions => {
      const url = new URL(serverUrl ?? "");
      url.username = role;
      url.password = password;
      return { ...database.options(schema, extra), url: url.toString() };
    };

    beforeAll(async () => {
      await database.admin.script(`CREATE ROLE ${quoteIdentifier(role)} LOGIN PASSWORD '${password}'`);
      for (const schema of [current, behind]) {
        await database.admin.script(
          `GRANT USAGE ON SCHEMA ${quoteIdentifier(schema)} TO ${quoteIdentifier(role)};
           GRANT SELECT ON ALL TABLES IN SCHEMA ${quoteIdentifier(schema)} TO ${quoteIdentifier(role)};`,
        );
      }
    });
    afterAll(async () => {
      await database.admin.script(`DROP OWNED BY ${quoteIdentifier(role)}; DROP ROLE ${quoteIdentifier(role)}`);
    });

    it("opens the store, verifies the whole history and follows it with a subscription", async () => {
      const store = await open(asAuditor(current));
      try {
        expect(await verifyAll(store)).toMatchObject({ events: 6, verified: E.right({ events: 6, seals: 1 }) });
        const subscription = store.subscribeToAll();
        const first = await subscription[Symbol.asyncIterator]().next();
        expect(first).toMatchObject({ done: false, value: { position: 0n } });
        await subscription.close();
      } finally {
        await store.close();
      }
    });

    it("refuses an append with AccessDenied (42501), and writes nothing", async () => {
      const store = await open(asAuditor(current));
      try {
        const refused = await store.appendToStream("grant-x", [newEvent()])();
        expect(refused).toMatchObject(E.left({ _tag: "AccessDenied", operation: "appendToStream", reason: expect.stringContaining("42501") }));
        expect(await store.readStream("grant-x")()).toMatchObject(E.left({ _tag: "StreamNotFound" }));
      } finally {
        await store.close();
      }
    });

    it("is denied a schema it has no rights on (AccessDenied), and may not create one", async () => {
      expect(await createPostgresEventStore(asAuditor(hidden))()).toMatchObject(E.left({ _tag: "AccessDenied", operation: "open" }));
      const creating = await createPostgresEventStore(asAuditor(missing))();
      expect(creating).toMatchObject(E.left({ _tag: "AccessDenied", operation: "migrate", reason: expect.stringContaining("which holds no store yet") }));
      expect(await schemaExists(missing)).toBe(false);
    });

    it("cannot migrate a schema that is behind (AccessDenied), and reads it with migrate: false", async () => {
      expect(await createPostgresEventStore(asAuditor(behind))()).toMatchObject(E.left({ _tag: "AccessDenied", operation: "migrate" }));
      const store = await open(asAuditor(behind, { migrate: false }));
      try {
        expect(await verifyAll(store)).toMatchObject({ events: 6 });
      } finally {
        await store.close();
      }
    });
  },
);
