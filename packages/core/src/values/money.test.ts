import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  Money,
  ZERO,
  addMoney,
  describeMoneyError,
  formatMoney,
  minMoney,
  money,
  nok,
  parseMoney,
  shareOfMoney,
  subtractMoney,
  sumMoney,
  unsafeMoney,
} from "./money.js";

const MAX = Number.MAX_SAFE_INTEGER as Money;
const anyMoney = fc.maxSafeNat().map((n) => n as Money);
// Amounts near the top of the range, where float arithmetic starts to round.
const bigMoney = fc.bigInt({ min: 2n ** 52n, max: BigInt(MAX) }).map((n) => Number(n) as Money);
const m = (n: number): Money => unsafeMoney(n);

describe("the Money codec", () => {
  it.each([0, 1, 100, 123_456_789, Number.MAX_SAFE_INTEGER])("accepts the safe non-negative integer %s", (n) => {
    expect(Money.is(n)).toBe(true);
    expect(money(n)).toEqual(E.right(n));
    expect(E.isRight(Money.decode(n))).toBe(true);
  });

  it.each([
    [0.5, "a fraction of an øre"],
    [100.01, "a fraction of an øre"],
    [-1, "negative"],
    [-0.5, "a fraction of an øre"],
    [Number.NaN, "not a finite number"],
    [Number.POSITIVE_INFINITY, "not a finite number"],
    [Number.NEGATIVE_INFINITY, "not a finite number"],
    [2 ** 53, "beyond 2^53 - 1 øre"],
    [1e20, "beyond 2^53 - 1 øre"],
  ])("refuses %s (%s)", (n, reason) => {
    expect(Money.is(n)).toBe(false);
    expect(E.isLeft(Money.decode(n))).toBe(true);
    expect(money(n)).toEqual(E.left({ _tag: "NotAnAmount", input: String(n), reason }));
  });

  it("refuses what is not a number at all", () => {
    for (const value of ["100", null, undefined, {}, 10n]) expect(Money.is(value)).toBe(false);
  });

  it("agrees with Number.isSafeInteger and sign over arbitrary doubles", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger()), (n) => {
        expect(Money.is(n)).toBe(Number.isSafeInteger(n) && n >= 0);
        expect(E.isRight(money(n))).toBe(Money.is(n));
      }),
    );
  });

  it("unsafeMoney returns a valid literal and throws a RangeError on a bad one", () => {
    expect(unsafeMoney(42)).toBe(42);
    expect(() => unsafeMoney(0.5)).toThrow(RangeError);
    expect(() => unsafeMoney(-5)).toThrow(/negative/);
  });

  it("nok turns whole kroner into øre and refuses bad kroner", () => {
    expect(nok(20_000_000)).toBe(2_000_000_000);
    expect(nok(0)).toBe(0);
    expect(nok(1)).toBe(100);
    expect(() => nok(-1)).toThrow(RangeError);
    expect(() => nok(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
  });

  it("ZERO is zero øre", () => {
    expect(ZERO).toBe(0);
    expect(Money.is(ZERO)).toBe(true);
  });
});

