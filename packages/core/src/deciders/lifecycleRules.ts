import { DEFAULT_APPEAL_WINDOW_DAYS } from "../events/roundEvents.js";
import { compareInstants, unsafeIsoDateTime, type IsoDateTime } from "../values/isoTime.js";
import type { Money } from "../values/money.js";
import { checkAwardFigures } from "./awardRules.js";
import type {
  AcceptConditions,
  AmendAward,
  AppealDecision,
  ClaimRepayment,
  RecordRepayment,
  RenounceAward,
  ReverseDisbursement,
} from "./commands.js";
import type { GrantError } from "./grantErrors.js";
import { openClaims, paidNet, type ExistingGrant } from "./grantState.js";
import type { RoundError } from "./roundErrors.js";
import { commitmentFor, remainingBudget, type ExistingRound } from "./roundState.js";

/** `OutOfOrder` when `at` comes before `notBefore`: a business time never precedes what it follows. */
export const notBefore = (grantId: string, field: string, at: IsoDateTime, earliest: IsoDateTime | undefined): GrantError | undefined =>
  earliest !== undefined && compareInstants(at, earliest) < 0 ? { _tag: "OutOfOrder", grantId, field, at, notBefore: earliest } : undefined;

/** The first rule an acceptance of the conditions breaks, if any. The grant is known to be awarded. */
export const checkAcceptance = (command: AcceptConditions, grant: ExistingGrant): GrantError | undefined => {
  const { grantId, acceptedAt } = command.data;
  if (grant.conditionsAccepted) return { _tag: "ConditionsAlreadyAccepted", grantId };
  return notBefore(grantId, "acceptedAt", acceptedAt, grant.award?.awardedAt);
};

/**
 * The first rule an amendment breaks, if any. The grant is known to be awarded. An increase is
 * new money for the round: checked against its uncommitted budget, unless the round already
 * holds at least that increase beyond the award (see below).
 */
export const checkAmendment = (command: AmendAward, grant: ExistingGrant, round: ExistingRound): GrantError | RoundError | undefined => {
  const { grantId, amount, disbursementPlan, amendedAt } = command.data;
  const award = grant.award;
  if (award === undefined) return { _tag: "GrantNotAwarded", grantId, status: grant.status };
  const early = notBefore(grantId, "amendedAt", amendedAt, award.awardedAt);
  if (early !== undefined) return early;
  const figures = checkAwardFigures(grantId, amount, disbursementPlan, grant.application, round);
  if (figures !== undefined) return figures;
  const paid = paidNet(grant);
  if (amount < paid) return { _tag: "AmendmentBelowPaid", grantId, amount, paidNet: paid };
  const samePlan = JSON.stringify(disbursementPlan) === JSON.stringify(award.disbursementPlan);
  if (amount === award.amount && samePlan) return { _tag: "AmendmentChangesNothing", grantId };
  const increase = amount - award.amount;
  if (increase <= 0) return undefined;
  // The round already holds the increase beyond the award: committed just before this decision
  // (by this command, or its attempt that crashed), or a surplus another command's release has
  // yet to give back. Either way the new amount is backed; the command handler commits the
  // increase itself unless this very command already did, and releases any surplus after.
  const pending = (commitmentFor(round, grantId) ?? 0) - award.amount;
  if (pending >= increase) return undefined;
  const { roundId } = round;
  if (round.status === "closed") return { _tag: "RoundIsClosed", roundId, closedAt: round.closedAt };
  const remaining = remainingBudget(round);
  if (increase > remaining) return { _tag: "AwardExceedsRemainingBudget", roundId, grantId, award: increase as Money, remaining };
  return undefined;
};

