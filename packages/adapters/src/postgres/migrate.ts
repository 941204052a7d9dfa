import { eventTablesMigration } from "./eventTablesMigration.js";
import { keptRecordedAtMigration } from "./keptRecordedAtMigration.js";
import { readModelTablesMigration } from "./readModelTablesMigration.js";
import { lifecycleFiguresMigration } from "./lifecycleFiguresMigration.js";
import { streamExistsReplayMigration } from "./streamExistsReplayMigration.js";
import { readModelEntriesMigration } from "./readModelEntriesMigration.js";
import { importEventsMigration } from "./importEventsMigration.js";
import { personalDataKeysMigration } from "./personalDataKeysMigration.js";
import { migrationLockKey, quoteIdentifier } from "./sqlNames.js";
import type { SqlDriver } from "./sqlDriver.js";

/** One step of the schema's history; `sql` is given the schema name and may hold many statements. */
export interface Migration {
  /** Its number: 1, 2, 3 … in order, recorded in `grantledger_migrations` once applied. */
  readonly version: number;
  /** What it does, in a few words. */
  readonly name: string;
  /** The statements, for the schema named. */
  readonly sql: (schema: string) => string;
}

/** Every migration, oldest first. Append new ones; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "event log and append function", sql: eventTablesMigration },
  { version: 2, name: "read models and checkpoints", sql: readModelTablesMigration },
  { version: 3, name: "append keeps an imported recorded time", sql: keptRecordedAtMigration },
  { version: 4, name: "totals views show repaid and returned money", sql: lifecycleFiguresMigration },
  { version: 5, name: "a stream_exists retry of a stream's first batch is replayed", sql: streamExistsReplayMigration },
  { version: 6, name: "read models as rows, written row by row", sql: readModelEntriesMigration },
  { version: 7, name: "bulk import function", sql: importEventsMigration },
  { version: 8, name: "personal data keys and erasures", sql: personalDataKeysMigration },
];

/** The migration a current schema is at: the newest this library knows. */
export const CURRENT_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));

/** The database holds migrations this library does not know: it was migrated by a newer one. */
export class SchemaTooNew extends Error {
  /**
   * @param schema - the schema opened.
   * @param found - the newest migration it holds.
   * @param known - the newest migration this library knows.
   */
  constructor(
    readonly schema: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(`schema ${schema} is at migration ${found}, newer than this library's ${known}; upgrade grantledger`);
    this.name = "SchemaTooNew";
  }
}

/**
 * Brings `schema` up to date and returns the versions it applied (none when already current).
 *
 * Everything runs in one transaction under an advisory lock on the schema's name, so two
 * processes starting at once take turns: the second waits, then finds nothing left to do. The
 * lock is taken before `CREATE SCHEMA IF NOT EXISTS`, which itself fails when raced. DDL is
 * transactional in PostgreSQL, so a failed migration leaves the schema as it was.
 */
export const migrate = (driver: SqlDriver, schema: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> =>
  driver.transaction(async (tx) => {
    const [classId, objectId] = migrationLockKey(schema);
    await tx.query("SELECT pg_advisory_xact_lock($1, $2)", [classId, objectId]);
    const s = quoteIdentifier(schema);
    await tx.script(`
      CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.grantledger_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );`);
    const rows = await tx.query(`SELECT version FROM ${s}.grantledger_migrations`);
    const done = new Set(rows.map((row) => Number(row["version"])));
    const known = Math.max(0, ...migrations.map((migration) => migration.version));
    const newest = Math.max(0, ...done);
    if (newest > known) throw new SchemaTooNew(schema, newest, known);
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.script(migration.sql(schema));
      await tx.query(`INSERT INTO ${s}.grantledger_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
