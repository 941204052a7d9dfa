import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { apportion } from "./apportion.js";
import { Money, unsafeMoney } from "./money.js";

const m = (n: number): Money => unsafeMoney(n);

const parts = (total: number, weights: readonly number[]): readonly number[] => {
  const result = apportion(m(total), weights);
  if (E.isLeft(result)) throw new Error(`unexpected ${result.left.reason}`);
  return result.right;
};

/**
 * An independent reference over exact rationals. Each quota is total * w / W; its floor and its
 * fractional part (a rational with denominator W) are BigInt. The leftover øre are handed out one
 * at a time, each to the part not yet given one whose fractional part is largest, lower index first
 * on a tie: a selection, not a sort, so it shares no code path with the implementation.
 */
const reference = (total: number, weights: readonly number[]): number[] => {
  const whole = BigInt(total);
  const weightSum = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  const floors = weights.map((w) => (whole * BigInt(w)) / weightSum);
  const fractions = weights.map((w) => ({ num: (whole * BigInt(w)) % weightSum, den: weightSum }));
  let leftover = whole - floors.reduce((sum, f) => sum + f, 0n);
  const given = weights.map(() => false);
  while (leftover > 0n) {
    let best = -1;
    for (let i = 0; i < weights.length; i++) {
      if (given[i]) continue;
      const candidate = fractions[i];
      const current = best === -1 ? undefined : fractions[best];
      // Compare a/d > b/d' by cross-multiplication, as rationals.
      if (candidate === undefined) continue;
      if (current === undefined || candidate.num * current.den > current.num * candidate.den) best = i;
    }
    given[best] = true;
    leftover -= 1n;
  }
  return floors.map((f, i) => Number(f + (given[i] ? 1n : 0n)));
};

const total = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(Number);
const weights = fc
  .array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 200 })
  .filter((ws) => ws.some((w) => w > 0));
// Few distinct weights, so ties in the remainders are common.
const tiedWeights = fc
  .array(fc.constantFrom(0, 1, 2, 3, 7), { minLength: 1, maxLength: 50 })
  .filter((ws) => ws.some((w) => w > 0));
const anyWeights = fc.oneof(weights, tiedWeights);

