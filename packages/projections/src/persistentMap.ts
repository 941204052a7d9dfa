/*
 * Why a persistent map rather than `ReadonlyMap` copies or a mutable accumulator:
 * a projection's `apply` must be pure (callers keep old states; `projectAsOf` and a live runner
 * must never share a mutable object), yet MunicipalityTotals keeps one entry per grant and is
 * rebuilt over a million events. Copying a whole `Map` per event would make a rebuild
 * quadratic; a mutable accumulator would be fast but would hand callers states that change
 * under them. A hash trie shares everything but the path it changes, and an editor that owns
 * the nodes it has copied changes them in place until it is finished: a fold over a batch
 * copies each touched node once per batch, not once per event.
 *
 * The trie is plain arrays, so `structuredClone` (and `node:v8` serialisation, for a store that
 * keeps states as bytes) copies it faithfully. A branch is an array of 32 children (`undefined`
 * where empty); a leaf is a flat `[key, value, key, value, …]` array, told apart from a branch
 * by its first element being a key (a string). A leaf splits into a branch when it passes
 * eight entries, so a map of eight keys is one small array and a map of a million is five
 * levels deep.
 */

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
const LEAF_ENTRIES = 8;
// A 32-bit hash gives six full levels; keys that collide beyond them share an unbounded leaf.
const LAST_SPLIT_LEVEL = 5;

type Node = unknown[];

/** An immutable map from string keys to values, with structural sharing between versions. */
export interface PersistentMap<V> {
  /** How many keys it holds. */
  readonly size: number;
  /** The trie; treat as opaque. `undefined` while the map is empty. */
  readonly root: readonly unknown[] | undefined;
  /** Never set: only ties the map to its value type. */
  readonly _value?: V;
}

/** Reads and writes on a map being built. */
export interface MapDraft<V> {
  /** The value under `key`, including one set in this draft; `undefined` if none. */
  get(key: string): V | undefined;
  /** Puts `value` under `key`, replacing any value there. */
  set(key: string, value: V): void;
}

/** A draft that yields the new map once finished; use it no more after {@link MapEditor.finish}. */
export interface MapEditor<V> extends MapDraft<V> {
  /** The map with every change made; the map edited is left as it was. */
  finish(): PersistentMap<V>;
}

/** The empty map. */
export const emptyMap = <V>(): PersistentMap<V> => ({ size: 0, root: undefined });

// FNV-1a: cheap, and spreads short numeric keys (municipality numbers) as well as UUIDs.
const hashOf = (key: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return hash >>> 0;
};

const slot = (hash: number, level: number): number => (hash >>> (level * BITS)) & MASK;
const isLeaf = (node: Node): boolean => typeof node[0] === "string";

const lookUp = <V>(root: Node | undefined, key: string): V | undefined => {
  const hash = hashOf(key);
  let node = root;
  for (let level = 0; node !== undefined; level++) {
    if (isLeaf(node)) {
      for (let index = 0; index < node.length; index += 2) if (node[index] === key) return node[index + 1] as V;
      return undefined;
    }
    node = node[slot(hash, level)] as Node | undefined;
  }
  return undefined;
};

/** The value under `key`, if any. */
export const getFrom = <V>(map: PersistentMap<V>, key: string): V | undefined => lookUp<V>(map.root as Node | undefined, key);

// A class, not closures: an editor is made per event by `apply`, and methods on a prototype
// cost nothing to create.
class TrieEditor<V> implements MapEditor<V> {
  readonly #original: PersistentMap<V>;
  readonly #owned = new Set<Node>();
  #root: Node | undefined;
  #size: number;
  #finished = false;

  constructor(map: PersistentMap<V>) {
    this.#original = map;
    this.#root = map.root as Node | undefined;
    this.#size = map.size;
  }

  get(key: string): V | undefined {
    return lookUp<V>(this.#root, key);
  }

  set(key: string, value: V): void {
    if (this.#finished) throw new Error("this map editor is finished; start another");
    this.#root = this.#insert(this.#root, 0, hashOf(key), key, value);
  }

  finish(): PersistentMap<V> {
    this.#finished = true;
    return this.#root === this.#original.root ? this.#original : { size: this.#size, root: this.#root };
  }

  // The nodes this editor made are its own and change in place; any other is copied first.
  #own(node: Node): Node {
    if (this.#owned.has(node)) return node;
    const copy = node.slice();
    this.#owned.add(copy);
    return copy;
  }

  #insert(node: Node | undefined, level: number, hash: number, key: string, value: unknown): Node {
    if (node === undefined) {
      this.#size += 1;
      const leaf: Node = [key, value];
      this.#owned.add(leaf);
      return leaf;
    }
    if (!isLeaf(node)) {
      const branch = this.#own(node);
      const index = slot(hash, level);
      branch[index] = this.#insert(branch[index] as Node | undefined, level + 1, hash, key, value);
      return branch;
    }
    for (let index = 0; index < node.length; index += 2) {
      if (node[index] !== key) continue;
      const leaf = this.#own(node);
      leaf[index + 1] = value;
      return leaf;
    }
    if (node.length < LEAF_ENTRIES * 2 || level > LAST_SPLIT_LEVEL) {
      this.#size += 1;
      const leaf = this.#own(node);
      leaf.push(key, value);
      return leaf;
    }
    // A full leaf becomes a branch: its entries move down a level (they are not new: undo their count).
    let branch: Node = new Array<unknown>(WIDTH).fill(undefined);
    this.#owned.add(branch);
    this.#size -= node.length / 2;
    for (let index = 0; index < node.length; index += 2) {
      const moved = node[index] as string;
      branch = this.#insert(branch, level, hashOf(moved), moved, node[index + 1]);
    }
    return this.#insert(branch, level, hash, key, value);
  }
}

/** An editor over `map`: its changes make a new map, and `map` stays as it was. */
export const editorOf = <V>(map: PersistentMap<V>): MapEditor<V> => new TrieEditor(map);

/** A new map with the changes `edit` makes; `map` itself is left as it was. */
export const editMap = <V>(map: PersistentMap<V>, edit: (draft: MapDraft<V>) => void): PersistentMap<V> => {
  const editor = editorOf(map);
  edit(editor);
  return editor.finish();
};

/** A new map with `key` set to `value`. */
export const setIn = <V>(map: PersistentMap<V>, key: string, value: V): PersistentMap<V> => editMap(map, (draft) => draft.set(key, value));

/** Every value, in no particular order (sort at the query, where the order is part of the answer). */
export function* valuesOf<V>(map: PersistentMap<V>): Generator<V> {
  const walk = function* (node: Node | undefined): Generator<V> {
    if (node === undefined) return;
    if (isLeaf(node)) for (let index = 1; index < node.length; index += 2) yield node[index] as V;
    else for (const child of node) yield* walk(child as Node | undefined);
  };
  yield* walk(map.root as Node | undefined);
}
