import * as E from "fp-ts/lib/Either.js";
import { apportion, type Money } from "@grantledger/core";

/*
 * Arithmetic for folds. A history the deciders wrote never overflows, over-releases or names a
 * grant nobody applied for; one that does is corrupt, and these throw so that the runner stops
 * at that event (a PoisonEvent) instead of folding wrong totals in silence.
 */

/** `left + right`, refusing to pass 2^53 - 1 øre. */
export const plus = (left: Money, right: Money): Money => {
  const sum = left + right;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`${left} + ${right} øre exceeds the largest safe amount`);
  return sum as Money;
};

/** `left - right`, refusing a negative result. */
export const minus = (left: Money, right: Money): Money => {
  if (right > left) throw new RangeError(`${left} - ${right} øre would be negative`);
  return (left - right) as Money;
};

/**
 * `amount` split over parts in proportion to `weights` (participants' basis points, in
 * application order) by core's largest-remainder `apportion`: the parts sum to `amount` exactly.
 */
export const splitByShares = (amount: Money, weights: readonly number[]): readonly Money[] => {
  // Half of all grants have one participant; it gets the whole amount without BigInt arithmetic.
  if (weights.length === 1 && (weights[0] ?? 0) > 0) return [amount];
  const parts = apportion(amount, weights);
  if (E.isLeft(parts)) throw new RangeError(`cannot split ${amount} øre: ${parts.left.reason}`);
  return parts.right;
};

/**
 * A signed whole number of øre split like {@link splitByShares}; a negative figure (a reported
 * saving that turned out a cost) is split by its size and negated, so it too sums exactly.
 */
export const splitSignedByShares = (amount: number, weights: readonly number[]): readonly number[] => {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${amount} is not a whole number of øre`);
  if (amount >= 0) return splitByShares(amount as Money, weights);
  return splitByShares(-amount as Money, weights).map((part) => (part === 0 ? 0 : -part));
};

/** `value`, or a throw naming what was missing: the event refers to something never recorded. */
export const known = <V>(value: V | undefined, what: string): V => {
  if (value === undefined) throw new Error(`${what} is not known from any earlier event`);
  return value;
};
