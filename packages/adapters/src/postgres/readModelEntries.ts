import { diffMaps, editorOf, emptyMap, entriesOf } from "@grantledger/projections";
import type { KeyedRowsLayout, KeyedRowsState, PersistentMap } from "@grantledger/projections";
import { quoteIdentifier } from "./sqlNames.js";
import { text, UnexpectedRow } from "./sqlRows.js";
import type { SqlExecutor } from "./sqlDriver.js";

// Rows per INSERT: large enough that a full rewrite of a million rows is a few hundred
// statements, small enough that one parameter stays a few megabytes.
const CHUNK = 2000;

/** The entries of a state, to write: collection, key and the row as JSON text. */
type Entry = readonly [collection: string, key: string, value: unknown];

const mapOf = (state: unknown, collection: string): PersistentMap<unknown> => {
  const map = (state as KeyedRowsState)[collection];
  if (map === undefined) throw new RangeError(`the state has no collection ${collection}`);
  return map;
};

const entryJson = ([collection, key, value]: Entry): string => {
  const json = JSON.stringify(value);
  // JSON.stringify gives undefined (not a string) for undefined and functions: not a row.
  if (typeof json !== "string") throw new TypeError(`${collection} ${key}: the row is not JSON (${typeof value})`);
  return `[${JSON.stringify(collection)},${JSON.stringify(key)},${json}]`;
};

/** Writes the entries of one read model's save, in the caller's transaction. */
export class EntryWriter {
  readonly #s: string;

  constructor(
    schema: string,
    readonly name: string,
    readonly checkpoint: bigint | undefined,
  ) {
    this.#s = quoteIdentifier(schema);
  }

  /** Upserts `entries`, chunked; counts the rows written. */
  async upsert(tx: SqlExecutor, entries: Iterable<Entry>): Promise<number> {
    let chunk: string[] = [];
    let written = 0;
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      await tx.query(
        `INSERT INTO ${this.#s}.read_model_entries (name, collection, key, value, saved_checkpoint)
          SELECT $1, e->>0, e->>1, e->2, $3::bigint FROM jsonb_array_elements($2::jsonb) e
          ON CONFLICT (name, collection, key) DO UPDATE SET value = excluded.value, saved_checkpoint = excluded.saved_checkpoint`,
        [this.name, `[${chunk.join(",")}]`, this.checkpoint?.toString() ?? null],
      );
      written += chunk.length;
      chunk = [];
    };
    for (const entry of entries) {
      chunk.push(entryJson(entry));
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    return written;
  }

  /** Removes the keys of `collection` named. */
  async remove(tx: SqlExecutor, collection: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await tx.query(`DELETE FROM ${this.#s}.read_model_entries WHERE name = $1 AND collection = $2 AND key = ANY($3::text[])`, [this.name, collection, keys]);
  }

  /** Removes every entry of the read model. */
  async clear(tx: SqlExecutor): Promise<void> {
    await tx.query(`DELETE FROM ${this.#s}.read_model_entries WHERE name = $1`, [this.name]);
  }

  /** Replaces every entry with those of `state`. */
  async rewrite(tx: SqlExecutor, layout: KeyedRowsLayout, state: unknown): Promise<void> {
    await this.clear(tx);
    await this.upsert(tx, allEntries(layout, state));
  }

  /** Writes what changed from `before` to `after`, two states of one fold: O(changed rows). */
  async update(tx: SqlExecutor, layout: KeyedRowsLayout, before: unknown, after: unknown): Promise<void> {
    for (const collection of layout.collections) {
      const { changed, removed } = diffMaps(mapOf(before, collection), mapOf(after, collection));
      await this.upsert(tx, changed.map(([key, value]): Entry => [collection, key, value]));
      await this.remove(tx, collection, removed);
    }
  }
}

function* allEntries(layout: KeyedRowsLayout, state: unknown): Generator<Entry> {
  for (const collection of layout.collections) for (const [key, value] of entriesOf(mapOf(state, collection))) yield [collection, key, value];
}

/** The state kept as rows under `name`: each collection's entries made into its map again. */
export const loadEntries = async (tx: SqlExecutor, schema: string, name: string, layout: KeyedRowsLayout): Promise<KeyedRowsState> => {
  const editors = new Map(layout.collections.map((collection) => [collection, editorOf(emptyMap<unknown>())]));
  const rows = await tx.query(`SELECT collection, key, value::text AS value FROM ${quoteIdentifier(schema)}.read_model_entries WHERE name = $1`, [name]);
  for (const row of rows) {
    const collection = text(row, "collection");
    const editor = editors.get(collection);
    if (editor === undefined) throw new UnexpectedRow("collection", collection);
    editor.set(text(row, "key"), JSON.parse(text(row, "value")));
  }
  return Object.fromEntries([...editors].map(([collection, editor]) => [collection, editor.finish()]));
};
