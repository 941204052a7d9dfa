import * as E from "fp-ts/lib/Either.js";
import type { Money } from "./money.js";

/** Why {@link apportion} refused its weights. */
export interface ApportionError {
  /** The only failure: the weights cannot share out an amount. */
  readonly _tag: "InvalidWeights";
  /** What is wrong with them: a negative, fractional or unsafe weight, or a zero sum. */
  readonly reason: string;
}

/**
 * Splits `total` øre over parts in proportion to integer `weights` by the largest-remainder
 * (Hamilton) method: each part gets the floor of its exact quota, and the øre left over go one
 * each to the parts with the largest remainders. Ties go to the earlier part (lower index), so
 * the result is deterministic and depends only on the order the caller gives. The parts always
 * sum to `total`, to the øre.
 */
export const apportion = (total: Money, weights: readonly number[]): E.Either<ApportionError, readonly Money[]> => {
  let weightSum = 0n;
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      return E.left({ _tag: "InvalidWeights", reason: `weight ${weight} is not a non-negative integer` });
    }
    weightSum += BigInt(weight);
  }
  if (weightSum === 0n) return E.left({ _tag: "InvalidWeights", reason: "weights sum to zero" });

  const whole = BigInt(total);
  const parts: number[] = [];
  const remainders: bigint[] = [];
  let allotted = 0n;
  for (const weight of weights) {
    const exact = whole * BigInt(weight);
    const floor = exact / weightSum;
    parts.push(Number(floor));
    remainders.push(exact % weightSum);
    allotted += floor;
  }

  const order = weights.map((_, index) => index);
  order.sort((a, b) => {
    const ra = remainders[a] ?? 0n;
    const rb = remainders[b] ?? 0n;
    if (ra === rb) return a - b;
    return ra > rb ? -1 : 1;
  });
  let leftover = Number(whole - allotted);
  for (const index of order) {
    if (leftover === 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    leftover -= 1;
  }
  return E.right(parts as Money[]);
};
