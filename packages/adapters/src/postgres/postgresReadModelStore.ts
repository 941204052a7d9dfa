import * as E from "fp-ts/lib/Either.js";
import { deserialize, serialize } from "node:v8";
import { STANDARD_LAYOUTS } from "@grantledger/projections";
import type { KeyedRowsLayout, ReadModelStore, ReadModelStoreFailed, StoredReadModel } from "@grantledger/projections";
import { EntryWriter, loadEntries } from "./readModelEntries.js";
import { describeSqlError } from "./sqlErrors.js";
import { quoteIdentifier } from "./sqlNames.js";
import { optionalInt8, UnexpectedRow } from "./sqlRows.js";
import type { AdvisoryLockKey, LockSession, SqlDriver, SqlExecutor, SqlRow } from "./sqlDriver.js";

/** Options of {@link createPostgresReadModelStore}. */
export interface PostgresReadModelStoreOptions {
  /**
   * The read models kept as rows of `read_model_entries`, written row by row; default
   * `STANDARD_LAYOUTS` (grant register, round budgets, municipality totals). Any other read model
   * is kept whole, as bytes in `read_models.state`.
   */
  readonly layouts?: readonly KeyedRowsLayout[];
}

/** A save is allowed only while `session` holds `key`: the one-active-runner lock. */
export interface ReadModelFence {
  readonly session: LockSession;
  readonly key: AdvisoryLockKey;
}

/**
 * A {@link ReadModelStore} in the event store's database and schema (tables `read_models` and
 * `read_model_entries`; see the README). A save writes version, checkpoint and state in one
 * transaction, so after a crash or a failed statement a load finds all of one save or all of
 * the one before. A read model with a layout is kept as rows: a save writes only the rows its
 * batch changed, and a load rebuilds the state from the rows, without replaying events. What
 * changed is found by comparing the state with the one last saved, subtree by subtree, by
 * identity: the rows written are always those of the state given, but the next save counts on
 * the caller not changing a saved state in place, as a projection's pure fold never does.
 */
export const createPostgresReadModelStore = (
  store: { readonly driver: SqlDriver; readonly schema: string },
  options: PostgresReadModelStoreOptions = {},
): ReadModelStore => readModelStoreOver(store.driver, store.schema, options.layouts ?? STANDARD_LAYOUTS);

/** What the store last saved or loaded of a read model kept as rows: the base the next save is a change of. */
interface KnownRows {
  readonly version: number;
  readonly checkpoint: bigint | undefined;
  readonly state: unknown;
}

/** The store over a driver; with a fence, a save commits only while the fence's lock is held. */
export const readModelStoreOver = (
  driver: SqlDriver,
  schema: string,
  layouts: readonly KeyedRowsLayout[],
  fence?: ReadModelFence,
): ReadModelStore => {
  const s = quoteIdentifier(schema);
  const layoutsByName = new Map(layouts.map((layout) => [layout.name, layout]));
  const known = new Map<string, KnownRows>();

  // Whether the rows stored are those of `base`: written by this store at the checkpoint it
  // remembers, and not since by another (a runner that lost its lock and got it back).
  const rowsAreOf = async (tx: SqlExecutor, name: string, base: KnownRows | undefined): Promise<boolean> => {
    if (base === undefined) return false;
    const [row] = await tx.query(`SELECT version, checkpoint, state IS NULL AS in_rows FROM ${s}.read_models WHERE name = $1 FOR UPDATE`, [name]);
    return row !== undefined && row["in_rows"] === true && int4(row, "version") === base.version && optionalInt8(row, "checkpoint") === base.checkpoint;
  };

  const saveRow = (tx: SqlExecutor, name: string, model: StoredReadModel, state: Uint8Array | null) =>
    tx.query(
      `INSERT INTO ${s}.read_models (name, version, checkpoint, state, saved_at) VALUES ($1, $2, $3::bigint, $4, now())
        ON CONFLICT (name) DO UPDATE SET version = excluded.version, checkpoint = excluded.checkpoint,
          state = excluded.state, saved_at = excluded.saved_at`,
      [name, model.version, model.checkpoint === undefined ? null : model.checkpoint.toString(), state],
    );

  return {
    load: (name) => async () => {
      try {
        const [row] = await driver.query(`SELECT version, checkpoint, state FROM ${s}.read_models WHERE name = $1`, [name]);
        if (row === undefined) return E.right(undefined);
        const version = int4(row, "version");
        const checkpoint = optionalInt8(row, "checkpoint");
        if (row["state"] !== null) return E.right({ version, checkpoint, state: deserialize(bytes(row, "state")) as unknown });
        const layout = layoutsByName.get(name);
        // Rows this store has no layout for (or of another version) cannot be read: rebuild.
        if (layout === undefined || layout.version !== version) return E.right(undefined);
        const loaded = await driver.transaction(async (tx) => {
          await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
          const [again] = await tx.query(`SELECT version, checkpoint FROM ${s}.read_models WHERE name = $1 AND state IS NULL`, [name]);
          if (again === undefined || int4(again, "version") !== version) return undefined;
          return { version, checkpoint: optionalInt8(again, "checkpoint"), state: await loadEntries(tx, schema, name, layout) as unknown };
        });
        if (loaded !== undefined) known.set(name, loaded);
        return E.right(loaded);
      } catch (error) {
        return E.left(failed(name, "load", error));
      }
    },
    save: (name, model) => async () => {
      const layout = layoutsByName.get(name);
      const asRows = layout !== undefined && layout.version === model.version;
      let state: Buffer | null = null;
      try {
        // Serialised at once: the saved state is a copy, whatever the caller does with its object.
        if (!asRows) state = serialize(model.state);
      } catch (error) {
        return E.left(failed(name, "save", error));
      }
      try {
        await driver.transaction(async (tx) => {
          if (fence !== undefined && !(await fence.session.holds(fence.key, tx))) throw new LockLost();
          const entries = new EntryWriter(schema, name, model.checkpoint);
          if (!asRows) await entries.clear(tx);
          else {
            const base = known.get(name);
            if (base !== undefined && (await rowsAreOf(tx, name, base))) await entries.update(tx, layout, base.state, model.state);
            else await entries.rewrite(tx, layout, model.state);
          }
          await saveRow(tx, name, model, state);
        });
        if (asRows) known.set(name, { version: model.version, checkpoint: model.checkpoint, state: model.state });
        else known.delete(name);
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
