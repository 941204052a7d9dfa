import type { PersistentMap } from "./persistentMap.js";

/*
 * Why a diff over the trie rather than a log of the keys a fold set: a fold's editor copies
 * exactly the nodes on the paths it changed, and every other subtree of the new map is the very
 * object it was in the old one. Walking both tries side by side and skipping identical subtrees
 * finds what a batch changed in time proportional to the change, with no bookkeeping inside
 * the projections (which stay pure folds).
 */

type Node = unknown[];

const isLeaf = (node: Node): boolean => typeof node[0] === "string";

/** What changed between two versions of a map: keys set to a new value, and keys gone. */
export interface MapChanges<V> {
  /** Keys new in `after` or whose value is not the very value `before` held, with their new value. */
  readonly changed: readonly (readonly [key: string, value: V])[];
  /** Keys of `before` that `after` no longer holds. */
  readonly removed: readonly string[];
}

const collect = (node: Node | undefined, into: Map<string, unknown>): void => {
  if (node === undefined) return;
  if (isLeaf(node)) for (let index = 0; index < node.length; index += 2) into.set(node[index] as string, node[index + 1]);
  else for (const child of node) collect(child as Node | undefined, into);
};

/** Every key and value of `map`, in no particular order. */
export function* entriesOf<V>(map: PersistentMap<V>): Generator<readonly [key: string, value: V]> {
  const walk = function* (node: Node | undefined): Generator<readonly [string, V]> {
    if (node === undefined) return;
    if (isLeaf(node)) for (let index = 0; index < node.length; index += 2) yield [node[index] as string, node[index + 1] as V];
    else for (const child of node) yield* walk(child as Node | undefined);
  };
  yield* walk(map.root as Node | undefined);
}

/**
 * The entries that differ between `before` and `after`, two versions of one map (one edited
 * from the other, directly or over several edits). Subtrees the two share are skipped, so the
 * cost follows the size of the change, not of the map; values are compared by identity, as an
 * edit that keeps a value keeps the very object.
 */
export const diffMaps = <V>(before: PersistentMap<V>, after: PersistentMap<V>): MapChanges<V> => {
  const changed: (readonly [string, V])[] = [];
  const removed: string[] = [];
  const walk = (a: Node | undefined, b: Node | undefined): void => {
    if (a === b) return;
    if (a !== undefined && b !== undefined && !isLeaf(a) && !isLeaf(b)) {
      for (let index = 0; index < b.length; index++) walk(a[index] as Node | undefined, b[index] as Node | undefined);
      return;
    }
    // A leaf on either side (or one side empty): few entries, compared key by key.
    const old = new Map<string, unknown>();
    collect(a, old);
    const now = new Map<string, unknown>();
    collect(b, now);
    for (const [key, value] of now) if (!old.has(key) || old.get(key) !== value) changed.push([key, value as V]);
    for (const key of old.keys()) if (!now.has(key)) removed.push(key);
  };
  walk(before.root as Node | undefined, after.root as Node | undefined);
  return { changed, removed };
};
