import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import { RoundEvent } from "../events/roundEvents.js";
import { RoundCommand } from "./commands.js";
import type { CodecDecider } from "./decider.js";
import type { RoundError } from "./roundErrors.js";
import { commitmentFor, evolveRound, initialRoundState, remainingBudget, type RoundState } from "./roundState.js";

/**
 * The round's new events, or why the command was refused.
 *
 * @inline
 */
type Decision = E.Either<RoundError, readonly RoundEvent[]>;

const validateOpening = (command: Extract<RoundCommand, { type: "OpenRound" }>): RoundError | undefined => {
  const { roundId, budget, policy, disbursementWindow } = command.data;
  if (budget <= 0) return { _tag: "RoundBudgetNotPositive", roundId, budget };
  if (disbursementWindow.from > disbursementWindow.to) {
    return { _tag: "InvalidDisbursementWindow", roundId, window: disbursementWindow };
  }
  if (policy.maxShareBps <= 0) return { _tag: "InconsistentPolicy", roundId, field: "policy.maxShareBps", reason: "must be above 0" };
  if (policy.eligibleApplicants.length === 0) {
    return { _tag: "InconsistentPolicy", roundId, field: "policy.eligibleApplicants", reason: "no kind of applicant is eligible" };
  }
  if (policy.minProjectCost !== undefined && policy.maxProjectCost !== undefined && policy.minProjectCost > policy.maxProjectCost) {
    return { _tag: "InconsistentPolicy", roundId, field: "policy.minProjectCost", reason: "above policy.maxProjectCost" };
  }
  if (policy.maxGrant !== undefined && policy.maxGrant > budget) {
    return { _tag: "InconsistentPolicy", roundId, field: "policy.maxGrant", reason: "above the round's budget" };
  }
  return undefined;
};

/**
 * Decides a command on a funding round. Pure: the state and command are all it sees.
 * Committing funds for a grant that already holds the same commitment decides nothing, so a
 * retried award completes instead of committing twice.
 */
export const decideRound = (command: RoundCommand, state: RoundState): Decision => {
  const { roundId } = command.data;
  if (command.type === "OpenRound") {
    if (state.status !== "none") return E.left({ _tag: "RoundAlreadyOpened", roundId });
    const invalid = validateOpening(command);
    return invalid === undefined ? E.right([{ type: "RoundOpened", data: command.data }]) : E.left(invalid);
  }
  if (state.status === "none") return E.left({ _tag: "RoundNotFound", roundId });
  switch (command.type) {
    case "CloseRound":
      if (state.status === "closed") return E.left({ _tag: "RoundIsClosed", roundId, closedAt: state.closedAt });
      return E.right([{ type: "RoundClosed", data: command.data }]);
    case "CommitFunds": {
      const { grantId, amount } = command.data;
      const existing = commitmentFor(state, grantId);
      if (existing !== undefined) {
        return existing === amount ? E.right([]) : E.left({ _tag: "CommitmentMismatch", roundId, grantId, committed: existing, award: amount });
      }
      if (state.status === "closed") return E.left({ _tag: "RoundIsClosed", roundId, closedAt: state.closedAt });
      const remaining = remainingBudget(state);
      if (amount > remaining) return E.left({ _tag: "AwardExceedsRemainingBudget", roundId, grantId, award: amount, remaining });
      return E.right([{ type: "FundsCommitted", data: command.data }]);
    }
    case "ReleaseFunds": {
      const { grantId } = command.data;
      const existing = commitmentFor(state, grantId);
      if (existing === undefined) return E.left({ _tag: "NoCommitmentToRelease", roundId, grantId });
      return E.right([{ type: "FundsReleased", data: { ...command.data, amount: existing } }]);
    }
  }
};

/** The funding-round decider: initial state, decide, evolve. */
export const roundDecider: CodecDecider<RoundCommand, RoundEvent, RoundState, RoundError, t.OutputOf<typeof RoundCommand>, t.OutputOf<typeof RoundEvent>> = {
  initialState: initialRoundState,
  decide: decideRound,
  evolve: evolveRound,
  codecs: { command: RoundCommand, event: RoundEvent },
};
