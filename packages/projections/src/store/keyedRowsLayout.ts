import type { EventShape } from "@grantledger/core";
import type { PersistentMap } from "../persistentMap.js";
import type { Projection } from "../projection.js";

/** A state that is nothing but persistent maps, one per collection of rows. */
export type KeyedRowsState = Readonly<Record<string, PersistentMap<unknown>>>;

/**
 * How a projection's state is kept as keyed rows rather than as one serialised whole: its state
 * is a record of persistent maps (collections), each entry a row under its key. A store that
 * knows the layout writes only the rows a batch changed (found by {@link diffMaps} through the
 * trie's structural sharing) and rebuilds the state from the rows on load, with no replay.
 *
 * Each row must survive JSON: plain objects, arrays, strings, finite numbers, booleans and
 * `null` (money is integer øre, a number). A field that is `undefined` is left out of the row,
 * so it reads back absent, which the query functions treat alike.
 */
export interface KeyedRowsLayout {
  /** The projection's name: the read model the rows belong to. */
  readonly name: string;
  /** The projection version whose state this layout describes; a state saved under another version is rebuilt. */
  readonly version: number;
  /** The collections, in the order their rows are written: the keys of the state record. */
  readonly collections: readonly string[];
}

/**
 * The layout of a projection whose state is a record of persistent maps: `collections` names
 * every one of them (a state field left out would not be stored). The built-in read models'
 * layouts are made with it, and a user's own projection is kept by rows in the same way:
 *
 * ```ts
 * const layout = keyedRowsLayout(myProjection, ["cases"]);
 * createPostgresReadModelStore(store, { layouts: [...STANDARD_LAYOUTS, layout] });
 * ```
 */
export const keyedRowsLayout = <S extends { readonly [K in keyof S]: PersistentMap<unknown> }>(projection: Projection<S, EventShape>, collections: readonly (keyof S & string)[]): KeyedRowsLayout => {
  const fields = Object.keys(projection.initialState).sort();
  const named = [...collections].sort();
  if (fields.length !== named.length || fields.some((field, index) => field !== named[index]))
    throw new RangeError(`layout of ${projection.name}: its state has the fields ${fields.join(", ")}, the layout names ${named.join(", ")}`);
  return { name: projection.name, version: projection.version, collections: [...collections] };
};
