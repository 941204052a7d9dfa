import * as E from "fp-ts/lib/Either.js";
import type { GrantEvent } from "../events/grantEvents.js";
import { checkApplication } from "./applicationRules.js";
import { checkAward } from "./awardRules.js";
import type { GrantCommand } from "./commands.js";
import { checkBenefitsReport, checkDisbursement } from "./disbursementRules.js";
import type { GrantError } from "./grantErrors.js";
import { evolveGrant, initialGrantState, type GrantState } from "./grantState.js";
import type { RoundError } from "./roundErrors.js";
import type { RoundState } from "./roundState.js";

export type GrantDecisionError = GrantError | RoundError;
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

/** The grant decider: initial state, decide (with the round's state), evolve. */
export const grantDecider = { initialState: initialGrantState, decide: decideGrant, evolve: evolveGrant } as const;
