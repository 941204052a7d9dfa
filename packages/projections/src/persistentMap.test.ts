import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editMap, emptyMap, getFrom, setIn, valuesOf, type PersistentMap } from "./persistentMap.js";

const entries = <V>(map: PersistentMap<V>): Map<string, V> => {
  const copy = new Map<string, V>();
  for (const key of allKeys) {
    const value = getFrom(map, key);
    if (value !== undefined) copy.set(key, value);
  }
  return copy;
};
const allKeys = Array.from({ length: 60 }, (_, index) => (index % 2 === 0 ? `k${index}` : `${1000 + index}`));
const key = fc.constantFrom(...allKeys);

describe("persistentMap", () => {
  it("behaves as a Map, and every earlier version stays as it was", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 80 }), (writes) => {
        const model = new Map<string, number>();
        let map = emptyMap<number>();
        const versions: [PersistentMap<number>, Map<string, number>][] = [];
        for (const [k, v] of writes) {
          versions.push([map, new Map(model)]);
          map = setIn(map, k, v);
          model.set(k, v);
        }
        expect(entries(map)).toEqual(model);
        expect(map.size).toBe(model.size);
        expect([...valuesOf(map)].sort()).toEqual([...model.values()].sort());
        for (const [old, oldModel] of versions) {
          expect(entries(old)).toEqual(oldModel);
          expect(old.size).toBe(oldModel.size);
        }
      }),
    );
  });

  it("applies many writes in one edit and reads its own writes", () => {
    const before = setIn(emptyMap<number>(), "a", 1);
    const after = editMap(before, (draft) => {
      draft.set("a", (draft.get("a") ?? 0) + 1);
      draft.set("b", 10);
      draft.set("a", (draft.get("a") ?? 0) + 1);
    });
    expect([getFrom(after, "a"), getFrom(after, "b"), after.size]).toEqual([3, 10, 2]);
    expect([getFrom(before, "a"), getFrom(before, "b"), before.size]).toEqual([1, undefined, 1]);
  });

  it("returns the same map for an edit that writes nothing", () => {
    const map = setIn(emptyMap<number>(), "a", 1);
    expect(editMap(map, () => undefined)).toBe(map);
  });

  it("survives structuredClone, so read-model stores can copy it", () => {
    let map = emptyMap<{ n: number }>();
    for (let index = 0; index < 500; index++) map = setIn(map, `key-${index}`, { n: index });
    const copy = structuredClone(map);
    expect(getFrom(copy, "key-321")).toEqual({ n: 321 });
    expect(setIn(copy, "key-1", { n: -1 }).size).toBe(500);
    expect(getFrom(map, "key-1")).toEqual({ n: 1 });
  });
});
