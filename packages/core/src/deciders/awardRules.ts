import { checkFiguresInOre } from "./benefitFigures.js";
import type { AwardGrant } from "./commands.js";
import type { GrantError } from "./grantErrors.js";
import type { ExistingGrant } from "./grantState.js";
import { commitmentFor, remainingBudget, type ExistingRound } from "./roundState.js";
import type { RoundError } from "./roundErrors.js";
import { shareOfMoney, type Money } from "../values/money.js";
import type { DisbursementInstalment } from "../events/grantLifecycleEvents.js";

/**
 * The first rule an award's figures break, if any: its amount against the request's share cap
 * and the largest grant, and its plan against the amount and the disbursement window. Shared by
 * awards and amendments.
 */
export const checkAwardFigures = (
  grantId: string,
  amount: Money,
  disbursementPlan: readonly DisbursementInstalment[],
  application: ExistingGrant["application"],
  round: ExistingRound,
): GrantError | undefined => {
  const { totalCost } = application;
  const { policy } = round;
  if (amount <= 0) return { _tag: "AwardNotPositive", grantId };
  const cap = shareOfMoney(totalCost, policy.maxShareBps);
  if (amount > cap) return { _tag: "AwardExceedsShareCap", grantId, amount, totalCost, maxShareBps: policy.maxShareBps, cap };
  if (policy.maxGrant !== undefined && amount > policy.maxGrant) {
    return { _tag: "AwardExceedsMaxGrant", grantId, amount, maxGrant: policy.maxGrant };
  }
  let planned = 0;
  for (const instalment of disbursementPlan) {
    if (instalment.amount <= 0) return { _tag: "InstalmentNotPositive", grantId, due: instalment.due };
    const window = round.disbursementWindow;
    if (instalment.due < window.from || instalment.due > window.to) {
      return { _tag: "InstalmentOutsideWindow", grantId, due: instalment.due, window };
    }
    planned += instalment.amount;
  }
  if (planned !== amount) return { _tag: "DisbursementPlanMismatch", grantId, planned: planned as Money, amount };
  return undefined;
};

/**
 * The first rule an award breaks, if any. The budget check counts a commitment this grant
 * already holds (left by an award that crashed between its two appends) as its own money, so
 * the retry completes; a commitment of another amount is a mismatch.
 */
export const checkAward = (
  command: AwardGrant,
  grant: ExistingGrant,
  round: ExistingRound,
): GrantError | RoundError | undefined => {
  const { grantId, amount, disbursementPlan, benefitsPlan } = command.data;
  const { requested } = grant.application;
  const { policy, roundId } = round;
  if (amount <= 0) return { _tag: "AwardNotPositive", grantId };
  if (amount > requested) return { _tag: "AwardExceedsRequest", grantId, amount, requested };
  const figures = checkAwardFigures(grantId, amount, disbursementPlan, grant.application, round);
  if (figures !== undefined) return figures;
  if (policy.requiresBenefitsPlan && (benefitsPlan === undefined || benefitsPlan.length === 0)) {
    return { _tag: "BenefitsPlanRequired", grantId, roundId };
  }
  const planFigures = checkFiguresInOre(grantId, benefitsPlan ?? []);
  if (planFigures !== undefined) return planFigures;
  const committed = commitmentFor(round, grantId);
  if (committed !== undefined) {
    return committed === amount ? undefined : { _tag: "CommitmentMismatch", roundId, grantId, committed, award: amount };
  }
  if (round.status === "closed" && !grant.reopenedByAppeal) return { _tag: "RoundIsClosed", roundId, closedAt: round.closedAt };
  const remaining = remainingBudget(round);
  if (amount > remaining) return { _tag: "AwardExceedsRemainingBudget", roundId, grantId, award: amount, remaining };
  return undefined;
};
