import { ZERO, type DomainEvent, type EntityId, type IsoDateTime, type Money } from "@grantledger/core";
import { editorOf, emptyMap, getFrom, valuesOf, type MapEditor, type PersistentMap } from "../persistentMap.js";
import type { Projection } from "../projection.js";
import { known, minus, plus } from "./amounts.js";
import { foldWithDrafts } from "../foldWithDrafts.js";

/** A round's running figures, as kept in the state; see {@link RoundBudgetRow} for the answer. */
export interface RoundFigures {
  /** The round. */
  readonly roundId: EntityId;
  /** Its name. */
  readonly name: string;
  /** Its budget. */
  readonly budget: Money;
  /** Committed to awards: `FundsCommitted` less `FundsReleased`. */
  readonly committed: Money;
  /** Paid out to its grants. */
  readonly disbursed: Money;
  /** Applications made to it. */
  readonly applications: number;
  /** Of those, how many were awarded. */
  readonly awarded: number;
  /** Of those, how many were rejected. */
  readonly rejected: number;
  /** When it closed; `undefined` while open. */
  readonly closedAt: IsoDateTime | undefined;
}

/** The state of {@link roundBudget}: read it through the query functions. */
export interface RoundBudgetState {
  /** Every round opened, by round id. */
  readonly rounds: PersistentMap<RoundFigures>;
  /** The round of every grant, since rejections and disbursements name only the grant. */
  readonly grantRounds: PersistentMap<EntityId>;
}

interface Draft {
  readonly rounds: MapEditor<RoundFigures>;
  readonly grantRounds: MapEditor<EntityId>;
}

const roundOf = (draft: Draft, roundId: string, type: string): RoundFigures => known(draft.rounds.get(roundId), `${type}: round ${roundId}`);
const roundOfGrant = (draft: Draft, grantId: string, type: string): RoundFigures =>
  roundOf(draft, known(draft.grantRounds.get(grantId), `${type}: grant ${grantId}`), type);
const put = (draft: Draft, round: RoundFigures): void => draft.rounds.set(round.roundId, round);

const step = (draft: Draft, event: DomainEvent): void => {
  switch (event.type) {
    case "RoundOpened": {
      const { roundId, name, budget } = event.data;
      if (draft.rounds.get(roundId) !== undefined) throw new Error(`round ${roundId} was opened twice`);
      return put(draft, { roundId, name, budget, committed: ZERO, disbursed: ZERO, applications: 0, awarded: 0, rejected: 0, closedAt: undefined });
    }
    case "FundsCommitted": {
      const round = roundOf(draft, event.data.roundId, event.type);
      const committed = plus(round.committed, event.data.amount);
      if (committed > round.budget) throw new RangeError(`round ${round.roundId} committed ${committed} øre of a budget of ${round.budget}`);
      return put(draft, { ...round, committed });
    }
    case "FundsReleased": {
      const round = roundOf(draft, event.data.roundId, event.type);
      return put(draft, { ...round, committed: minus(round.committed, event.data.amount) });
    }
    case "RoundClosed":
      return put(draft, { ...roundOf(draft, event.data.roundId, event.type), closedAt: event.data.closedAt });
    case "GrantApplied": {
      const round = roundOf(draft, event.data.roundId, event.type);
      if (draft.grantRounds.get(event.data.grantId) !== undefined) throw new Error(`grant ${event.data.grantId} was applied for twice`);
      draft.grantRounds.set(event.data.grantId, event.data.roundId);
      return put(draft, { ...round, applications: round.applications + 1 });
    }
    case "GrantAwarded": {
      const round = roundOfGrant(draft, event.data.grantId, event.type);
      return put(draft, { ...round, awarded: round.awarded + 1 });
    }
    case "GrantRejected": {
      const round = roundOfGrant(draft, event.data.grantId, event.type);
      return put(draft, { ...round, rejected: round.rejected + 1 });
    }
    case "GrantDisbursed": {
      const round = roundOfGrant(draft, event.data.grantId, event.type);
      return put(draft, { ...round, disbursed: plus(round.disbursed, event.data.amount) });
    }
    default:
      return;
  }
};

/**
 * Per funding round: its budget, the money committed to awards (`FundsCommitted` less
 * `FundsReleased`), disbursed and remaining, and how many applications it has had, awarded,
 * rejected and still pending. Query it with `getRoundBudget` and `listRoundBudgets`.
 */
export const roundBudget: Projection<RoundBudgetState> = {
  name: "round-budget",
  version: 1,
  handles: ["RoundOpened", "FundsCommitted", "FundsReleased", "RoundClosed", "GrantApplied", "GrantAwarded", "GrantRejected", "GrantDisbursed"],
  initialState: { rounds: emptyMap(), grantRounds: emptyMap() },
  ...foldWithDrafts(
    (state: RoundBudgetState): Draft => ({ rounds: editorOf(state.rounds), grantRounds: editorOf(state.grantRounds) }),
    step,
    (draft): RoundBudgetState => ({ rounds: draft.rounds.finish(), grantRounds: draft.grantRounds.finish() }),
  ),
};

/** One round's budget as answered. Money in øre. */
export interface RoundBudgetRow {
  /** The round. */
  readonly roundId: EntityId;
  /** Its name. */
  readonly name: string;
  /** Its budget. */
  readonly budget: Money;
  /** Committed to awards: `FundsCommitted` less `FundsReleased`. */
  readonly committed: Money;
  /** Paid out to its grants. */
  readonly disbursed: Money;
  /** `budget - committed`: what further awards may still take. */
  readonly remaining: Money;
  /** Applications made to it. */
  readonly applications: number;
  /** Of those, how many were awarded. */
  readonly awarded: number;
  /** Of those, how many were rejected. */
  readonly rejected: number;
  /** Applications neither awarded nor rejected yet. */
  readonly pending: number;
  /** When it closed; absent while open. */
  readonly closedAt?: IsoDateTime;
}

const toRow = ({ closedAt, ...round }: RoundFigures): RoundBudgetRow => ({
  ...round,
  remaining: minus(round.budget, round.committed),
  pending: round.applications - round.awarded - round.rejected,
  ...(closedAt === undefined ? {} : { closedAt }),
});

/** One round's budget, or `undefined` if no such round was opened. */
export const getRoundBudget = (state: RoundBudgetState, roundId: string): RoundBudgetRow | undefined => {
  const round = getFrom(state.rounds, roundId);
  return round === undefined ? undefined : toRow(round);
};

/** Every round's budget, by round id. */
export const listRoundBudgets = (state: RoundBudgetState): readonly RoundBudgetRow[] =>
  [...valuesOf(state.rounds)].map(toRow).sort((a, b) => (a.roundId < b.roundId ? -1 : a.roundId > b.roundId ? 1 : 0));
