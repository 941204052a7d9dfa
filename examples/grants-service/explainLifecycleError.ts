import { formatMoney as kr, type GrantLifecycleError } from "@grantledger/core";
import { conflict, unhandled, type Explanation } from "./explanation.js";

/**
 * A broken rule of a grant's life around and after its decision (acceptance, amendment,
 * reversal, repayment, renouncing, appeal, conflicts of interest, separation of duties). The
 * request was sound and the grant exists, but its state refuses the command: always 409.
 */
export const explainLifecycleError = (e: GrantLifecycleError): Explanation => {
  switch (e._tag) {
    case "ApplicationReceivedAfterDeadline":
      return conflict(`The application for ${e.grantId} arrived ${e.receivedAt}, after the round's deadline ${e.deadline}, whatever time it claims.`);
    case "OutOfOrder":
      return conflict(`The ${e.field} of ${e.grantId}, ${e.at}, comes before ${e.notBefore}, the time of what it follows.`);
    case "ConditionsAlreadyAccepted":
      return conflict(`The conditions of grant ${e.grantId} have already been accepted.`);
    case "ConditionsNotAccepted":
      return conflict(`Grant ${e.grantId} is not paid before the recipient has accepted its conditions, as the round's policy asks.`);
    case "AmendmentBelowPaid":
      return conflict(`An award of ${kr(e.amount)} is less than the ${kr(e.paidNet)} already paid to ${e.grantId}, net of reversals and repayments.`);
    case "AmendmentChangesNothing":
      return conflict(`The amendment of ${e.grantId} gives the amount and plan it already has.`);
    case "PaymentNotFound":
      return conflict(`No payment ${e.paymentRef} stands on grant ${e.grantId}: it was never paid, or has been reversed already.`);
    case "ReversalAmountMismatch":
      return conflict(`Payment ${e.paymentRef} was ${kr(e.paid)}, not ${kr(e.amount)}: a payment is reversed whole.`);
    case "ReversalBelowOpenClaims":
      return conflict(`Reversing ${e.paymentRef} would leave less than the ${kr(e.openClaims)} still claimed back from ${e.grantId}, of ${kr(e.paidNet)} paid net.`);
    case "AmountNotPositive":
      return conflict(`The ${e.field} for ${e.grantId} must be more than 0 kr.`);
    case "ClaimAlreadyRecorded":
      return conflict(`Claim ${e.claimId} is already recorded for grant ${e.grantId}.`);
    case "ClaimExceedsPaid":
      return conflict(`Claiming ${kr(e.amount)} on top of the ${kr(e.openClaims)} already claimed would ask back more than the ${kr(e.paidNet)} paid net to ${e.grantId}.`);
    case "ClaimNotFound":
      return conflict(`There is no claim ${e.claimId} on grant ${e.grantId}.`);
    case "RepaymentExceedsClaim":
      return conflict(`A repayment of ${kr(e.amount)} is more than the ${kr(e.outstanding)} still owed on claim ${e.claimId}.`);
    case "RenounceAfterPayment":
      return conflict(`The award of ${e.grantId} cannot be renounced with ${kr(e.paidNet)} paid net: that money is claimed back first.`);
    case "NothingToAppeal":
      return conflict(`Grant ${e.grantId} is ${e.status}: only a rejection or a dismissal can be appealed.`);
    case "AppealAlreadyDismissed":
      return conflict(`An appeal of the decision on ${e.grantId} has already been dismissed: the decision is final.`);
    case "AppealOutOfTime":
      return conflict(`An appeal lodged ${e.appealedAt} is too late: the decision of ${e.decidedAt} could be appealed for ${e.windowDays} days, until ${e.deadline}.`);
    case "NoAppealPending":
      return conflict(`Grant ${e.grantId} is ${e.status}: no appeal of it is pending.`);
    case "EvaluatorHasConflictOfInterest":
      return conflict(`${e.evaluator} may not evaluate ${e.grantId}: ${e.reason}.`);
    case "ConflictAlreadyDeclared":
      return conflict(`${e.evaluator} has already declared a conflict of interest with ${e.grantId}.`);
    case "EvaluatorCannotAward":
      return conflict(`${e.awardedBy} may not award ${e.grantId}: the round separates the duties, and ${e.evaluatedBy} evaluated it.`);
    case "AwarderCannotPay":
      return conflict(`${e.paidBy} may not pay ${e.grantId}: the round separates the duties, and ${e.awardedBy} awarded it.`);
    default:
      return unhandled(e);
  }
};
