import * as E from "fp-ts/lib/Either.js";
import { v4 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, MIGRATIONS } from "./migrate.js";
import { openPgDriver } from "./pgDriver.js";
import { createPostgresEventStore } from "./postgresEventStore.js";
import { quoteIdentifier } from "./sqlNames.js";
import type { SqlDriver } from "./sqlDriver.js";
import { serverUrl, TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await TestDatabase.open("server");
});
afterAll(() => database.close());

const allVersions = MIGRATIONS.map((migration) => migration.version);

/** A schema handed to the database for dropping at the end, with its migration table's rows. */
const freshSchema = (label: string): { schema: string; recorded: () => Promise<unknown[]> } => {
  const schema = uniqueSchema(label);
  database.options(schema);
  return {
    schema,
    recorded: async () =>
      (await database.admin.query(`SELECT version FROM ${quoteIdentifier(schema)}.grantledger_migrations ORDER BY version`)).map(
        (row) => row["version"],
      ),
  };
};

describe("migrations", () => {
  it("run twice: the second run applies nothing", async () => {
    const { schema, recorded } = freshSchema("twice");
    expect(await migrate(database.admin, schema)).toEqual(allVersions);
    expect(await migrate(database.admin, schema)).toEqual([]);
    expect(await recorded()).toEqual(allVersions);
  });

  it("run by several connections at once: applied exactly once, every run succeeds", async () => {
    const { schema, recorded } = freshSchema("concurrent");
    // Separate drivers are separate connections on a server; on PGlite they share its one queue.
    const drivers: SqlDriver[] =
      serverUrl === undefined
        ? [database.admin, database.admin, database.admin, database.admin]
        : await Promise.all(
            Array.from({ length: 4 }, () => openPgDriver({ connectionString: serverUrl ?? "", poolSize: 1, connectTimeoutMs: 5_000, statementTimeoutMs: 0 })),
          );
    try {
      const runs = await Promise.all(drivers.map((driver) => migrate(driver, schema)));
      expect(runs.filter((applied) => applied.length > 0)).toEqual([allVersions]);
      expect(await recorded()).toEqual(allVersions);
    } finally {
      if (serverUrl !== undefined) await Promise.all(drivers.map((driver) => driver.close()));
    }
  });

  it("refuse a schema migrated by a newer version of the library", async () => {
    const { schema } = freshSchema("newer");
    await migrate(database.admin, schema);
    await database.admin.query(`INSERT INTO ${quoteIdentifier(schema)}.grantledger_migrations (version, name) VALUES (999, 'from the future')`);
    const opened = await createPostgresEventStore(database.options(schema))();
    expect(opened).toMatchObject(E.left({ _tag: "StoreUnavailable", operation: "migrate" }));
    expect(E.isLeft(opened) && "reason" in opened.left ? opened.left.reason : "").toContain("migration 999, newer than this library's");
  });

  it("leave history append-only: an event cannot be changed or deleted, even with SQL", async () => {
    const { schema } = freshSchema("appendonly");
    const store = await database.openStore(schema);
    try {
      await store.appendToStream("grant-1", [{ id: v4(), type: "Tested", data: { amount: 1 }, metadata: {} }])();
      const events = `${quoteIdentifier(schema)}.events`;
      await expect(database.admin.query(`UPDATE ${events} SET data = '{"amount": 2}'`)).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(database.admin.query(`DELETE FROM ${events}`)).rejects.toThrow(/append-only: DELETE refused/);
      await expect(database.admin.query(`TRUNCATE ${events}`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    } finally {
      await store.close();
    }
  });
});
