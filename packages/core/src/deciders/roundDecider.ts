import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import { RoundEvent } from "../events/roundEvents.js";
import { RoundCommand, type CarryOverFunds } from "./commands.js";
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
 * Decides a command on a funding round. Pure: the state and command are all it sees. Whether a
 * commitment a grant already holds is the one a retried award or amendment made is the command
 * handler's question (it compares what the round holds with what the grant needs); here a
 * commitment is always new money, checked against the budget.
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
      if (state.status === "closed") return E.left({ _tag: "RoundIsClosed", roundId, closedAt: state.closedAt });
      const remaining = remainingBudget(state);
      if (amount > remaining) return E.left({ _tag: "AwardExceedsRemainingBudget", roundId, grantId, award: amount, remaining });
      return E.right([{ type: "FundsCommitted", data: command.data }]);
    }
    case "ReleaseFunds": {
      const { grantId, amount } = command.data;
      const held = commitmentFor(state, grantId) ?? 0;
      if (amount <= 0 || amount > held) return E.left({ _tag: "NoCommitmentToRelease", roundId, grantId });
      return E.right([{ type: "FundsReleased", data: command.data }]);
    }
    case "AdjustRoundBudget": {
      const { budget } = command.data;
      if (budget === state.budget) return E.left({ _tag: "BudgetChangesNothing", roundId, budget });
      if (budget <= 0 || budget < state.committed) return E.left({ _tag: "BudgetBelowCommitted", roundId, budget, committed: state.committed });
      return E.right([{ type: "RoundBudgetAdjusted", data: { ...command.data, previousBudget: state.budget } }]);
    }
    case "CarryOverFunds": {
      const { amount } = command.data;
      if (state.status !== "closed") return E.left({ _tag: "CarryOverFromOpenRound", roundId });
      const remaining = remainingBudget(state);
      if (amount <= 0 || amount > remaining) return E.left({ _tag: "CarryOverExceedsRemaining", roundId, amount, remaining });
      return E.right([{ type: "FundsCarriedOver", data: command.data }]);
    }
    case "ReceiveCarriedFunds":
      // Money already sent always arrives, even in a round closed since it was sent (a carry-over
      // that crashed between its two appends and is retried later): it must never vanish in
      // flight. A new carry-over into a closed round is refused by decideCarryOver.
      return E.right([{ type: "FundsCarriedIn", data: command.data }]);
  }
};

/** The funding-round decider: initial state, decide, evolve. */
export const roundDecider: CodecDecider<RoundCommand, RoundEvent, RoundState, RoundError, t.OutputOf<typeof RoundCommand>, t.OutputOf<typeof RoundEvent>> = {
  initialState: initialRoundState,
  decide: decideRound,
  evolve: evolveRound,
  codecs: { command: RoundCommand, event: RoundEvent },
};

/** The events of a carry-over: `FundsCarriedOver` on the source round, then `FundsCarriedIn` on the target. */
export interface CarryOverEvents {
  /** For `round-<roundId>`. */
  readonly carriedOver: readonly RoundEvent[];
  /** For `round-<toRoundId>`. */
  readonly carriedIn: readonly RoundEvent[];
}

/**
 * Decides a carry-over on both rounds: the source closed and with the money left, the target
 * another open round of the same scheme (both rounds name it).
 */
export const decideCarryOver = (command: CarryOverFunds, source: RoundState, target: RoundState): E.Either<RoundError, CarryOverEvents> => {
  const { roundId, toRoundId, amount, carriedAt } = command.data;
  if (source.status === "none") return E.left({ _tag: "RoundNotFound", roundId });
  if (target.status === "none") return E.left({ _tag: "RoundNotFound", roundId: toRoundId });
  if (roundId === toRoundId || source.schemeId === undefined || source.schemeId !== target.schemeId) {
    return E.left({ _tag: "RoundsOfDifferentSchemes", roundId, toRoundId, schemeId: source.schemeId, toSchemeId: target.schemeId });
  }
  if (target.status === "closed") return E.left({ _tag: "RoundIsClosed", roundId: toRoundId, closedAt: target.closedAt });
  const over = decideRound(command, source);
  if (E.isLeft(over)) return over;
  const into = decideRound({ type: "ReceiveCarriedFunds", data: { roundId: toRoundId, fromRoundId: roundId, amount, carriedAt } }, target);
  if (E.isLeft(into)) return into;
  return E.right({ carriedOver: over.right, carriedIn: into.right });
};