describe("parseMoney", () => {
  it.each([
    ["1 234 567,89 kr", 123_456_789],
    ["1\u00a0234\u00a0567,89\u00a0kr", 123_456_789],
    ["1\u202f234\u202f567,89\u202fkr", 123_456_789],
    ["1 234\u00a0567,89 kr", 123_456_789],
    ["1234567,89", 123_456_789],
    ["1.234.567 kr", 123_456_700],
    ["1.234.567,89", 123_456_789],
    ["1 234 567 kr.", 123_456_700],
    ["NOK 500", 50_000],
    ["nok 500", 50_000],
    ["500 NOK", 50_000],
    ["500 kr", 50_000],
    ["500kr", 50_000],
    ["500,-", 50_000],
    ["500", 50_000],
    ["  500  ", 50_000],
    ["0,5", 50],
    ["0,05", 5],
    ["0,50", 50],
    ["12,3", 1230],
    ["0", 0],
    ["0,00 kr", 0],
    ["1 000", 100_000],
    ["999", 99_900],
    ["90 071 992 547 409,91 kr", Number.MAX_SAFE_INTEGER],
  ])("reads %j as %i øre", (input, expected) => {
    expect(parseMoney(input)).toEqual(E.right(expected));
  });

  it.each([
    "1,234",
    "-5",
    "- 5",
    "abc",
    "",
    "   ",
    "kr",
    "1 2 3,4,5",
    "1,2,3",
    ",50",
    "1,",
    "5,5,5",
    "1e3",
    "0x10",
    "500,--",
    "Infinity",
    // Separators that do not group thousands in threes are refused, not dropped: dropping them
    // would read "12.50" (twelve kroner fifty, English style) as 1 250 kroner.
    "12.50",
    "1 2 3",
    "1,2.3",
    "1234 567",
    "1 23",
    "1 2345",
    "1..234",
    "1  234",
    ".234",
  ])("refuses %j", (input) => {
    expect(parseMoney(input)).toEqual(
      E.left({ _tag: "NotAnAmount", input, reason: "expected digits, optionally with ,øre" }),
    );
  });

  it("refuses an amount beyond 2^53 - 1 øre, naming the input as written", () => {
    expect(parseMoney("90 071 992 547 409,92 kr")).toEqual(
      E.left({ _tag: "NotAnAmount", input: "90 071 992 547 409,92 kr", reason: "beyond 2^53 - 1 øre" }),
    );
    expect(parseMoney("999999999999999999999")).toEqual(
      E.left({ _tag: "NotAnAmount", input: "999999999999999999999", reason: "beyond 2^53 - 1 øre" }),
    );
  });

  it("carries the input in the error", () => {
    expect(parseMoney("abc")).toEqual(
      E.left({ _tag: "NotAnAmount", input: "abc", reason: "expected digits, optionally with ,øre" }),
    );
  });

  it("reads plain 'kroner,øre' digits exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: BigInt(MAX) / 100n - 1n }), fc.nat({ max: 99 }), (kroner, ore) => {
        const input = `${kroner},${ore.toString().padStart(2, "0")}`;
        expect(parseMoney(input)).toEqual(E.right(Number(kroner * 100n + BigInt(ore))));
      }),
    );
  });

  it("only ever returns valid money", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789 ,.-krNOK\u00a0\u202f") }), (input) => {
        const result = parseMoney(input);
        if (E.isRight(result)) expect(Money.is(result.right)).toBe(true);
      }),
    );
  });
});

describe("formatMoney", () => {
  it.each([
    [123_456_789, "1 234 567,89 kr"],
    [0, "0,00 kr"],
    [5, "0,05 kr"],
    [50, "0,50 kr"],
    [100_000, "1 000,00 kr"],
    [99_999, "999,99 kr"],
    [100_000_000, "1 000 000,00 kr"],
    [Number.MAX_SAFE_INTEGER, "90 071 992 547 409,91 kr"],
  ])("writes %i øre as %j", (amount, expected) => {
    expect(formatMoney(m(amount))).toBe(expected);
  });

  it("groups kroner in threes and always shows two øre digits", () => {
    fc.assert(
      fc.property(anyMoney, (amount) => {
        expect(formatMoney(amount)).toMatch(/^\d{1,3}( \d{3})*,\d{2} kr$/);
      }),
    );
  });

  it("agrees with an exact BigInt rendering", () => {
    fc.assert(
      fc.property(fc.oneof(anyMoney, bigMoney), (amount) => {
        const exact = BigInt(amount);
        const kroner = (exact / 100n).toString();
        const ore = (exact % 100n).toString().padStart(2, "0");
        expect(formatMoney(amount).replace(/ /g, "")).toBe(`${kroner},${ore}kr`);
      }),
    );
  });

  it("is read back by parseMoney to the very same amount", () => {
    fc.assert(
      fc.property(fc.oneof(anyMoney, bigMoney), (amount) => {
        expect(parseMoney(formatMoney(amount))).toEqual(E.right(amount));
      }),
    );
  });

  it("is read back also with non-breaking or narrow non-breaking spaces", () => {
    fc.assert(
      fc.property(anyMoney, fc.constantFrom("\u00a0", "\u202f", "."), (amount, separator) => {
        const written = formatMoney(amount).replace(/ (?=\d)/g, separator);
        expect(parseMoney(written)).toEqual(E.right(amount));
      }),
    );
  });
});

