import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { BasisPoints } from "./basisPoints.js";

/**
 * The brand that a number carries once checked as {@link Money}: a plain `number` of øre is not
 * accepted where Money is expected.
 */
export interface MoneyBrand {
  /** Type-level marker only; no such property exists at run time. */
  readonly Money: unique symbol;
}

/**
 * An amount of Norwegian kroner in integer øre (1 NOK = 100 øre): a non-negative safe integer,
 * never a float. The codec refuses fractions, negatives and anything beyond 2^53 - 1.
 */
export const Money = t.brand(
  t.number,
  (n): n is t.Branded<number, MoneyBrand> => Number.isSafeInteger(n) && n >= 0,
  "Money",
);
export type Money = t.TypeOf<typeof Money>;

/** Why a value is not money, or why arithmetic on money was refused. */
export type MoneyError =
  | {
      /** The input is not a whole, non-negative, safe number of øre. */
      readonly _tag: "NotAnAmount";
      /** What was given, as the person typed it (for {@link parseMoney}) or as a number. */
      readonly input: string;
      /** Which rule it broke: a fraction of an øre, negative, not a number, too large. */
      readonly reason: string;
    }
  | {
      /** A sum would pass 2^53 - 1 øre, beyond which numbers lose whole øre. */
      readonly _tag: "MoneyOverflow";
      /** The running total before the refused addition, in øre. */
      readonly left: Money;
      /** The amount that could not be added to it, in øre. */
      readonly right: Money;
    }
  | {
      /** A subtraction would go below zero. */
      readonly _tag: "NegativeMoney";
      /** The amount subtracted from, in øre. */
      readonly left: Money;
      /** The larger amount that was to be subtracted, in øre. */
      readonly right: Money;
    };

/** No money: 0 øre, the start of every sum. */
export const ZERO = 0 as Money;

/** Checks that `n` is a whole, non-negative, safe number of øre. */
export const money = (n: number): E.Either<MoneyError, Money> => {
  if (!Number.isFinite(n)) return E.left({ _tag: "NotAnAmount", input: String(n), reason: "not a finite number" });
  if (!Number.isInteger(n)) return E.left({ _tag: "NotAnAmount", input: String(n), reason: "a fraction of an øre" });
  if (n < 0) return E.left({ _tag: "NotAnAmount", input: String(n), reason: "negative" });
  if (!Number.isSafeInteger(n)) return E.left({ _tag: "NotAnAmount", input: String(n), reason: "beyond 2^53 - 1 øre" });
  return E.right(n as Money);
};

/** Money from a literal known to be valid (constants, examples, tests); throws on a bad one. */
export const unsafeMoney = (n: number): Money => {
  const result = money(n);
  if (E.isLeft(result)) throw new RangeError(`not money: ${n} (${describeMoneyError(result.left)})`);
  return result.right;
};

/** Whole kroner to øre, for literals: `nok(20_000_000)` is 2 000 000 000 øre. */
export const nok = (kroner: number): Money => unsafeMoney(kroner * 100);

/** `left + right` in øre, refused with `MoneyOverflow` when the sum would pass 2^53 - 1. */
export const addMoney = (left: Money, right: Money): E.Either<MoneyError, Money> => {
  const sum = left + right;
  return Number.isSafeInteger(sum) ? E.right(sum as Money) : E.left({ _tag: "MoneyOverflow", left, right });
};

/** `left - right`, refused when the result would be negative. */
export const subtractMoney = (left: Money, right: Money): E.Either<MoneyError, Money> =>
  right > left ? E.left({ _tag: "NegativeMoney", left, right }) : E.right((left - right) as Money);

/** Sums a list, refusing overflow. */
export const sumMoney = (amounts: readonly Money[]): E.Either<MoneyError, Money> => {
  let total = 0 as Money;
  for (const amount of amounts) {
    // The running total is kept apart from the next sum: once a sum passes 2^53 it is rounded,
    // and subtracting `amount` back from it would not give the operand the error must carry.
    const next = total + amount;
    if (!Number.isSafeInteger(next)) return E.left({ _tag: "MoneyOverflow", left: total, right: amount });
    total = next as Money;
  }
  return E.right(total);
};

/**
 * The part of `amount` that `bps` basis points make, rounded down to the øre. BigInt inside,
 * because `amount * bps` may pass 2^53 before the division brings it back.
 */
export const shareOfMoney = (amount: Money, bps: number): Money => {
  // Outside 0..10 000 the result could be negative or pass 2^53 - 1 and still be branded Money.
  if (!BasisPoints.is(bps)) throw new RangeError(`not basis points: ${bps}`);
  return Number((BigInt(amount) * BigInt(bps)) / 10_000n) as Money;
};

/** The smaller of two amounts. */
export const minMoney = (left: Money, right: Money): Money => (left <= right ? left : right);

// Kroner are either bare digits or grouped in threes; a separator anywhere else ("12.50",
// "1 2 3") is refused rather than read as grouping, which would misread the amount a hundredfold.
const AMOUNT = /^(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,(\d{1,2}))?$/;
const GROUP_SEPARATORS = /[ \u00a0\u202f.]/g;

/**
 * Parses a Norwegian-style amount: `1 234 567,89 kr`, `1234567,89`, `1.234.567 kr`, `NOK 500`,
 * `500,-`. Spaces (also non-breaking), or dots, group thousands in threes; a comma starts the øre.
 */
export const parseMoney = (input: string): E.Either<MoneyError, Money> => {
  const bare = input
    .trim()
    .replace(/^NOK\s*/i, "")
    .replace(/\s*(kr\.?|NOK)$/i, "")
    .replace(/,-$/, "");
  const match = AMOUNT.exec(bare);
  if (match === null) return E.left({ _tag: "NotAnAmount", input, reason: "expected digits, optionally with ,øre" });
  const kroner = (match[1] ?? "0").replace(GROUP_SEPARATORS, "");
  const ore = (match[2] ?? "").padEnd(2, "0");
  const value = Number(kroner) * 100 + Number(ore);
  // The error names what the person typed, not the øre figure it was turned into.
  const result = money(value);
  return E.isLeft(result) && result.left._tag === "NotAnAmount" ? E.left({ ...result.left, input }) : result;
};

/**
 * Formats øre the Norwegian way: `1 234 567,89 kr`. A sum that can pass 2^53 - 1 øre (a total
 * over many rounds) is given as a `bigint` and formatted exactly; a negative one gets a `-`.
 */
export const formatMoney = (amount: Money | bigint): string => {
  const ore = BigInt(amount);
  const size = ore < 0n ? -ore : ore;
  const kroner = (size / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${ore < 0n ? "-" : ""}${kroner},${(size % 100n).toString().padStart(2, "0")} kr`;
};

/** One sentence for a money error, for the edges (CLI, HTTP). */
export const describeMoneyError = (error: MoneyError): string => {
  switch (error._tag) {
    case "NotAnAmount":
      return `"${error.input}" is not an amount: ${error.reason}`;
    case "MoneyOverflow":
      return `${formatMoney(error.left)} + ${formatMoney(error.right)} exceeds the largest safe amount`;
    case "NegativeMoney":
      return `${formatMoney(error.left)} - ${formatMoney(error.right)} would be negative`;
  }
};
