import type { RoundError } from "../deciders/roundErrors.js";
import { formatMoney as kr } from "../values/money.js";
import type { ProblemRules } from "./problemRule.js";

const scheme = (schemeId: string | undefined): string => (schemeId === undefined ? "no scheme" : `scheme ${schemeId}`);

/**
 * The problems of the funding-round rules: 409, except a round that was never opened, which is
 * not there to act on: 404.
 */
export const ROUND_PROBLEMS: ProblemRules<RoundError> = {
  RoundAlreadyOpened: { status: 409, detail: (e) => `Round ${e.roundId} is already open.` },
  RoundNotFound: { status: 404, detail: (e) => `There is no round ${e.roundId}: it has not been opened.` },
  RoundIsClosed: { status: 409, detail: (e) => `Round ${e.roundId} closed at ${e.closedAt}.` },
  RoundBudgetNotPositive: { status: 409, detail: (e) => `Round ${e.roundId} needs a budget above 0 kr, not ${kr(e.budget)}.` },
  InvalidDisbursementWindow: { status: 409, detail: (e) => `The disbursement window ${e.window.from} to ${e.window.to} ends before it begins.` },
  InconsistentPolicy: { status: 409, detail: (e) => `The round's ${e.field} is inconsistent: ${e.reason}.` },
  AwardExceedsRemainingBudget: { status: 409, detail: (e) => `An award of ${kr(e.award)} to ${e.grantId} is more than the ${kr(e.remaining)} left uncommitted in round ${e.roundId}.` },
  CommitmentMismatch: { status: 409, detail: (e) => `Round ${e.roundId} already holds ${kr(e.committed)} for ${e.grantId}, not the ${kr(e.award)} of this award.` },
  NoCommitmentToRelease: { status: 409, detail: (e) => `Round ${e.roundId} holds no money for ${e.grantId} to release.` },
  BudgetBelowCommitted: {
    status: 409,
    detail: (e) =>
      e.budget === 0
        ? `Round ${e.roundId} needs a budget above 0 kr.`
        : `A budget of ${kr(e.budget)} is below the ${kr(e.committed)} round ${e.roundId} has committed to awards.`,
  },
  BudgetChangesNothing: { status: 409, detail: (e) => `Round ${e.roundId} already has a budget of ${kr(e.budget)}.` },
  CarryOverFromOpenRound: { status: 409, detail: (e) => `Round ${e.roundId} is still open, and can still commit its money: money is carried over only from a closed round.` },
  RoundsOfDifferentSchemes: {
    status: 409,
    detail: (e) =>
      e.roundId === e.toRoundId
        ? `Round ${e.roundId} cannot carry money over to itself.`
        : `Money is carried only to another round of the same scheme: round ${e.roundId} is of ${scheme(e.schemeId)}, round ${e.toRoundId} of ${scheme(e.toSchemeId)}.`,
  },
  CarryOverExceedsRemaining: { status: 409, detail: (e) => `Carrying ${kr(e.amount)} out of round ${e.roundId} needs more than 0 kr and at most the ${kr(e.remaining)} it has not committed.` },
};
