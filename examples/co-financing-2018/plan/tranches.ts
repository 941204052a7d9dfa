import { apportion, type Money } from "@grantledger/core";
import * as E from "fp-ts/lib/Either.js";
import { TIMELINE } from "../data/timeline.js";

/**
 * An award's tranches, split 40/30/30 with core's largest-remainder apportionment, so that they
 * sum to the award to the øre whatever the amount.
 */
export const trancheAmounts = (award: Money): readonly Money[] => {
  const parts = apportion(
    award,
    TIMELINE.tranches.map((tranche) => tranche.weight),
  );
  // The weights are fixed positive integers: apportion cannot refuse them.
  if (E.isLeft(parts)) throw new Error(`cannot split ${award} øre into tranches: ${parts.left.reason}`);
  return parts.right;
};

/** The disbursement plan of an award: one instalment per tranche, due on the tranche's date. */
export const disbursementPlanOf = (award: Money): { due: string; amount: Money }[] =>
  trancheAmounts(award).map((amount, index) => ({ due: TIMELINE.tranches[index]?.due ?? TIMELINE.disbursementWindow.to, amount }));
