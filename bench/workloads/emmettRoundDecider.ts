/**
 * The funding-round decider written for Emmett, rule for rule as core's `decideRound` and
 * `evolveRound` for the commands the workload gives (open a round, commit funds). Rules are
 * thrown as Emmett's `IllegalStateError`, its idiom for a refused command.
 */
import { IllegalStateError } from "@event-driven-io/emmett";
import type { Command, Event } from "@event-driven-io/emmett";
import type { CommandData } from "./grantScript.js";

type FundsCommittedData = { roundId: string; grantId: string; amount: number };

export type RoundOpened = Event<"RoundOpened", CommandData<"OpenRound">>;
export type FundsCommitted = Event<"FundsCommitted", FundsCommittedData>;
export type RoundEvent = RoundOpened | FundsCommitted;

export type OpenRound = Command<"OpenRound", CommandData<"OpenRound">>;
export type CommitFunds = Command<"CommitFunds", FundsCommittedData>;
export type RoundCommand = OpenRound | CommitFunds;

/** Commitments newest first, as a persistent list: evolve adds one without copying, as core's does. */
interface Commitment {
  readonly grantId: string;
  readonly amount: number;
  readonly previous: Commitment | undefined;
}

export type RoundState =
  | { readonly status: "none" }
  | (CommandData<"OpenRound"> & { readonly status: "open"; readonly committed: number; readonly commitments: Commitment | undefined });

export type OpenRoundState = Exclude<RoundState, { status: "none" }>;

export const initialRoundState = (): RoundState => ({ status: "none" });

export const commitmentFor = (state: OpenRoundState, grantId: string): number | undefined => {
  for (let node = state.commitments; node !== undefined; node = node.previous) {
    if (node.grantId === grantId) return node.amount === 0 ? undefined : node.amount;
  }
  return undefined;
};

export const remainingBudget = (state: OpenRoundState): number => state.budget - state.committed;

const validateOpening = ({ roundId, budget, policy, disbursementWindow }: CommandData<"OpenRound">): string | undefined => {
  if (budget <= 0) return `round ${roundId}: budget ${budget} is not positive`;
  if (disbursementWindow.from > disbursementWindow.to) return `round ${roundId}: the disbursement window ends before it starts`;
  if (policy.maxShareBps <= 0) return `round ${roundId}: policy.maxShareBps must be above 0`;
  if (policy.eligibleApplicants.length === 0) return `round ${roundId}: no kind of applicant is eligible`;
  if (policy.minProjectCost !== undefined && policy.maxProjectCost !== undefined && policy.minProjectCost > policy.maxProjectCost) {
    return `round ${roundId}: policy.minProjectCost is above policy.maxProjectCost`;
  }
  if (policy.maxGrant !== undefined && policy.maxGrant > budget) return `round ${roundId}: policy.maxGrant is above the budget`;
  return undefined;
};

export const decideRound = (command: RoundCommand, state: RoundState): RoundEvent[] => {
  const { roundId } = command.data;
  if (command.type === "OpenRound") {
    if (state.status !== "none") throw new IllegalStateError(`round ${roundId} is already open`);
    const invalid = validateOpening(command.data);
    if (invalid !== undefined) throw new IllegalStateError(invalid);
    return [{ type: "RoundOpened", data: command.data }];
  }
  if (state.status === "none") throw new IllegalStateError(`round ${roundId} not found`);
  const { grantId, amount } = command.data;
  const existing = commitmentFor(state, grantId);
  if (existing !== undefined) {
    if (existing === amount) return [];
    throw new IllegalStateError(`round ${roundId}: grant ${grantId} already holds ${existing}, not ${amount}`);
  }
  const remaining = remainingBudget(state);
  if (amount > remaining) throw new IllegalStateError(`round ${roundId}: award ${amount} exceeds the remaining ${remaining}`);
  return [{ type: "FundsCommitted", data: command.data }];
};

export const evolveRound = (state: RoundState, event: RoundEvent): RoundState => {
  switch (event.type) {
    case "RoundOpened":
      return { ...event.data, status: "open", committed: 0, commitments: undefined };
    case "FundsCommitted":
      if (state.status === "none") return state;
      return {
        ...state,
        committed: state.committed + event.data.amount,
        commitments: { grantId: event.data.grantId, amount: event.data.amount, previous: state.commitments },
      };
  }
};
