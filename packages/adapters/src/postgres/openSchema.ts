import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { AccessDenied } from "@grantledger/core";
import { CURRENT_SCHEMA_VERSION, migrate, SchemaTooNew } from "./migrate.js";
import { accessDenied, isAccessDenied } from "./sqlErrors.js";
import { quoteIdentifier } from "./sqlNames.js";
import type { SqlDriver, SqlExecutor } from "./sqlDriver.js";

/** Opening without migrating found no grantledger store in the schema; nothing was created. */
export interface SchemaNotMigrated {
  readonly _tag: "SchemaNotMigrated";
  /** The schema opened. */
  readonly schema: string;
  /** The newest migration the schema holds: 0, none. */
  readonly found: number;
  /** The migration this library brings a schema to. */
  readonly current: number;
  /** The same in one sentence, as the other errors of opening give it. */
  readonly reason: string;
}

/**
 * The newest migration `schema` holds, 0 when it holds no store: plain SELECTs, which a role
 * that may only read the store may run.
 */
export const schemaVersion = async (db: SqlExecutor, schema: string): Promise<number> => {
  // NULL for a missing schema or table, where selecting from it would fail.
  const [table] = await db.query("SELECT to_regclass($1) IS NOT NULL AS present", [`${quoteIdentifier(schema)}.grantledger_migrations`]);
  if (table?.["present"] !== true) return 0;
  const [row] = await db.query(`SELECT coalesce(max(version), 0) AS version FROM ${quoteIdentifier(schema)}.grantledger_migrations`);
  return Number(row?.["version"] ?? 0);
};

/**
 * Gets `schema` ready for a store and returns the migration it is at. The version is read
 * first, so a current schema opens without a single write (and without the migration's
 * lock): that is what lets a read-only role open it. A schema that is behind is migrated when
 * `allowMigrate`; otherwise it is used as it is, since reads need only migration 1's tables and
 * an append that needs a later migration says so (see `appendEvents`). A role that may not
 * migrate gets `AccessDenied`. Throws `SchemaTooNew` and the driver's other errors.
 */
export const openSchema = async (
  driver: SqlDriver,
  schema: string,
  allowMigrate: boolean,
): Promise<Either<SchemaNotMigrated | AccessDenied, number>> => {
  const found = await schemaVersion(driver, schema);
  if (found > CURRENT_SCHEMA_VERSION) throw new SchemaTooNew(schema, found, CURRENT_SCHEMA_VERSION);
  if (found === CURRENT_SCHEMA_VERSION) return E.right(found);
  if (allowMigrate) {
    try {
      // Checks again under its lock: another process may have migrated since.
      await migrate(driver, schema);
    } catch (error) {
      if (!isAccessDenied(error)) throw error;
      // A role that may read but not migrate: say how it can still open the store.
      const denied = accessDenied("migrate", error);
      const how = found === 0 ? "which holds no store yet" : `which is at migration ${found} of ${CURRENT_SCHEMA_VERSION}: open with migrate: false to read it as it is`;
      return E.left({ ...denied, reason: `${denied.reason}; this role may not migrate schema ${schema}, ${how}` });
    }
    return E.right(CURRENT_SCHEMA_VERSION);
  }
  if (found > 0) return E.right(found);
  const reason = `schema ${schema} holds no grantledger store, and this store was opened without migrating (migrate: false), so nothing was created`;
  return E.left({ _tag: "SchemaNotMigrated", schema, found, current: CURRENT_SCHEMA_VERSION, reason });
};
