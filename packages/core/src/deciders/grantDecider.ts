import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { GrantEvent } from "../events/grantEvents.js";
import { RoundEvent } from "../events/roundEvents.js";
import { checkApplication } from "./applicationRules.js";
import { checkAward } from "./awardRules.js";
import { GrantCommand } from "./commands.js";
import type { CodecDecider } from "./decider.js";
import { checkBenefitsReport, checkDisbursement } from "./disbursementRules.js";
import type { GrantError } from "./grantErrors.js";
import { evolveGrant, initialGrantState, type GrantState } from "./grantState.js";
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

/**
 * Decides a command on a grant, given the state of the grant and of its round (for the
 * policy, the deadline and the budget). Pure: no store, no clock, no ids.
 */
export const decideGrant = (command: GrantCommand, state: GrantState, round: RoundState): Decision => {
  const { grantId } = command.data;
  if (command.type === "ApplyForGrant") {
    if (state.status !== "none") return E.left({ _tag: "GrantAlreadyApplied", grantId });
    const { roundId } = command.data;
    if (round.status === "none") return E.left({ _tag: "RoundNotFound", roundId });
    if (round.status === "closed") return E.left({ _tag: "RoundIsClosed", roundId, closedAt: round.closedAt });
    return refuse(checkApplication(command, round), [{ type: "GrantApplied", data: command.data }]);
  }
  if (state.status === "none") return E.left({ _tag: "GrantNotFound", grantId });

  switch (command.type) {
    case "EvaluateApplication": {
      if (state.status === "evaluated") return E.left({ _tag: "GrantAlreadyEvaluated", grantId });
      if (state.status !== "applied") return E.left({ _tag: "GrantAlreadyDecided", grantId, status: state.status });
      const { recommendedAmount } = command.data;
      const { requested } = state.application;
      if (recommendedAmount !== undefined && recommendedAmount > requested) {
        return E.left({ _tag: "RecommendedAmountExceedsRequest", grantId, recommended: recommendedAmount, requested });
      }
      return E.right([{ type: "ApplicationEvaluated", data: command.data }]);
    }
    case "AwardGrant": {
      if (state.status === "applied") return E.left({ _tag: "GrantNotEvaluated", grantId });
      if (state.status !== "evaluated") return E.left({ _tag: "GrantAlreadyDecided", grantId, status: state.status });
      if (round.status === "none") return E.left({ _tag: "RoundNotFound", roundId: state.roundId });
      return refuse(checkAward(command, state, round), [
        { type: "GrantAwarded", data: { ...command.data, roundId: state.application.roundId } },
      ]);
    }
    case "RejectApplication":
      if (state.status === "awarded" || state.status === "rejected") {
        return E.left({ _tag: "GrantAlreadyDecided", grantId, status: state.status });
      }
      if (command.data.reason.trim() === "") return E.left({ _tag: "RejectionWithoutReason", grantId });
      return E.right([{ type: "GrantRejected", data: command.data }]);
    case "DisburseGrant": {
      if (state.status !== "awarded" || state.award === undefined) return E.left({ _tag: "GrantNotAwarded", grantId, status: state.status });
      if (round.status === "none") return E.left({ _tag: "RoundNotFound", roundId: state.roundId });
      return refuse(checkDisbursement(command, state, state.award.amount, round), [{ type: "GrantDisbursed", data: command.data }]);
    }
    case "ReportBenefits":
      if (state.status !== "awarded") return E.left({ _tag: "GrantNotAwarded", grantId, status: state.status });
      return refuse(checkBenefitsReport(command, state), [{ type: "BenefitsReported", data: command.data }]);
  }
};

/** What a grant's decision rests on: the grant's own state and that of the round it applies to. */
export interface GrantAndRound {
  /** The grant's state, folded from `grant-<grantId>`. */
  readonly grant: GrantState;
  /** The state of its round, folded from `round-<roundId>`. */
  readonly round: RoundState;
}

const ROUND_EVENT_TYPES: ReadonlySet<string> = new Set<RoundEvent["type"]>(["RoundOpened", "FundsCommitted", "FundsReleased", "RoundClosed"]);
const isRoundEvent = (event: GrantEvent | RoundEvent): event is RoundEvent => ROUND_EVENT_TYPES.has(event.type);

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
