import * as t from "io-ts";

/** The brand that keeps {@link BasisPoints} apart from other numbers at compile time. */
export interface BasisPointsBrand {
  /** Type-level marker only; no such property exists at run time. */
  readonly BasisPoints: unique symbol;
}

/** A share in basis points: an integer from 0 to 10 000 (100 %). */
export const BasisPoints = t.brand(
  t.number,
  (n): n is t.Branded<number, BasisPointsBrand> => Number.isInteger(n) && n >= 0 && n <= 10_000,
  "BasisPoints",
);
export type BasisPoints = t.TypeOf<typeof BasisPoints>;

/** The whole, 100 %, in basis points: shares of one grant sum to this. */
export const WHOLE_BPS = 10_000;

/** Basis points from a literal known to be valid; throws on a bad one. */
export const unsafeBasisPoints = (n: number): BasisPoints => {
  if (!BasisPoints.is(n)) throw new RangeError(`not basis points: ${n}`);
  return n;
};

/** `2000` -> `"20,00 %"`. */
export const formatBasisPoints = (bps: BasisPoints): string =>
  `${Math.floor(bps / 100)},${(bps % 100).toString().padStart(2, "0")} %`;
