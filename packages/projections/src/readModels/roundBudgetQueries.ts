import { ZERO, type EntityId, type IsoDateTime, type Money } from "@grantledger/core";
import { getFrom, valuesOf } from "../persistentMap.js";
import { minus, plus } from "./amounts.js";
import type { RoundBudgetState, RoundFigures } from "./roundBudget.js";

/** The money of a round or a scheme, in øre. */
export interface BudgetFigures {
  /** The budget as opened. */
  readonly openedBudget: Money;
  /** The net change by `RoundBudgetAdjusted`: negative when the budget was cut. */
  readonly adjustments: number;
  /** Sent on to later rounds of the scheme. */
  readonly carriedOver: Money;
  /** Received from earlier rounds of the scheme. */
  readonly carriedIn: Money;
  /** The current budget: `openedBudget + adjustments + carriedIn - carriedOver`. */
  readonly budget: Money;
  /** Committed to grants: `FundsCommitted` less `FundsReleased`. */
  readonly committed: Money;
  /** All `FundsReleased`: commitments given back (rejections, renounced awards, amendments down, closings). */
  readonly released: Money;
  /** `budget - committed`: what further awards and amendments may still take. */
  readonly remaining: Money;
  /** Paid to the grants, net of reversals and repayments. */
  readonly disbursed: Money;
  /** Payments reversed. */
  readonly reversed: Money;
  /** Repayments received. */
  readonly repaid: Money;
}

/** How the applications stand. A grant is counted by its current status, once. */
export interface ApplicationCounts {
  /** Applications made. */
  readonly applications: number;
  /** Grants whose award stands: awarded, or closed after their award. */
  readonly awarded: number;
  /** Rejected, the rejection standing (not under appeal). */
  readonly rejected: number;
  /** Dismissed without consideration (avvisning), not under appeal. */
  readonly dismissed: number;
  /** Rejections and dismissals under appeal. */
  readonly appealed: number;
  /** Withdrawn by the applicant. */
  readonly withdrawn: number;
  /** Awards renounced by the recipient. */
  readonly renounced: number;
  /** Grants closed with their final report (counted among `awarded` too). */
  readonly closed: number;
  /** Applications not decided yet: applied or evaluated, including those to be decided anew after an upheld appeal. */
  readonly pending: number;
}

/** One round's budget as answered. */
export interface RoundBudgetRow extends BudgetFigures, ApplicationCounts {
  /** The round. */
  readonly roundId: EntityId;
  /** Its name. */
  readonly name: string;
  /** The scheme it belongs to; absent when it names none. */
  readonly schemeId?: EntityId;
  /** When it closed; absent while open. */
  readonly closedAt?: IsoDateTime;
}

/** A scheme's budget: the sums over its rounds. Money carried between them is in both `carriedOver` and `carriedIn`. */
export interface SchemeBudgetRow extends BudgetFigures, ApplicationCounts {
  /** The scheme. */
  readonly schemeId: EntityId;
  /** Its rounds, by round id. */
  readonly roundIds: readonly EntityId[];
}

const pendingOf = (round: Omit<ApplicationCounts, "pending">): number =>
  round.applications - round.awarded - round.rejected - round.dismissed - round.appealed - round.withdrawn - round.renounced;

/** A round's budget row from the figures the state keeps of it: its remaining budget and pending applications worked out. */
export const roundBudgetRowOf = ({ closedAt, schemeId, ...round }: RoundFigures): RoundBudgetRow => ({
  ...round,
  ...(schemeId === undefined ? {} : { schemeId }),
  remaining: minus(round.budget, round.committed),
  pending: pendingOf(round),
  ...(closedAt === undefined ? {} : { closedAt }),
});

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One round's budget, or `undefined` if no such round was opened. */
export const getRoundBudget = (state: RoundBudgetState, roundId: string): RoundBudgetRow | undefined => {
  const round = getFrom(state.rounds, roundId);
  return round === undefined ? undefined : roundBudgetRowOf(round);
};

/** Every round's budget, by round id. */
export const listRoundBudgets = (state: RoundBudgetState): readonly RoundBudgetRow[] =>
  [...valuesOf(state.rounds)].map(roundBudgetRowOf).sort((a, b) => byId(a.roundId, b.roundId));

const sumRounds = (schemeId: EntityId, rounds: readonly RoundBudgetRow[]): SchemeBudgetRow => {
  const money = (pick: (round: RoundBudgetRow) => Money): Money => rounds.reduce((sum, round) => plus(sum, pick(round)), ZERO);
  const count = (pick: (round: RoundBudgetRow) => number): number => rounds.reduce((sum, round) => sum + pick(round), 0);
  return {
    schemeId,
    roundIds: rounds.map((round) => round.roundId),
    openedBudget: money((round) => round.openedBudget),
    adjustments: count((round) => round.adjustments),
    carriedOver: money((round) => round.carriedOver),
    carriedIn: money((round) => round.carriedIn),
    budget: money((round) => round.budget),
    committed: money((round) => round.committed),
    released: money((round) => round.released),
    remaining: money((round) => round.remaining),
    disbursed: money((round) => round.disbursed),
    reversed: money((round) => round.reversed),
    repaid: money((round) => round.repaid),
    applications: count((round) => round.applications),
    awarded: count((round) => round.awarded),
    rejected: count((round) => round.rejected),
    dismissed: count((round) => round.dismissed),
    appealed: count((round) => round.appealed),
    withdrawn: count((round) => round.withdrawn),
    renounced: count((round) => round.renounced),
    closed: count((round) => round.closed),
    pending: count((round) => round.pending),
  };
};

/** A scheme's budget summed over the rounds that name it, or `undefined` if no round does. */
export const getSchemeBudget = (state: RoundBudgetState, schemeId: string): SchemeBudgetRow | undefined => {
  const rounds = listRoundBudgets(state).filter((round) => round.schemeId === schemeId);
  const first = rounds[0];
  return first?.schemeId === undefined ? undefined : sumRounds(first.schemeId, rounds);
};

/** Every scheme a round names, by scheme id; rounds of no scheme are left out. */
export const listSchemeBudgets = (state: RoundBudgetState): readonly SchemeBudgetRow[] => {
  const bySchemes = new Map<EntityId, RoundBudgetRow[]>();
  for (const round of listRoundBudgets(state)) {
    if (round.schemeId === undefined) continue;
    bySchemes.set(round.schemeId, [...(bySchemes.get(round.schemeId) ?? []), round]);
  }
  return [...bySchemes].sort(([a], [b]) => byId(a, b)).map(([schemeId, rounds]) => sumRounds(schemeId, rounds));
};
