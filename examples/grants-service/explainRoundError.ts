import { formatMoney as kr, type RoundError } from "@grantledger/core";
import { conflict, notFound, unhandled, type Explanation } from "./explanation.js";

const scheme = (schemeId: string | undefined): string => (schemeId === undefined ? "no scheme" : `scheme ${schemeId}`);

/**
 * A broken funding-round rule: 409, except a round that was never opened, which is not there to
 * act on: 404.
 */
export const explainRoundError = (e: RoundError): Explanation => {
  switch (e._tag) {
    case "RoundAlreadyOpened":
      return conflict(`Round ${e.roundId} is already open.`);
    case "RoundNotFound":
      return notFound(`There is no round ${e.roundId}: it has not been opened.`);
    case "RoundIsClosed":
      return conflict(`Round ${e.roundId} closed at ${e.closedAt}.`);
    case "RoundBudgetNotPositive":
      return conflict(`Round ${e.roundId} needs a budget above 0 kr, not ${kr(e.budget)}.`);
    case "InvalidDisbursementWindow":
      return conflict(`The disbursement window ${e.window.from} to ${e.window.to} ends before it begins.`);
    case "InconsistentPolicy":
      return conflict(`The round's ${e.field} is inconsistent: ${e.reason}.`);
    case "AwardExceedsRemainingBudget":
      return conflict(`An award of ${kr(e.award)} to ${e.grantId} is more than the ${kr(e.remaining)} left uncommitted in round ${e.roundId}.`);
    case "CommitmentMismatch":
      return conflict(`Round ${e.roundId} already holds ${kr(e.committed)} for ${e.grantId}, not the ${kr(e.award)} of this award.`);
    case "NoCommitmentToRelease":
      return conflict(`Round ${e.roundId} holds no money for ${e.grantId} to release.`);
    case "BudgetBelowCommitted":
      return e.budget === 0
        ? conflict(`Round ${e.roundId} needs a budget above 0 kr.`)
        : conflict(`A budget of ${kr(e.budget)} is below the ${kr(e.committed)} round ${e.roundId} has committed to awards.`);
    case "BudgetChangesNothing":
      return conflict(`Round ${e.roundId} already has a budget of ${kr(e.budget)}.`);
    case "CarryOverFromOpenRound":
      return conflict(`Round ${e.roundId} is still open, and can still commit its money: money is carried over only from a closed round.`);
    case "RoundsOfDifferentSchemes":
      return e.roundId === e.toRoundId
        ? conflict(`Round ${e.roundId} cannot carry money over to itself.`)
        : conflict(`Money is carried only to another round of the same scheme: round ${e.roundId} is of ${scheme(e.schemeId)}, round ${e.toRoundId} of ${scheme(e.toSchemeId)}.`);
    case "CarryOverExceedsRemaining":
      return conflict(`Carrying ${kr(e.amount)} out of round ${e.roundId} needs more than 0 kr and at most the ${kr(e.remaining)} it has not committed.`);
    default:
      return unhandled(e);
  }
};
