import type { GrantError } from "../deciders/grantErrors.js";
import type { GrantLifecycleError } from "../deciders/lifecycleErrors.js";
import { formatMoney as kr } from "../values/money.js";
import type { ProblemRules } from "./problemRule.js";

// The error's basis points are a plain number: 2000 is "20 %".
const percent = (bps: number): string => `${(bps / 100).toLocaleString("nb-NO")} %`;

/** A grant rule broken before or at the decision (applying, evaluating, deciding, paying, reporting). */
export type GrantRuleError = Exclude<GrantError, GrantLifecycleError>;

/**
 * The problems of the grant rules up to and around payment. The request was sound but the
 * grant's (or its round's) state refuses it: 409, except a grant that was never applied for,
 * which is not there to act on: 404. The rules of a grant's life after its decision are in
 * {@link LIFECYCLE_PROBLEMS}.
 */
export const GRANT_PROBLEMS: ProblemRules<GrantRuleError> = {
  GrantAlreadyApplied: { status: 409, detail: (e) => `Grant ${e.grantId} has already been applied for.` },
  ApplicationAfterDeadline: { status: 409, detail: (e) => `The application for ${e.grantId} is dated ${e.appliedAt}, after the round's deadline ${e.deadline}.` },
  ApplicantNotEligible: { status: 409, detail: (e) => `An applicant of kind ${e.kind} may not apply in this round; it is open to ${e.eligible.join(", ")}.` },
  RequestedAmountNotPositive: { status: 409, detail: (e) => `The amount requested for ${e.grantId} must be more than 0 kr.` },
  RequestExceedsShareCap: { status: 409, detail: (e) => `${kr(e.requested)} requested is more than ${kr(e.cap)}, the round's ${percent(e.maxShareBps)} of the project cost ${kr(e.totalCost)}.` },
  RequestExceedsMaxGrant: { status: 409, detail: (e) => `${kr(e.requested)} requested is more than the round's largest grant, ${kr(e.maxGrant)}.` },
  ProjectCostBelowMinimum: { status: 409, detail: (e) => `The project cost ${kr(e.totalCost)} is below the round's minimum of ${kr(e.minProjectCost)}.` },
  ProjectCostAboveMaximum: { status: 409, detail: (e) => `The project cost ${kr(e.totalCost)} is above the round's maximum of ${kr(e.maxProjectCost)}.` },
  NoParticipants: { status: 409, detail: (e) => `The application for ${e.grantId} names no participants.` },
  DuplicateParticipant: { status: 409, detail: (e) => `Participant ${e.participant} is named more than once in the application for ${e.grantId}.` },
  ParticipantWithoutShare: { status: 409, detail: (e) => `Participant ${e.participant} has no share of the project ${e.grantId}.` },
  ParticipantSharesNotWhole: { status: 409, detail: (e) => `The participants' shares sum to ${e.sumBps} basis points, not 10 000 (100 %).` },
  GrantNotFound: { status: 404, detail: (e) => `There is no grant ${e.grantId}: nobody has applied for it.` },
  GrantAlreadyEvaluated: { status: 409, detail: (e) => `Grant ${e.grantId} has already been evaluated.` },
  GrantAlreadyDecided: { status: 409, detail: (e) => `Grant ${e.grantId} is already ${e.status}.` },
  RecommendedAmountExceedsRequest: { status: 409, detail: (e) => `The recommended ${kr(e.recommended)} is more than the ${kr(e.requested)} requested.` },
  GrantNotEvaluated: { status: 409, detail: (e) => `Grant ${e.grantId} must be evaluated before it is awarded.` },
  AwardNotPositive: { status: 409, detail: (e) => `An award of ${e.grantId} must be more than 0 kr.` },
  AwardExceedsRequest: { status: 409, detail: (e) => `An award of ${kr(e.amount)} is more than the ${kr(e.requested)} requested.` },
  AwardExceedsShareCap: { status: 409, detail: (e) => `An award of ${kr(e.amount)} is more than ${kr(e.cap)}, the round's ${percent(e.maxShareBps)} of the project cost ${kr(e.totalCost)}.` },
  AwardExceedsMaxGrant: { status: 409, detail: (e) => `An award of ${kr(e.amount)} is more than the round's largest grant, ${kr(e.maxGrant)}.` },
  DisbursementPlanMismatch: { status: 409, detail: (e) => `The disbursement plan sums to ${kr(e.planned)}, not to the ${kr(e.amount)} awarded.` },
  InstalmentNotPositive: { status: 409, detail: (e) => `The instalment due ${e.due} must be more than 0 kr.` },
  InstalmentOutsideWindow: { status: 409, detail: (e) => `The instalment due ${e.due} falls outside the round's disbursement window, ${e.window.from} to ${e.window.to}.` },
  BenefitsPlanRequired: { status: 409, detail: (e) => `Round ${e.roundId} requires a benefits plan (gevinstrealiseringsplan) with every award.` },
  RejectionWithoutReason: { status: 409, detail: (e) => `A rejection of ${e.grantId} must give its reason.` },
  GrantNotAwarded: {
    status: (e) => (e.status === "none" ? 404 : 409),
    detail: (e) => (e.status === "none" ? `There is no grant ${e.grantId}: nobody has applied for it.` : `Grant ${e.grantId} is ${e.status}, not awarded.`),
  },
  DisbursementNotPositive: { status: 409, detail: (e) => `A disbursement of ${e.grantId} must be more than 0 kr.` },
  DisbursementExceedsAward: { status: 409, detail: (e) => `Paying ${kr(e.amount)} would pay more than the award: ${kr(e.disbursed)} of ${kr(e.awarded)} is paid, ${kr(e.remaining)} remains.` },
  PaymentAlreadyRecorded: { status: 409, detail: (e) => `Payment ${e.paymentRef} is already recorded for grant ${e.grantId}; it is not paid twice.` },
  BenefitsReportRequiredBeforeTranche: { status: 409, detail: (e) => `Tranche ${e.tranche} of ${e.grantId} needs a benefits report recorded since the previous disbursement.` },
  DisbursementOutsideWindow: { status: 409, detail: (e) => `A disbursement on ${e.disbursedAt} falls outside the round's disbursement window, ${e.window.from} to ${e.window.to}.` },
  InvalidPeriod: { status: 409, detail: (e) => `The period ${e.period.from} to ${e.period.to} ends before it begins.` },
  OverlappingBenefitsPeriod: { status: 409, detail: (e) => `The period ${e.period.from} to ${e.period.to} overlaps the one already reported, ${e.existing.from} to ${e.existing.to}.` },
  EmptyBenefitsReport: { status: 409, detail: (e) => `A benefits report for ${e.grantId} must report at least one benefit.` },
  BenefitFigureNotInOre: { status: 409, detail: (e) => `Benefit ${e.index}'s ${e.field} is ${e.value}: figures in NOK are whole øre.` },
};
