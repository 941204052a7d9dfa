import * as E from "fp-ts/lib/Either.js";
import { deserialize, serialize } from "node:v8";
import type { ReadModelStore, ReadModelStoreFailed } from "@grantledger/projections";
import { municipalityTotalsRows } from "./readModelRows.js";
import type { ReadModelRows } from "./readModelRows.js";
import { describeSqlError } from "./sqlErrors.js";
import { quoteIdentifier } from "./sqlNames.js";
import { optionalInt8, UnexpectedRow } from "./sqlRows.js";
import type { AdvisoryLockKey, LockSession, SqlDriver, SqlRow } from "./sqlDriver.js";

/** Options of {@link createPostgresReadModelStore}. */
export interface PostgresReadModelStoreOptions {
  /** Which read models also get rows for plain SQL; default: the municipality totals. */
  readonly rows?: readonly ReadModelRows[];
}

/** A save is allowed only while `session` holds `key`: the one-active-runner lock. */
export interface ReadModelFence {
  readonly session: LockSession;
  readonly key: AdvisoryLockKey;
}

/**
 * A {@link ReadModelStore} in the event store's database and schema (tables `read_models` and
 * `read_model_rows`; see the README). A save writes version, checkpoint, state and the derived
 * rows in one transaction, so after a crash or a failed statement a load finds all of one save
 * or all of the one before.
 */
export const createPostgresReadModelStore = (
  store: { readonly driver: SqlDriver; readonly schema: string },
  options: PostgresReadModelStoreOptions = {},
): ReadModelStore => readModelStoreOver(store.driver, store.schema, options.rows ?? [municipalityTotalsRows]);

/** The store over a driver; with a fence, a save commits only while the fence's lock is held. */
export const readModelStoreOver = (
  driver: SqlDriver,
  schema: string,
  rows: readonly ReadModelRows[],
  fence?: ReadModelFence,
): ReadModelStore => {
  const s = quoteIdentifier(schema);
  const rowsByName = new Map(rows.map((spec) => [spec.name, spec]));
  return {
    load: (name) => async () => {
      try {
        const [row] = await driver.query(`SELECT version, checkpoint, state FROM ${s}.read_models WHERE name = $1`, [name]);
        if (row === undefined) return E.right(undefined);
        const state: unknown = deserialize(bytes(row, "state"));
        return E.right({ version: int4(row, "version"), checkpoint: optionalInt8(row, "checkpoint"), state });
      } catch (error) {
        return E.left(failed(name, "load", error));
      }
    },
    save: (name, model) => async () => {
      let state: Buffer;
      let derived: string | undefined;
      try {
        // Serialised at once: the saved state is a copy, whatever the caller does with its object.
        state = serialize(model.state);
        const spec = rowsByName.get(name);
        derived = spec === undefined ? undefined : spec.version === model.version ? rowsJson(spec.rowsOf(model.state)) : "{}";
      } catch (error) {
        return E.left(failed(name, "save", error));
      }
      try {
        await driver.transaction(async (tx) => {
          if (fence !== undefined && !(await fence.session.holds(fence.key, tx))) throw new LockLost();
          await tx.query(
            `INSERT INTO ${s}.read_models (name, version, checkpoint, state, saved_at) VALUES ($1, $2, $3::bigint, $4, now())
              ON CONFLICT (name) DO UPDATE SET version = excluded.version, checkpoint = excluded.checkpoint,
                state = excluded.state, saved_at = excluded.saved_at`,
            [name, model.version, model.checkpoint === undefined ? null : model.checkpoint.toString(), state],
          );
          if (derived === undefined) return;
          await tx.query(`DELETE FROM ${s}.read_model_rows WHERE name = $1`, [name]);
          await tx.query(`INSERT INTO ${s}.read_model_rows (name, key, row) SELECT $1, key, value FROM jsonb_each($2::jsonb)`, [name, derived]);
        });
        return E.right(undefined);
      } catch (error) {
        return E.left(failed(name, "save", error));
      }
    },
  };
};

/** The fence refused a save: another runner may be active now. */
class LockLost extends Error {
  constructor() {
    super("this runner no longer holds the projection's lock (its connection was lost); another runner may be active");
    this.name = "LockLost";
  }
}

// Written key by key: an object built from the rows would treat a "__proto__" key specially.
const rowsJson = (rows: Iterable<readonly [string, unknown]>): string => {
  const parts: string[] = [];
  for (const [key, row] of rows) parts.push(`${JSON.stringify(key)}:${JSON.stringify(row)}`);
  return `{${parts.join(",")}}`;
};

const failed = (name: string, operation: "load" | "save", error: unknown): ReadModelStoreFailed => ({
  _tag: "ReadModelStoreFailed",
  name,
  operation,
  reason: describeSqlError(error),
});

/** A bytea column: a Buffer from `pg`, a Uint8Array from PGlite. */
const bytes = (row: SqlRow, column: string): Uint8Array => {
  const value = row[column];
  if (!(value instanceof Uint8Array)) throw new UnexpectedRow(column, value);
  return value;
};

const int4 = (row: SqlRow, column: string): number => {
  const value = row[column];
  if (typeof value !== "number") throw new UnexpectedRow(column, value);
  return value;
};
