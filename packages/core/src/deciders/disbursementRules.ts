import type { DisburseGrant, ReportBenefits } from "./commands.js";
import type { GrantError } from "./grantErrors.js";
import { livePayments, paidNet, type ExistingGrant } from "./grantState.js";
import type { ExistingRound } from "./roundState.js";
import { checkFiguresInOre } from "./benefitFigures.js";
import type { Money } from "../values/money.js";

/** The first rule a disbursement breaks, if any. The grant is known to be awarded. */
export const checkDisbursement = (
  command: DisburseGrant,
  grant: ExistingGrant,
  awarded: Money,
  round: ExistingRound,
): GrantError | undefined => {
  const { grantId, amount, paymentRef, disbursedAt } = command.data;
  if (amount <= 0) return { _tag: "DisbursementNotPositive", grantId };
  if (round.policy.requiresAcceptance === true && !grant.conditionsAccepted) return { _tag: "ConditionsNotAccepted", grantId };
  const live = livePayments(grant);
  if (live.some((payment) => payment.paymentRef === paymentRef)) return { _tag: "PaymentAlreadyRecorded", grantId, paymentRef };
  const paid = paidNet(grant);
  const remaining = (awarded - paid) as Money;
  if (amount > remaining) {
    return { _tag: "DisbursementExceedsAward", grantId, amount, disbursed: paid, awarded, remaining };
  }
  const window = round.disbursementWindow;
  const day = disbursedAt.slice(0, 10);
  if (day < window.from || day > window.to) return { _tag: "DisbursementOutsideWindow", grantId, disbursedAt, window };
  const tranche = live.length + 1;
  if (round.policy.reportBeforeNextTranche && tranche > 1 && !grant.reportedSinceLastTranche) {
    return { _tag: "BenefitsReportRequiredBeforeTranche", grantId, tranche };
  }
  return undefined;
};

/** The first rule a benefits report breaks, if any. The grant is known to be awarded. */
export const checkBenefitsReport = (command: ReportBenefits, grant: ExistingGrant): GrantError | undefined => {
  const { grantId, period, benefits } = command.data;
  if (period.from > period.to) return { _tag: "InvalidPeriod", grantId, period };
  const existing = grant.reportedPeriods.find((other) => period.from <= other.to && other.from <= period.to);
  if (existing !== undefined) return { _tag: "OverlappingBenefitsPeriod", grantId, period, existing };
  if (benefits.length === 0) return { _tag: "EmptyBenefitsReport", grantId };
  return checkFiguresInOre(grantId, benefits);
};
