import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { frozenJsonObjectCopy } from "./jsonCopy.js";

class Amount {
  constructor(readonly value: number) {}
}

describe("frozenJsonObjectCopy", () => {
  it("copies deeply and freezes every level", () => {
    const original = { a: { b: [1, { c: "d" }] } };
    const copy = frozenJsonObjectCopy(original);
    expect(copy).toEqual(E.right(original));
    if (E.isLeft(copy)) return;
    expect(copy.right).not.toBe(original);
    expect(copy.right["a"]).not.toBe(original.a);
    expect(Object.isFrozen(copy.right)).toBe(true);
    expect(Object.isFrozen(copy.right["a"])).toBe(true);
    expect(Object.isFrozen(original)).toBe(false);
  });

  it("gives back 0 for -0, as JSON text would", () => {
    const copy = frozenJsonObjectCopy({ zero: -0 });
    expect(E.isRight(copy) && Object.is(copy.right["zero"], 0)).toBe(true);
  });

  it("keeps a __proto__ key as an ordinary property, as JSON.parse does", () => {
    const original: unknown = JSON.parse('{"__proto__": {"polluted": true}}');
    const copy = frozenJsonObjectCopy(original);
    if (E.isLeft(copy)) throw new Error(copy.left);
    expect(Object.getPrototypeOf(copy.right)).toBe(Object.prototype);
    expect(Object.keys(copy.right)).toEqual(["__proto__"]);
    expect(JSON.stringify(copy.right)).toBe('{"__proto__":{"polluted":true}}');
  });

  it("accepts objects without a prototype", () => {
    const bare: Record<string, unknown> = Object.create(null);
    bare["x"] = 1;
    expect(frozenJsonObjectCopy({ bare })).toEqual(E.right({ bare: { x: 1 } }));
  });

  it.each<[string, unknown, string]>([
    ["an array at the top", [1], " is an array, not a JSON object"],
    ["null at the top", null, " is null, not a JSON object"],
    ["a class instance", { amount: new Amount(1) }, ".amount is an instance of Amount, which JSON cannot hold; store a plain object or string"],
    ["a Map", { lines: [{ byRegion: new Map() }] }, ".lines[0].byRegion is an instance of Map, which JSON cannot hold; store a plain object or string"],
    ["a hole in an array", { list: Object.assign(new Array<unknown>(3), { 0: 1, 2: 3 }) }, ".list[1] is undefined, which JSON cannot hold"],
    ["a symbol", { "odd key": Symbol("s") }, '["odd key"] is a symbol, which JSON cannot hold'],
    ["a bigint", { n: 5n }, ".n is a bigint (5n), which JSON cannot hold"],
    ["-Infinity", { n: Number.NEGATIVE_INFINITY }, ".n is -Infinity, which JSON cannot hold"],
  ])("refuses %s, naming where", (_label, value, reason) => {
    expect(frozenJsonObjectCopy(value)).toEqual(E.left(reason));
  });

  it("refuses a cycle but accepts the same object twice side by side", () => {
    const shared = { x: 1 };
    expect(frozenJsonObjectCopy({ a: shared, b: [shared] })).toEqual(E.right({ a: { x: 1 }, b: [{ x: 1 }] }));
    const loop: { next?: unknown } = {};
    loop.next = { back: loop };
    expect(frozenJsonObjectCopy({ loop })).toEqual(E.left(".loop.next.back refers back to an enclosing object (a cycle)"));
  });

  it("copies nesting deeper than its quick walk follows, and names a problem found down there", () => {
    const nest = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { next: nest(depth - 1, leaf) });
    const deep = nest(100, [1]);
    const copy = frozenJsonObjectCopy(deep);
    expect(copy).toEqual(E.right(deep));
    let level: unknown = E.isRight(copy) ? copy.right : undefined;
    for (let depth = 0; depth < 100; depth++) {
      expect(Object.isFrozen(level)).toBe(true);
      level = (level as { next: unknown }).next;
    }
    expect(Object.isFrozen(level)).toBe(true);
    expect(frozenJsonObjectCopy(nest(70, Number.NaN))).toEqual(E.left(`${".next".repeat(70)} is NaN, which JSON cannot hold`));
  });

  it("turns a throwing getter into a refusal instead of a throw", () => {
    const data = {
      get total(): number {
        throw new Error("not computed");
      },
    };
    expect(frozenJsonObjectCopy(data)).toEqual(E.left(".total could not be read: not computed"));
  });
});
