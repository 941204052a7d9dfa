import { describe, expect, it } from "vitest";
import { IncrementalCopier } from "./incrementalCopy.js";

describe("IncrementalCopier", () => {
  it("copies plain data deeply, as structuredClone would", () => {
    const cyclic: { self?: unknown; n: number } = { n: 1 };
    cyclic.self = cyclic;
    const value = { a: [1, "x", null, undefined, 2n], m: new Map([["k", { v: 1 }]]), s: new Set([1]), d: new Date(5), c: cyclic, o: Object.create(null) as object };
    const copy = new IncrementalCopier().copy(value) as typeof value;
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.a).not.toBe(value.a);
    expect(copy.m.get("k")).not.toBe(value.m.get("k"));
    expect(copy.c.self).toBe(copy.c);
  });

  it("keeps the holes of a sparse array, and an undefined that is not a hole", () => {
    const sparse: unknown[] = [1, 2, undefined, 4];
    delete sparse[1];
    const copy = new IncrementalCopier().copy(sparse) as unknown[];
    expect(copy).toStrictEqual(structuredClone(sparse));
    expect([1 in copy, 2 in copy, copy.length]).toEqual([false, true, 4]);
  });

  it("shares the copies of objects it has copied before, and copies new ones", () => {
    const copier = new IncrementalCopier();
    const shared = { rows: [1, 2, 3] };
    const first = copier.copy({ shared, changed: { n: 1 } }) as { shared: unknown; changed: unknown };
    const second = copier.copy({ shared, changed: { n: 2 } }) as { shared: unknown; changed: unknown };
    expect(second.shared).toBe(first.shared);
    expect(second.changed).toEqual({ n: 2 });
    expect(first.changed).toEqual({ n: 1 });
  });

  it("refuses functions, symbols and class instances", () => {
    const copier = new IncrementalCopier();
    expect(() => copier.copy({ f: () => 1 })).toThrow(/function/);
    expect(() => copier.copy([Symbol("s")])).toThrow(/symbol/);
    expect(() => copier.copy({ at: new (class Point {})() })).toThrow(/class instance/);
  });

  it("keeps an own __proto__ key as a key", () => {
    const value = JSON.parse('{"__proto__": {"x": 1}}') as object;
    const copy = new IncrementalCopier().copy(value) as object;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__"]);
  });
});
