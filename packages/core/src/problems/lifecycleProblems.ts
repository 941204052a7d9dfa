import type { GrantLifecycleError } from "../deciders/lifecycleErrors.js";
import { formatMoney as kr } from "../values/money.js";
import type { ProblemRules } from "./problemRule.js";

/**
 * The problems of a grant's life around and after its decision (acceptance, amendment,
 * reversal, repayment, renouncing, appeal, conflicts of interest, separation of duties). The
 * request was sound and the grant exists, but its state refuses the command: always 409.
 */
export const LIFECYCLE_PROBLEMS: ProblemRules<GrantLifecycleError> = {
  ApplicationReceivedAfterDeadline: { status: 409, detail: (e) => `The application for ${e.grantId} arrived ${e.receivedAt}, after the round's deadline ${e.deadline}, whatever time it claims.` },
  OutOfOrder: { status: 409, detail: (e) => `The ${e.field} of ${e.grantId}, ${e.at}, comes before ${e.notBefore}, the time of what it follows.` },
  ConditionsAlreadyAccepted: { status: 409, detail: (e) => `The conditions of grant ${e.grantId} have already been accepted.` },
  ConditionsNotAccepted: { status: 409, detail: (e) => `Grant ${e.grantId} is not paid before the recipient has accepted its conditions, as the round's policy asks.` },
  AmendmentBelowPaid: { status: 409, detail: (e) => `An award of ${kr(e.amount)} is less than the ${kr(e.paidNet)} already paid to ${e.grantId}, net of reversals and repayments.` },
  AmendmentChangesNothing: { status: 409, detail: (e) => `The amendment of ${e.grantId} gives the amount and plan it already has.` },
  PaymentNotFound: { status: 409, detail: (e) => `No payment ${e.paymentRef} stands on grant ${e.grantId}: it was never paid, or has been reversed already.` },
  ReversalAmountMismatch: { status: 409, detail: (e) => `Payment ${e.paymentRef} was ${kr(e.paid)}, not ${kr(e.amount)}: a payment is reversed whole.` },
  ReversalBelowOpenClaims: { status: 409, detail: (e) => `Reversing ${e.paymentRef} would leave less than the ${kr(e.openClaims)} still claimed back from ${e.grantId}, of ${kr(e.paidNet)} paid net.` },
  AmountNotPositive: { status: 409, detail: (e) => `The ${e.field} for ${e.grantId} must be more than 0 kr.` },
  ClaimAlreadyRecorded: { status: 409, detail: (e) => `Claim ${e.claimId} is already recorded for grant ${e.grantId}.` },
  ClaimExceedsPaid: { status: 409, detail: (e) => `Claiming ${kr(e.amount)} on top of the ${kr(e.openClaims)} already claimed would ask back more than the ${kr(e.paidNet)} paid net to ${e.grantId}.` },
  ClaimNotFound: { status: 409, detail: (e) => `There is no claim ${e.claimId} on grant ${e.grantId}.` },
  RepaymentExceedsClaim: { status: 409, detail: (e) => `A repayment of ${kr(e.amount)} is more than the ${kr(e.outstanding)} still owed on claim ${e.claimId}.` },
  RenounceAfterPayment: { status: 409, detail: (e) => `The award of ${e.grantId} cannot be renounced with ${kr(e.paidNet)} paid net: that money is claimed back first.` },
  NothingToAppeal: { status: 409, detail: (e) => `Grant ${e.grantId} is ${e.status}: only a rejection or a dismissal can be appealed.` },
  AppealAlreadyDismissed: { status: 409, detail: (e) => `An appeal of the decision on ${e.grantId} has already been dismissed: the decision is final.` },
  AppealOutOfTime: { status: 409, detail: (e) => `An appeal lodged ${e.appealedAt} is too late: the decision of ${e.decidedAt} could be appealed for ${e.windowDays} days, until ${e.deadline}.` },
  NoAppealPending: { status: 409, detail: (e) => `Grant ${e.grantId} is ${e.status}: no appeal of it is pending.` },
  EvaluatorHasConflictOfInterest: { status: 409, detail: (e) => `${e.evaluator} may not evaluate ${e.grantId}: ${e.reason}.` },
  ConflictAlreadyDeclared: { status: 409, detail: (e) => `${e.evaluator} has already declared a conflict of interest with ${e.grantId}.` },
  EvaluatorCannotAward: { status: 409, detail: (e) => `${e.awardedBy} may not award ${e.grantId}: the round separates the duties, and ${e.evaluatedBy} evaluated it.` },
  AwarderCannotPay: { status: 409, detail: (e) => `${e.paidBy} may not pay ${e.grantId}: the round separates the duties, and ${e.awardedBy} awarded it.` },};
