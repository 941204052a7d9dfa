import { ZERO, type Money } from "@grantledger/core";
import { minus, plus, splitByShares } from "./amounts.js";
import type { GrantShares } from "./municipalityTotalsState.js";

/*
 * Each participant's part of a grant's figures, in application order. An empty list stands for
 * all parts 0. Every list a function here gives sums exactly to its figure, and no part is
 * negative, however awards were amended, payments reversed or money repaid: a participant's
 * total is a sum of the current parts of its grants, so it never goes below 0 either.
 */

/** The part at `index`; 0 past the end of a list that stands for zeros. */
export const partAt = (parts: readonly Money[], index: number): Money => parts[index] ?? ZERO;

/** `left + right`, part by part. */
export const addParts = (left: readonly Money[], right: readonly Money[], size: number): readonly Money[] => {
  const sum = new Array<Money>(size);
  for (let index = 0; index < size; index++) sum[index] = plus(partAt(left, index), partAt(right, index));
  return sum;
};

/** `left - right`, part by part; a throw if a part would be negative (the history is corrupt). */
export const subtractParts = (left: readonly Money[], right: readonly Money[], size: number): readonly Money[] => {
  const difference = new Array<Money>(size);
  for (let index = 0; index < size; index++) difference[index] = minus(partAt(left, index), partAt(right, index));
  return difference;
};

/** The sum of the parts. */
export const sumOfParts = (parts: readonly Money[]): Money => parts.reduce<Money>((sum, part) => plus(sum, part), ZERO);

/**
 * Each participant's part of the repayments: what was repaid, split by largest remainder in
 * proportion to each participant's part of the payments that stand. That keeps every part within
 * what the participant was paid (a part is at most its weight's exact share, rounded up only
 * where that share is not whole), so the net parts never go negative, and they stay in
 * proportion to the shares up to the rounding of the payments.
 */
export const repaidParts = (grant: GrantShares): readonly Money[] => {
  if (grant.repaid === 0) return [];
  const paid = grant.keys.map((_, index) => partAt(grant.paid, index));
  const total = sumOfParts(paid);
  if (grant.repaid > total) throw new RangeError(`${grant.repaid} øre repaid of ${total} øre paid`);
  return splitByShares(grant.repaid, paid);
};

/** Each participant's part of what was paid and not reversed or repaid. */
export const netPaidParts = (grant: GrantShares): readonly Money[] =>
  grant.repaid === 0 ? grant.paid : subtractParts(grant.paid, repaidParts(grant), grant.keys.length);

/**
 * Each participant's part of what the grant holds: a live award split by the shares (an
 * amended award re-split whole, by the same largest-remainder rule); a closed grant's paid-net
 * parts, so that for it `awarded` equals `disbursed` participant by participant; nothing for a
 * grant undecided, rejected, dismissed, withdrawn or renounced.
 */
export const awardedParts = (grant: GrantShares): readonly Money[] => {
  switch (grant.standing) {
    case "awarded":
      return splitByShares(grant.award, grant.weights);
    case "closed":
      return netPaidParts(grant);
    default:
      return [];
  }
};
