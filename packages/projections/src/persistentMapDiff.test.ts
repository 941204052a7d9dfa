import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editMap, emptyMap, type PersistentMap } from "./persistentMap.js";
import { diffMaps, entriesOf } from "./persistentMapDiff.js";

const keys = Array.from({ length: 200 }, (_, index) => `g${index}`);
const write = fc.tuple(fc.constantFrom(...keys), fc.integer({ min: 0, max: 3 }));

// Values are boxed, so that setting a key always puts a new object there, as a fold does.
const applied = (map: PersistentMap<{ n: number }>, writes: readonly (readonly [string, number])[]) =>
  editMap(map, (draft) => {
    for (const [key, n] of writes) draft.set(key, { n });
  });

describe("diffMaps", () => {
  it("finds exactly the keys set between two versions, with their new values, across leaf splits", () => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 150 }), fc.array(write, { maxLength: 40 }), (first, second) => {
        const before = applied(emptyMap(), first);
        const after = applied(before, second);
        const { changed, removed } = diffMaps(before, after);
        const expected = new Map(second.map(([key]) => [key, undefined as unknown]));
        for (const [key, value] of entriesOf(after)) if (expected.has(key)) expected.set(key, value);
        expect(new Map(changed)).toEqual(expected);
        expect(changed.length).toBe(expected.size);
        expect(removed).toEqual([]);
      }),
    );
  });

  it("passes over a value set again to the very same object", () => {
    const one = { n: 1 };
    const before = editMap(emptyMap<{ n: number }>(), (draft) => keys.forEach((key) => draft.set(key, one)));
    const after = editMap(before, (draft) => draft.set("g7", one));
    expect(diffMaps(before, after)).toEqual({ changed: [], removed: [] });
  });

  it("names the keys a map no longer holds, between unrelated maps", () => {
    const before = applied(emptyMap(), keys.slice(0, 30).map((key) => [key, 1] as const));
    const after = applied(emptyMap(), keys.slice(10, 40).map((key) => [key, 1] as const));
    const { changed, removed } = diffMaps(before, after);
    expect(changed.map(([key]) => key).sort()).toEqual(keys.slice(10, 40).sort());
    expect([...removed].sort()).toEqual(keys.slice(0, 10).sort());
  });

  it("finds the one change in a large map, and none between a map and itself", () => {
    const big = applied(emptyMap(), Array.from({ length: 50_000 }, (_, index) => [`k${index}`, 0] as const));
    const after = applied(big, [["k17", 1]]);
    expect(diffMaps(big, after)).toEqual({ changed: [["k17", { n: 1 }]], removed: [] });
    expect(diffMaps(after, after)).toEqual({ changed: [], removed: [] });
  });
});
