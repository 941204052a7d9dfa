/**
 * Deep copies of successive versions of one state, sharing what they have in common.
 *
 * Why not `structuredClone` on every save: a runner saves once per batch, and copying a whole
 * million-event read model at each of a thousand batches costs minutes. States are immutable
 * (a projection's `apply` makes new objects and never changes one it was given), so an object
 * already copied at an earlier save, being the same object, holds the same content: its copy is
 * taken again instead of being made again. A save then costs what changed since the last one.
 * What was saved still cannot change afterwards: the copies belong to the store alone.
 *
 * Copies plain data as `structuredClone` does (objects, arrays, `Map`, `Set`, `Date`, bigints,
 * cycles) and refuses what it would refuse (functions, symbols) and class instances.
 */
export class IncrementalCopier {
  // Keyed by the caller's objects: a version no longer held by anyone lets its copies go.
  readonly #copies = new WeakMap<object, unknown>();

  /** A deep copy of `value`, made of new objects only where `value` has objects not seen before. */
  copy(value: unknown): unknown {
    if (typeof value === "function" || typeof value === "symbol") throw new TypeError(`a ${typeof value} cannot be saved`);
    if (typeof value !== "object" || value === null) return value;
    const known = this.#copies.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const copy: unknown[] = new Array<unknown>(value.length);
      this.#copies.set(value, copy);
      // A hole stays a hole, as structuredClone keeps it: `[1, , 3]` is not `[1, undefined, 3]`.
      for (let index = 0; index < value.length; index++) if (index in value) copy[index] = this.copy(value[index]);
      return copy;
    }
    if (value instanceof Map) {
      const copy = new Map<unknown, unknown>();
      this.#copies.set(value, copy);
      for (const [key, entry] of value) copy.set(this.copy(key), this.copy(entry));
      return copy;
    }
    if (value instanceof Set) {
      const copy = new Set<unknown>();
      this.#copies.set(value, copy);
      for (const entry of value) copy.add(this.copy(entry));
      return copy;
    }
    if (value instanceof Date) return new Date(value.getTime());
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) throw new TypeError("a class instance cannot be saved; use plain data");
    const copy: Record<string, unknown> = {};
    this.#copies.set(value, copy);
    for (const key of Object.keys(value)) {
      const entry = this.copy((value as Record<string, unknown>)[key]);
      // "__proto__" as an own key must stay a key, not become the copy's prototype.
      if (key === "__proto__") Object.defineProperty(copy, key, { value: entry, enumerable: true, writable: true, configurable: true });
      else copy[key] = entry;
    }
    return copy;
  }
}