describe("apportion, by example", () => {
  it("gives a single øre over three equal weights to the first", () => {
    expect(parts(1, [1, 1, 1])).toEqual([1, 0, 0]);
  });

  it("gives two øre over three equal weights to the first two", () => {
    expect(parts(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });

  it("splits 100 øre in thirds as 34, 33, 33", () => {
    expect(parts(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(parts(100, [5000, 5000, 5000])).toEqual([34, 33, 33]);
  });

  it("gives leftovers to the largest remainders, not the lowest index", () => {
    // Quotas 10 * 1/6 = 1.67, 10 * 2/6 = 3.33, 10 * 3/6 = 5: the leftover øre goes to the first.
    expect(parts(10, [1, 2, 3])).toEqual([2, 3, 5]);
    // Quotas 1.43, 2.86, 5.71: floors 1, 2, 5 (8), two left, to remainders .86 and .71.
    expect(parts(10, [2, 4, 8])).toEqual([1, 3, 6]);
  });

  it("keeps exact quotas as they are", () => {
    expect(parts(10, [3, 0, 7])).toEqual([3, 0, 7]);
    expect(parts(1_000_000, [2500, 2500, 5000])).toEqual([250_000, 250_000, 500_000]);
  });

  it("gives every part zero of a zero total", () => {
    expect(parts(0, [1, 2, 3])).toEqual([0, 0, 0]);
  });

  it("gives everything to a single weight", () => {
    expect(parts(12_345, [7])).toEqual([12_345]);
    expect(parts(12_345, [0, 7, 0])).toEqual([0, 12_345, 0]);
  });

  it("is exact where total * weight passes 2^53", () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(parts(max, [1, 1])).toEqual([4_503_599_627_370_496, 4_503_599_627_370_495]);
    expect(parts(max, [10_000, 3])).toEqual(reference(max, [10_000, 3]));
    const sum = parts(max, [10_000, 3]).reduce((a, b) => a + BigInt(b), 0n);
    expect(sum).toBe(BigInt(max));
  });

  it.each<[string, readonly number[]]>([
    ["an empty list", []],
    ["all-zero weights", [0, 0, 0]],
    ["a negative weight", [1, -1, 2]],
    ["a fractional weight", [1, 1.5]],
    ["NaN", [Number.NaN, 1]],
    ["Infinity", [Number.POSITIVE_INFINITY, 1]],
    ["an unsafe weight", [2 ** 53, 1]],
  ])("refuses %s with InvalidWeights", (_, ws) => {
    const result = apportion(m(100), ws);
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) expect(result.left._tag).toBe("InvalidWeights");
  });

  it("names the weight it refused", () => {
    expect(apportion(m(100), [1, -3])).toEqual(
      E.left({ _tag: "InvalidWeights", reason: "weight -3 is not a non-negative integer" }),
    );
    expect(apportion(m(100), [])).toEqual(E.left({ _tag: "InvalidWeights", reason: "weights sum to zero" }));
  });
});

describe("apportion, by property", () => {
  it("agrees with a reference over BigInt rationals", () => {
    fc.assert(
      fc.property(total, anyWeights, (t, ws) => {
        expect(parts(t, ws)).toEqual(reference(t, ws));
      }),
    );
  });

  it("agrees with the reference also for totals up to 2^53 - 1", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), anyWeights, (t, ws) => {
        expect(parts(t, ws)).toEqual(reference(t, ws));
      }),
      { numRuns: 200 },
    );
  });

  it("gives one part per weight, each valid money, summing exactly to the total", () => {
    fc.assert(
      fc.property(total, anyWeights, (t, ws) => {
        const result = parts(t, ws);
        expect(result).toHaveLength(ws.length);
        for (const part of result) expect(Money.is(part)).toBe(true);
        expect(result.reduce((sum, p) => sum + BigInt(p), 0n)).toBe(BigInt(t));
      }),
    );
  });

  it("gives each part the floor of its quota or one more", () => {
    fc.assert(
      fc.property(total, anyWeights, (t, ws) => {
        const weightSum = ws.reduce((sum, w) => sum + BigInt(w), 0n);
        parts(t, ws).forEach((part, i) => {
          const floor = (BigInt(t) * BigInt(ws[i] ?? 0)) / weightSum;
          expect([floor, floor + 1n]).toContain(BigInt(part));
        });
      }),
    );
  });

  it("hands the extra øre to larger remainders first, the lower index on a tie", () => {
    fc.assert(
      fc.property(total, anyWeights, (t, ws) => {
        const weightSum = ws.reduce((sum, w) => sum + BigInt(w), 0n);
        const result = parts(t, ws);
        const remainder = (i: number): bigint => (BigInt(t) * BigInt(ws[i] ?? 0)) % weightSum;
        const gotExtra = (i: number): boolean => BigInt(result[i] ?? 0) > (BigInt(t) * BigInt(ws[i] ?? 0)) / weightSum;
        for (let i = 0; i < ws.length; i++) {
          for (let j = 0; j < ws.length; j++) {
            if (!gotExtra(i) || gotExtra(j)) continue;
            // i was preferred over j: its remainder is larger, or equal and i comes first.
            expect(remainder(i) > remainder(j) || (remainder(i) === remainder(j) && i < j)).toBe(true);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(total, anyWeights, (t, ws) => {
        expect(parts(t, ws)).toEqual(parts(t, [...ws]));
      }),
    );
  });

  it("gives equal weights parts that differ by at most one øre, the earlier never smaller", () => {
    fc.assert(
      fc.property(total, anyWeights, (t, ws) => {
        const result = parts(t, ws);
        for (let i = 0; i < ws.length; i++) {
          for (let j = i + 1; j < ws.length; j++) {
            if (ws[i] !== ws[j]) continue;
            const diff = (result[i] ?? 0) - (result[j] ?? 0);
            expect(diff === 0 || diff === 1).toBe(true);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it("gives a zero weight nothing", () => {
    fc.assert(
      fc.property(total, anyWeights, (t, ws) => {
        parts(t, ws).forEach((part, i) => {
          if (ws[i] === 0) expect(part).toBe(0);
        });
      }),
    );
  });

  it("splits n equal weights into parts of floor(total / n) and one more, the larger first", () => {
    fc.assert(
      fc.property(total, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 10_000 }), (t, n, w) => {
        const base = Math.floor(t / n);
        const extra = t % n;
        const expected = Array.from({ length: n }, (_, i) => (i < extra ? base + 1 : base));
        expect(parts(t, Array.from({ length: n }, () => w))).toEqual(expected);
      }),
    );
  });

  it("refuses any list with a negative or fractional weight", () => {
    const bad = fc.oneof(
      fc.integer({ min: -10_000, max: -1 }),
      fc.double({ noNaN: false }).filter((w) => !Number.isSafeInteger(w)),
    );
    fc.assert(
      fc.property(total, weights, bad, fc.nat(), (t, ws, w, at) => {
        const withBad = [...ws];
        withBad.splice(at % (ws.length + 1), 0, w);
        const result = apportion(m(t), withBad);
        expect(E.isLeft(result) && result.left._tag === "InvalidWeights").toBe(true);
      }),
    );
  });

  it("refuses all-zero weights of any length", () => {
    fc.assert(
      fc.property(total, fc.integer({ min: 0, max: 200 }), (t, n) => {
        expect(apportion(m(t), Array.from({ length: n }, () => 0))).toEqual(
          E.left({ _tag: "InvalidWeights", reason: "weights sum to zero" }),
        );
      }),
    );
  });
});