/** The first rule a reversal breaks, if any. The grant is known to be awarded. */
export const checkReversal = (command: ReverseDisbursement, grant: ExistingGrant): GrantError | undefined => {
  const { grantId, paymentRef, amount, reversedAt } = command.data;
  const payment = grant.payments.find((candidate) => candidate.paymentRef === paymentRef && !candidate.reversed);
  if (payment === undefined) return { _tag: "PaymentNotFound", grantId, paymentRef };
  if (amount !== payment.amount) return { _tag: "ReversalAmountMismatch", grantId, paymentRef, amount, paid: payment.amount };
  const early = notBefore(grantId, "reversedAt", reversedAt, payment.disbursedAt);
  if (early !== undefined) return early;
  const paid = paidNet(grant);
  const claimed = openClaims(grant);
  if (paid - amount < claimed) return { _tag: "ReversalBelowOpenClaims", grantId, paymentRef, paidNet: paid, openClaims: claimed };
  return undefined;
};

/** The first rule a repayment claim breaks, if any. The grant is known to be awarded or closed. */
export const checkClaim = (command: ClaimRepayment, grant: ExistingGrant): GrantError | undefined => {
  const { grantId, claimId, amount, claimedAt } = command.data;
  if (amount <= 0) return { _tag: "AmountNotPositive", grantId, field: "amount" };
  if (grant.claims.some((claim) => claim.claimId === claimId)) return { _tag: "ClaimAlreadyRecorded", grantId, claimId };
  const paid = paidNet(grant);
  const claimed = openClaims(grant);
  if (claimed + amount > paid) return { _tag: "ClaimExceedsPaid", grantId, amount, paidNet: paid, openClaims: claimed };
  return notBefore(grantId, "claimedAt", claimedAt, grant.award?.awardedAt);
};

/** The first rule a repayment breaks, if any. The grant is known to be awarded or closed. */
export const checkRepayment = (command: RecordRepayment, grant: ExistingGrant): GrantError | undefined => {
  const { grantId, claimId, amount, receivedAt } = command.data;
  const claim = grant.claims.find((candidate) => candidate.claimId === claimId);
  if (claim === undefined) return { _tag: "ClaimNotFound", grantId, claimId };
  if (amount <= 0) return { _tag: "AmountNotPositive", grantId, field: "amount" };
  const outstanding = (claim.amount - claim.received) as Money;
  if (amount > outstanding) return { _tag: "RepaymentExceedsClaim", grantId, claimId, amount, outstanding };
  return notBefore(grantId, "receivedAt", receivedAt, claim.claimedAt);
};

/** The first rule a renouncing breaks, if any. The grant is known to be awarded. */
export const checkRenouncing = (command: RenounceAward, grant: ExistingGrant): GrantError | undefined => {
  const { grantId, renouncedAt } = command.data;
  const paid = paidNet(grant);
  if (paid > 0) return { _tag: "RenounceAfterPayment", grantId, paidNet: paid };
  return notBefore(grantId, "renouncedAt", renouncedAt, grant.award?.awardedAt);
};

const DAY_MS = 86_400_000;

/** The first rule an appeal breaks, if any: a standing rejection or dismissal, not appealed in vain before, within the window. */
export const checkAppeal = (command: AppealDecision, grant: ExistingGrant, round: ExistingRound | undefined): GrantError | undefined => {
  const { grantId, appealedAt } = command.data;
  const decision = grant.decision;
  if ((grant.status !== "rejected" && grant.status !== "dismissed") || decision === undefined) return { _tag: "NothingToAppeal", grantId, status: grant.status };
  if (decision.appeal === "dismissed") return { _tag: "AppealAlreadyDismissed", grantId };
  const early = notBefore(grantId, "appealedAt", appealedAt, decision.decidedAt);
  if (early !== undefined) return early;
  const windowDays = round?.policy.appealWindowDays ?? DEFAULT_APPEAL_WINDOW_DAYS;
  const deadline = unsafeIsoDateTime(new Date(Date.parse(decision.decidedAt) + windowDays * DAY_MS).toISOString());
  if (compareInstants(appealedAt, deadline) > 0) return { _tag: "AppealOutOfTime", grantId, appealedAt, decidedAt: decision.decidedAt, windowDays, deadline };
  return undefined;
};