describe("addMoney", () => {
  it("adds", () => {
    expect(addMoney(m(100), m(250))).toEqual(E.right(350));
    expect(addMoney(ZERO, m(7))).toEqual(E.right(7));
    expect(addMoney(m(MAX - 1), m(1))).toEqual(E.right(MAX));
  });

  it("refuses overflow with a MoneyOverflow carrying both operands", () => {
    expect(addMoney(MAX, m(1))).toEqual(E.left({ _tag: "MoneyOverflow", left: MAX, right: 1 }));
    expect(addMoney(m(1), MAX)).toEqual(E.left({ _tag: "MoneyOverflow", left: 1, right: MAX }));
    expect(addMoney(MAX, MAX)).toEqual(E.left({ _tag: "MoneyOverflow", left: MAX, right: MAX }));
  });

  it("is exact or refused, matching BigInt arithmetic", () => {
    fc.assert(
      fc.property(fc.oneof(anyMoney, bigMoney), fc.oneof(anyMoney, bigMoney), (a, b) => {
        const exact = BigInt(a) + BigInt(b);
        const expected =
          exact <= BigInt(MAX) ? E.right(Number(exact)) : E.left({ _tag: "MoneyOverflow", left: a, right: b });
        expect(addMoney(a, b)).toEqual(expected);
      }),
    );
  });
});

describe("subtractMoney", () => {
  it("subtracts down to zero", () => {
    expect(subtractMoney(m(500), m(200))).toEqual(E.right(300));
    expect(subtractMoney(m(500), m(500))).toEqual(E.right(0));
    expect(subtractMoney(MAX, MAX)).toEqual(E.right(0));
  });

  it("refuses a negative result with a NegativeMoney carrying both operands", () => {
    expect(subtractMoney(m(200), m(500))).toEqual(E.left({ _tag: "NegativeMoney", left: 200, right: 500 }));
    expect(subtractMoney(ZERO, m(1))).toEqual(E.left({ _tag: "NegativeMoney", left: 0, right: 1 }));
  });

  it("is exact or refused, matching BigInt arithmetic", () => {
    fc.assert(
      fc.property(fc.oneof(anyMoney, bigMoney), fc.oneof(anyMoney, bigMoney), (a, b) => {
        const exact = BigInt(a) - BigInt(b);
        const expected = exact >= 0n ? E.right(Number(exact)) : E.left({ _tag: "NegativeMoney", left: a, right: b });
        expect(subtractMoney(a, b)).toEqual(expected);
      }),
    );
  });

  it("undoes addMoney", () => {
    fc.assert(
      fc.property(anyMoney, anyMoney, (a, b) => {
        const sum = addMoney(a, b);
        if (E.isRight(sum)) expect(subtractMoney(sum.right, b)).toEqual(E.right(a));
      }),
    );
  });
});

describe("sumMoney", () => {
  it("sums a list, and an empty list to zero", () => {
    expect(sumMoney([])).toEqual(E.right(0));
    expect(sumMoney([m(1), m(2), m(3)])).toEqual(E.right(6));
    expect(sumMoney([m(MAX - 2), m(1), m(1)])).toEqual(E.right(MAX));
  });

  it("refuses overflow carrying the running total and the amount that broke it", () => {
    // MAX + 2 = 2^53 + 1 rounds to 2^53 as a double; the error must still name MAX, not 2^53 - 2.
    expect(sumMoney([MAX, m(2)])).toEqual(E.left({ _tag: "MoneyOverflow", left: MAX, right: 2 }));
    expect(sumMoney([m(5), MAX, m(7)])).toEqual(E.left({ _tag: "MoneyOverflow", left: 5, right: MAX }));
    expect(sumMoney([m(MAX - 10), m(8), m(3), m(1)])).toEqual(
      E.left({ _tag: "MoneyOverflow", left: MAX - 2, right: 3 }),
    );
  });

  it("matches a BigInt reference, naming the first prefix that overflows", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyMoney, bigMoney), { maxLength: 20 }), (amounts) => {
        let total = 0n;
        let expected: E.Either<unknown, number> | undefined;
        for (const amount of amounts) {
          if (total + BigInt(amount) > BigInt(MAX)) {
            expected = E.left({ _tag: "MoneyOverflow", left: Number(total), right: amount });
            break;
          }
          total += BigInt(amount);
        }
        expect(sumMoney(amounts)).toEqual(expected ?? E.right(Number(total)));
      }),
    );
  });
});

