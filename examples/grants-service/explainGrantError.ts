import { formatMoney as kr, type GrantError } from "@grantledger/core";
import { conflict, notFound, type Explanation } from "./explanation.js";
import { explainLifecycleError } from "./explainLifecycleError.js";

// The error's basis points are a plain number, so this does not ask for core's branded type.
const percent = (bps: number): string => `${(bps / 100).toLocaleString("nb-NO")} %`;

/**
 * A broken grant rule. The request was sound but the grant's (or its round's) state refuses
 * it: 409, except a grant that was never applied for, which is not there to act on: 404. The
 * rules of a grant's life after its decision are explained in `explainLifecycleError.ts`.
 */
export const explainGrantError = (e: GrantError): Explanation => {
  switch (e._tag) {
    case "GrantAlreadyApplied":
      return conflict(`Grant ${e.grantId} has already been applied for.`);
    case "ApplicationAfterDeadline":
      return conflict(`The application for ${e.grantId} is dated ${e.appliedAt}, after the round's deadline ${e.deadline}.`);
    case "ApplicantNotEligible":
      return conflict(`An applicant of kind ${e.kind} may not apply in this round; it is open to ${e.eligible.join(", ")}.`);
    case "RequestedAmountNotPositive":
      return conflict(`The amount requested for ${e.grantId} must be more than 0 kr.`);
    case "RequestExceedsShareCap":
      return conflict(`${kr(e.requested)} requested is more than ${kr(e.cap)}, the round's ${percent(e.maxShareBps)} of the project cost ${kr(e.totalCost)}.`);
    case "RequestExceedsMaxGrant":
      return conflict(`${kr(e.requested)} requested is more than the round's largest grant, ${kr(e.maxGrant)}.`);
    case "ProjectCostBelowMinimum":
      return conflict(`The project cost ${kr(e.totalCost)} is below the round's minimum of ${kr(e.minProjectCost)}.`);
    case "ProjectCostAboveMaximum":
      return conflict(`The project cost ${kr(e.totalCost)} is above the round's maximum of ${kr(e.maxProjectCost)}.`);
    case "NoParticipants":
      return conflict(`The application for ${e.grantId} names no participants.`);
    case "DuplicateParticipant":
      return conflict(`Participant ${e.participant} is named more than once in the application for ${e.grantId}.`);
    case "ParticipantWithoutShare":
      return conflict(`Participant ${e.participant} has no share of the project ${e.grantId}.`);
    case "ParticipantSharesNotWhole":
      return conflict(`The participants' shares sum to ${e.sumBps} basis points, not 10 000 (100 %).`);
    case "GrantNotFound":
      return notFound(`There is no grant ${e.grantId}: nobody has applied for it.`);
    case "GrantAlreadyEvaluated":
      return conflict(`Grant ${e.grantId} has already been evaluated.`);
    case "GrantAlreadyDecided":
      return conflict(`Grant ${e.grantId} is already ${e.status}.`);
    case "RecommendedAmountExceedsRequest":
      return conflict(`The recommended ${kr(e.recommended)} is more than the ${kr(e.requested)} requested.`);
    case "GrantNotEvaluated":
      return conflict(`Grant ${e.grantId} must be evaluated before it is awarded.`);
    case "AwardNotPositive":
      return conflict(`An award of ${e.grantId} must be more than 0 kr.`);
    case "AwardExceedsRequest":
      return conflict(`An award of ${kr(e.amount)} is more than the ${kr(e.requested)} requested.`);
    case "AwardExceedsShareCap":
      return conflict(`An award of ${kr(e.amount)} is more than ${kr(e.cap)}, the round's ${percent(e.maxShareBps)} of the project cost ${kr(e.totalCost)}.`);
    case "AwardExceedsMaxGrant":
      return conflict(`An award of ${kr(e.amount)} is more than the round's largest grant, ${kr(e.maxGrant)}.`);
    case "DisbursementPlanMismatch":
      return conflict(`The disbursement plan sums to ${kr(e.planned)}, not to the ${kr(e.amount)} awarded.`);
    case "InstalmentNotPositive":
      return conflict(`The instalment due ${e.due} must be more than 0 kr.`);
    case "InstalmentOutsideWindow":
      return conflict(`The instalment due ${e.due} falls outside the round's disbursement window, ${e.window.from} to ${e.window.to}.`);
    case "BenefitsPlanRequired":
      return conflict(`Round ${e.roundId} requires a benefits plan (gevinstrealiseringsplan) with every award.`);
    case "RejectionWithoutReason":
      return conflict(`A rejection of ${e.grantId} must give its reason.`);
    case "GrantNotAwarded":
      return e.status === "none"
        ? notFound(`There is no grant ${e.grantId}: nobody has applied for it.`)
        : conflict(`Grant ${e.grantId} is ${e.status}, not awarded.`);
    case "DisbursementNotPositive":
      return conflict(`A disbursement of ${e.grantId} must be more than 0 kr.`);
    case "DisbursementExceedsAward":
      return conflict(`Paying ${kr(e.amount)} would pay more than the award: ${kr(e.disbursed)} of ${kr(e.awarded)} is paid, ${kr(e.remaining)} remains.`);
    case "PaymentAlreadyRecorded":
      return conflict(`Payment ${e.paymentRef} is already recorded for grant ${e.grantId}; it is not paid twice.`);
    case "BenefitsReportRequiredBeforeTranche":
      return conflict(`Tranche ${e.tranche} of ${e.grantId} needs a benefits report recorded since the previous disbursement.`);
    case "DisbursementOutsideWindow":
      return conflict(`A disbursement on ${e.disbursedAt} falls outside the round's disbursement window, ${e.window.from} to ${e.window.to}.`);
    case "InvalidPeriod":
      return conflict(`The period ${e.period.from} to ${e.period.to} ends before it begins.`);
    case "OverlappingBenefitsPeriod":
      return conflict(`The period ${e.period.from} to ${e.period.to} overlaps the one already reported, ${e.existing.from} to ${e.existing.to}.`);
    case "EmptyBenefitsReport":
      return conflict(`A benefits report for ${e.grantId} must report at least one benefit.`);
    case "BenefitFigureNotInOre":
      return conflict(`Benefit ${e.index}'s ${e.field} is ${e.value}: figures in NOK are whole øre.`);
    default:
      // Every tag left is a GrantLifecycleError, whose own switch checks that it has them all.
      return explainLifecycleError(e);
  }
};
