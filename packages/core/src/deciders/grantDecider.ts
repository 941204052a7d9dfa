import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { GrantEvent } from "../events/grantEvents.js";
import { isRoundEvent, RoundEvent } from "../events/roundEvents.js";
import type { Money } from "../values/money.js";
import { compareInstants, type IsoDateTime } from "../values/isoTime.js";
import { calendarDayOf } from "../values/calendarDay.js";
import { checkApplication } from "./applicationRules.js";
import { checkAward } from "./awardRules.js";
import { GrantCommand } from "./commands.js";
import type { CodecDecider } from "./decider.js";
import { checkBenefitsReport, checkDisbursement } from "./disbursementRules.js";
import type { GrantError } from "./grantErrors.js";
import { evolveGrant, initialGrantState, paidNet, type GrantState } from "./grantState.js";
import { checkAcceptance, checkAmendment, checkAppeal, checkClaim, checkRenouncing, checkRepayment, checkReversal, notBefore } from "./lifecycleRules.js";
import type { RoundError } from "./roundErrors.js";
import { evolveRound, initialRoundState, type RoundState } from "./roundState.js";

/** Why a grant command is refused: a grant rule, or a rule of the round it applies to. */
export type GrantDecisionError = GrantError | RoundError;
/**
 * The grant's new events, or why the command was refused.
 *
 * @inline
 */
type Decision = E.Either<GrantDecisionError, readonly GrantEvent[]>;

const refuse = (error: GrantDecisionError | undefined, events: readonly GrantEvent[]): Decision =>
  error === undefined ? E.right(events) : E.left(error);

const UNDECIDED: ReadonlySet<string> = new Set(["applied", "evaluated"]);

/**
 * Decides a command on a grant, given the state of the grant and of its round (for the
 * policy, the deadline and the budget), the actor giving it (for separation of duties; a
 * decision without one, as in a spec, checks no duty), and `receivedAt`, the ledger clock's time
 * of a live command (an application received after the deadline is refused whatever its
 * `appliedAt`; historical records and specs give none), and `actorDeclaredAs`, the actor as a
 * conflict-of-interest declaration of theirs stores them when personal data is sealed (the
 * ledger gives it; rule replay, without keys, compares the evaluator named only). Pure: no
 * store, no clock, no ids.
 */