describe("shareOfMoney", () => {
  it("takes a basis-point share, rounding down to the øre", () => {
    expect(shareOfMoney(m(10_000), 2000)).toBe(2000);
    expect(shareOfMoney(m(1), 5000)).toBe(0);
    expect(shareOfMoney(m(3), 5000)).toBe(1);
    expect(shareOfMoney(m(99), 100)).toBe(0);
    expect(shareOfMoney(m(100), 100)).toBe(1);
    expect(shareOfMoney(m(199), 5000)).toBe(99);
    expect(shareOfMoney(m(12_345), 0)).toBe(0);
    expect(shareOfMoney(m(12_345), 10_000)).toBe(12_345);
  });

  it("is exact for amounts where amount * bps passes 2^53", () => {
    // (2^53 - 1) / 2 = 4 503 599 627 370 495.5, floored.
    expect(shareOfMoney(MAX, 5000)).toBe(4_503_599_627_370_495);
    // Math.floor(MAX * 232 / 10_000) in doubles gives 208 967 022 709 991, one øre too many.
    expect(shareOfMoney(MAX, 232)).toBe(208_967_022_709_990);
    expect(shareOfMoney(m(MAX - 1), 3333)).toBe(3_002_099_511_605_171);
    expect(shareOfMoney(MAX, 10_000)).toBe(MAX);
    expect(shareOfMoney(MAX, 9999)).toBe(9_006_298_534_815_516);
  });

  it("matches floor(amount * bps / 10 000) computed in BigInt", () => {
    fc.assert(
      fc.property(fc.oneof(anyMoney, bigMoney), fc.nat({ max: 10_000 }), (amount, bps) => {
        const share = shareOfMoney(amount, bps);
        expect(share).toBe(Number((BigInt(amount) * BigInt(bps)) / 10_000n));
        expect(Money.is(share)).toBe(true);
        expect(share).toBeLessThanOrEqual(amount);
      }),
    );
  });

  it.each([-1, 10_001, 2.5, Number.NaN])("refuses %s basis points", (bps) => {
    expect(() => shareOfMoney(m(100), bps)).toThrow(RangeError);
  });
});

describe("minMoney", () => {
  it("gives the smaller amount", () => {
    expect(minMoney(m(3), m(5))).toBe(3);
    expect(minMoney(m(5), m(3))).toBe(3);
    expect(minMoney(m(4), m(4))).toBe(4);
    fc.assert(
      fc.property(anyMoney, anyMoney, (a, b) => {
        expect(minMoney(a, b)).toBe(Math.min(a, b));
      }),
    );
  });
});

describe("describeMoneyError", () => {
  it("writes one sentence with the figures", () => {
    expect(describeMoneyError({ _tag: "NotAnAmount", input: "abc", reason: "negative" })).toBe(
      '"abc" is not an amount: negative',
    );
    expect(describeMoneyError({ _tag: "MoneyOverflow", left: m(100), right: m(5) })).toBe(
      "1,00 kr + 0,05 kr exceeds the largest safe amount",
    );
    expect(describeMoneyError({ _tag: "NegativeMoney", left: m(100), right: m(100_000) })).toBe(
      "1,00 kr - 1 000,00 kr would be negative",
    );
  });
});
