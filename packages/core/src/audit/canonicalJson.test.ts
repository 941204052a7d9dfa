import canonicalize from "canonicalize";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonicalJson.js";

/** The result or the error message: the two must agree on both. */
const outcome = (write: (value: unknown) => string | undefined, value: unknown): { ok: string | undefined } | { error: string } => {
  try {
    return { ok: write(value) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

describe("canonicalJson", () => {
  it("writes JSON values exactly as the canonicalize package does", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }), { numRuns: 2000 });
  });

  it("agrees with the package on anything, errors included", () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true }), (value) => {
        expect(outcome(canonicalJson, value)).toEqual(outcome(canonicalize, value));
      },
      ),
      { numRuns: 2000 },
    );
  });

  it("agrees on strings of any code units, lone surrogates and control characters included, as values and as keys", () => {
    const text = fc.string({ unit: "binary", maxLength: 12 });
    fc.assert(
      fc.property(fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 }))), (value) => {
        expect(outcome(canonicalJson, value)).toEqual(outcome(canonicalize, value));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees on the cases the package refuses or rewrites", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic["self"] = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { d: [deep] };
    const cases: unknown[] = ["\u0000\u001f\u007f\u2028\u2029\"\\/", "a\uD83D\uDE00b", "\uDE00\uD83D", NaN, Infinity, -0, 1e21, 5e-7, "\uD800", { "\uDC00": 1 }, ["\uD83D\uDE00"], [undefined, 1], { a: undefined, b: 2 }, new Date(0), cyclic, deep, { b: 1, a: 2, é: 3, Z: 4, "😀": 5, "\uFF61": 6 }];
    for (const value of cases) expect(outcome(canonicalJson, value)).toEqual(outcome(canonicalize, value));
  });
});