export const decideGrant = (
  command: GrantCommand,
  state: GrantState,
  round: RoundState,
  actor?: string,
  receivedAt?: IsoDateTime,
  actorDeclaredAs?: string,
): Decision => {
  const { grantId } = command.data;
  if (command.type === "ApplyForGrant") {
    if (state.status !== "none") return E.left({ _tag: "GrantAlreadyApplied", grantId });
    const { roundId } = command.data;
    if (round.status === "none") return E.left({ _tag: "RoundNotFound", roundId });
    if (round.status === "closed") return E.left({ _tag: "RoundIsClosed", roundId, closedAt: round.closedAt });
    if (receivedAt !== undefined && compareInstants(receivedAt, round.applicationDeadline) > 0) {
      return E.left({ _tag: "ApplicationReceivedAfterDeadline", grantId, receivedAt, deadline: round.applicationDeadline });
    }
    return refuse(checkApplication(command, round), [{ type: "GrantApplied", data: command.data }]);
  }
  if (state.status === "none") return E.left({ _tag: "GrantNotFound", grantId });
  const { status } = state;
  const notAwarded = (): Decision => E.left({ _tag: "GrantNotAwarded", grantId, status });
  const decided = (): Decision => E.left({ _tag: "GrantAlreadyDecided", grantId, status });
  const separated = round.status !== "none" && round.policy.separationOfDuties === true && actor !== undefined;

  switch (command.type) {
    case "EvaluateApplication": {
      if (status === "evaluated") return E.left({ _tag: "GrantAlreadyEvaluated", grantId });
      if (status !== "applied") return decided();
      const { recommendedAmount, evaluator } = command.data;
      const conflicted = state.conflicted.find((declared) => declared === actor || declared === evaluator || (actorDeclaredAs !== undefined && declared === actorDeclaredAs));
      if (conflicted !== undefined) return E.left({ _tag: "EvaluatorHasConflictOfInterest", grantId, evaluator: conflicted, reason: "declared a conflict of interest with this application" });
      const { requested } = state.application;
      if (recommendedAmount !== undefined && recommendedAmount > requested) {
        return E.left({ _tag: "RecommendedAmountExceedsRequest", grantId, recommended: recommendedAmount, requested });
      }
      return E.right([{ type: "ApplicationEvaluated", data: command.data }]);
    }
    case "AwardGrant": {
      if (status === "applied") return E.left({ _tag: "GrantNotEvaluated", grantId });
      if (status !== "evaluated") return decided();
      if (round.status === "none") return E.left({ _tag: "RoundNotFound", roundId: state.roundId });
      if (separated && state.evaluatedBy === actor) return E.left({ _tag: "EvaluatorCannotAward", grantId, evaluatedBy: state.evaluatedBy, awardedBy: actor });
      return refuse(checkAward(command, state, round), [
        { type: "GrantAwarded", data: { ...command.data, roundId: state.application.roundId } },
      ]);
    }
    case "RejectApplication":
      if (!UNDECIDED.has(status)) return decided();
      if (command.data.reason.trim() === "") return E.left({ _tag: "RejectionWithoutReason", grantId });
      return E.right([{ type: "GrantRejected", data: command.data }]);
    case "DismissApplication":
      if (!UNDECIDED.has(status)) return decided();
      return refuse(notBefore(grantId, "dismissedAt", command.data.dismissedAt, state.application.appliedAt), [{ type: "ApplicationDismissed", data: command.data }]);
    case "WithdrawApplication":
      if (!UNDECIDED.has(status)) return decided();
      return refuse(notBefore(grantId, "withdrawnAt", command.data.withdrawnAt, state.application.appliedAt), [{ type: "ApplicationWithdrawn", data: command.data }]);
    case "DeclareConflictOfInterest":
      if (!UNDECIDED.has(status)) return decided();
      if (state.conflicted.includes(command.data.evaluator)) return E.left({ _tag: "ConflictAlreadyDeclared", grantId, evaluator: command.data.evaluator });
      return E.right([{ type: "ConflictOfInterestDeclared", data: command.data }]);
    case "AppealDecision":
      return refuse(checkAppeal(command, state, round.status === "none" ? undefined : round), [{ type: "DecisionAppealed", data: command.data }]);
    case "UpholdAppeal":
    case "DismissAppeal": {
      if (status !== "appealed") return E.left({ _tag: "NoAppealPending", grantId, status });
      const early = notBefore(grantId, "decidedAt", command.data.decidedAt, state.decision?.appealedAt);
      return refuse(early, [command.type === "UpholdAppeal" ? { type: "AppealUpheld", data: command.data } : { type: "AppealDismissed", data: command.data }]);
    }
    case "DisburseGrant": {
      if (status !== "awarded" || state.award === undefined) return notAwarded();
      if (round.status === "none") return E.left({ _tag: "RoundNotFound", roundId: state.roundId });
      if (separated && state.awardedBy === actor) return E.left({ _tag: "AwarderCannotPay", grantId, awardedBy: state.awardedBy, paidBy: actor });
      const { valueDate, ...payment } = command.data;
      const disbursed = { ...payment, valueDate: valueDate ?? calendarDayOf(payment.disbursedAt) };
      return refuse(checkDisbursement(command, state, state.award.amount, round), [{ type: "GrantDisbursed", data: disbursed }]);
    }
    case "ReportBenefits":
      if (status !== "awarded") return notAwarded();
      return refuse(checkBenefitsReport(command, state), [{ type: "BenefitsReported", data: command.data }]);
    case "AcceptConditions":
      if (status !== "awarded") return notAwarded();
      return refuse(checkAcceptance(command, state), [{ type: "ConditionsAccepted", data: command.data }]);
    case "AmendAward": {
      if (status !== "awarded" || state.award === undefined) return notAwarded();
      if (round.status === "none") return E.left({ _tag: "RoundNotFound", roundId: state.roundId });
      const { amount, disbursementPlan, reason, amendedAt } = command.data;
      const previousAmount = state.award.amount;
      return refuse(checkAmendment(command, state, round), [
        { type: "AwardAmended", data: { grantId, roundId: state.roundId, previousAmount, amount, disbursementPlan, reason, amendedAt } },
      ]);
    }
    case "ReverseDisbursement":
      if (status !== "awarded") return notAwarded();
      return refuse(checkReversal(command, state), [{ type: "DisbursementReversed", data: command.data }]);
    case "ClaimRepayment":
      if (status !== "awarded" && status !== "closed") return notAwarded();
      return refuse(checkClaim(command, state), [{ type: "RepaymentClaimed", data: command.data }]);
    case "RecordRepayment":
      if (status !== "awarded" && status !== "closed") return notAwarded();
      return refuse(checkRepayment(command, state), [{ type: "RepaymentReceived", data: command.data }]);
    case "RenounceAward":
      if (status !== "awarded") return notAwarded();
      return refuse(checkRenouncing(command, state), [{ type: "AwardRenounced", data: { ...command.data, roundId: state.roundId } }]);
    case "CloseGrant": {
      if (status !== "awarded" || state.award === undefined) return notAwarded();
      const { finalReport, closedAt } = command.data;
      const unpaid = (state.award.amount - paidNet(state)) as Money;
      return refuse(notBefore(grantId, "closedAt", closedAt, state.award.awardedAt), [
        { type: "GrantClosed", data: { grantId, roundId: state.roundId, finalReport, unpaid, closedAt } },
      ]);
    }
  }
};

/** What a grant's decision rests on: the grant's own state and that of the round it applies to. */
export interface GrantAndRound {
  /** The grant's state, folded from `grant-<grantId>`. */
  readonly grant: GrantState;
  /** The state of its round, folded from `round-<roundId>`. */
  readonly round: RoundState;
}


/**
 * The grant decider over both streams a grant's rules read: fold the round's events and the
 * grant's events (in any interleaving) and decide a grant command against both. This is the
 * shape `scenario(grantDecider)` of `@grantledger/core/testing` takes; the command handler calls
 * {@link decideGrant} directly with states it loaded.
 */
export const grantDecider: CodecDecider<
  GrantCommand,
  GrantEvent | RoundEvent,
  GrantAndRound,
  GrantDecisionError,
  t.OutputOf<typeof GrantCommand>,
  t.OutputOf<typeof GrantEvent> | t.OutputOf<typeof RoundEvent>
> = {
  initialState: { grant: initialGrantState, round: initialRoundState },
  decide: (command, state) => decideGrant(command, state.grant, state.round),
  evolve: (state, event) =>
    isRoundEvent(event) ? { grant: state.grant, round: evolveRound(state.round, event) } : { grant: evolveGrant(state.grant, event), round: state.round },
  codecs: { command: GrantCommand, event: t.union([GrantEvent, RoundEvent]) },
};
