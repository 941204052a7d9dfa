import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { BasisPoints, WHOLE_BPS, formatBasisPoints, unsafeBasisPoints } from "./basisPoints.js";

describe("BasisPoints", () => {
  it.each([0, 1, 2000, 9999, 10_000])("accepts %s", (n) => {
    expect(BasisPoints.is(n)).toBe(true);
    expect(E.isRight(BasisPoints.decode(n))).toBe(true);
    expect(unsafeBasisPoints(n)).toBe(n);
  });

  it.each([10_001, -1, 2.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("refuses %s", (n) => {
    expect(BasisPoints.is(n)).toBe(false);
    expect(E.isLeft(BasisPoints.decode(n))).toBe(true);
    expect(() => unsafeBasisPoints(n)).toThrow(RangeError);
  });

  it("refuses what is not a number", () => {
    for (const value of ["2000", null, undefined, 2000n]) expect(BasisPoints.is(value)).toBe(false);
  });

  it("accepts exactly the integers 0 to 10 000", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -20_000, max: 20_000 }), fc.double()), (n) => {
        expect(BasisPoints.is(n)).toBe(Number.isInteger(n) && n >= 0 && n <= 10_000);
      }),
    );
  });

  it("has 10 000 as the whole", () => {
    expect(WHOLE_BPS).toBe(10_000);
    expect(BasisPoints.is(WHOLE_BPS)).toBe(true);
    expect(BasisPoints.is(WHOLE_BPS + 1)).toBe(false);
  });
});

describe("formatBasisPoints", () => {
  it.each([
    [2000, "20,00 %"],
    [0, "0,00 %"],
    [5, "0,05 %"],
    [50, "0,50 %"],
    [1234, "12,34 %"],
    [9999, "99,99 %"],
    [10_000, "100,00 %"],
  ])("writes %s as %j", (bps, expected) => {
    expect(formatBasisPoints(unsafeBasisPoints(bps))).toBe(expected);
  });

  it("writes every share as percent with two decimals, which read back to the same basis points", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (n) => {
        const written = formatBasisPoints(unsafeBasisPoints(n));
        const match = /^(\d{1,3}),(\d{2}) %$/.exec(written);
        expect(match).not.toBeNull();
        expect(Number(match?.[1]) * 100 + Number(match?.[2])).toBe(n);
      }),
    );
  });
});
