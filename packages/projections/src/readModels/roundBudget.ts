import { ZERO, type DomainEvent, type EntityId, type GrantStatus, type IsoDateTime, type Money } from "@grantledger/core";
import { editorOf, emptyMap, type MapEditor, type PersistentMap } from "../persistentMap.js";
import type { Projection } from "../projection.js";
import { known, minus, plus } from "./amounts.js";
import { foldWithDrafts } from "../foldWithDrafts.js";

/** A round's running figures, as kept in the state; see `RoundBudgetRow` for the answer. Money in øre. */
export interface RoundFigures {
  /** The round. */
  readonly roundId: EntityId;
  /** Its name. */
  readonly name: string;
  /** The scheme it belongs to; `undefined` when its `RoundOpened` names none. */
  readonly schemeId: EntityId | undefined;
  /** The budget as opened. */
  readonly openedBudget: Money;
  /** The net change of the budget by `RoundBudgetAdjusted`, in øre: negative when it was cut. */
  readonly adjustments: number;
  /** Sent on to later rounds of the scheme (`FundsCarriedOver`). */
  readonly carriedOver: Money;
  /** Received from earlier rounds of the scheme (`FundsCarriedIn`). */
  readonly carriedIn: Money;
  /** The current budget: as opened, plus adjustments and money carried in, less money carried over. */
  readonly budget: Money;
  /** Committed to grants and not released: `FundsCommitted` less `FundsReleased`. */
  readonly committed: Money;
  /** Every `FundsReleased`, summed: commitments given back to the budget. */
  readonly released: Money;
  /** Paid to its grants, net of reversals and repayments. */
  readonly disbursed: Money;
  /** Payments reversed (`DisbursementReversed`). */
  readonly reversed: Money;
  /** Repayments received (`RepaymentReceived`). */
  readonly repaid: Money;
  /** Applications made to it. */
  readonly applications: number;
  /** Grants whose award stands: awarded, or closed after their award. */
  readonly awarded: number;
  /** Grants rejected (also after an appeal was dismissed). */
  readonly rejected: number;
  /** Applications dismissed without consideration (avvisning), and not under appeal. */
  readonly dismissed: number;
  /** Rejections and dismissals under appeal. */
  readonly appealed: number;
  /** Applications withdrawn by the applicant. */
  readonly withdrawn: number;
  /** Awards renounced by the recipient. */
  readonly renounced: number;
  /** Grants closed with their final report; counted among `awarded` as well. */
  readonly closed: number;
  /** When the round closed; `undefined` while open. */
  readonly closedAt: IsoDateTime | undefined;
}

/** What the round budget keeps of a grant: its round, where it stands, and the decision an appeal would return to. */
export interface GrantInRound {
  /** The round applied to. */
  readonly roundId: EntityId;
  /** Where the grant stands. */
  readonly status: GrantStatus;
  /** The standing rejection or dismissal, to which a dismissed appeal returns. */
  readonly decision: "rejected" | "dismissed" | undefined;
}

/** The state of {@link roundBudget}: read it through the query functions. */
export interface RoundBudgetState {
  /** Every round opened, by round id. */
  readonly rounds: PersistentMap<RoundFigures>;
  /** Every grant applied for, by grant id: most grant events name only the grant. */
  readonly grants: PersistentMap<GrantInRound>;
}

interface Draft {
  readonly rounds: MapEditor<RoundFigures>;
  readonly grants: MapEditor<GrantInRound>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Count = "awarded" | "rejected" | "dismissed" | "appealed" | "withdrawn" | "renounced" | "closed";

// The counts a grant of each status is in; undecided grants are in none (they are `pending`).
const COUNTED_IN: Readonly<Record<GrantStatus, readonly Count[]>> = {
  applied: [],
  evaluated: [],
  awarded: ["awarded"],
  closed: ["awarded", "closed"],
  rejected: ["rejected"],
  dismissed: ["dismissed"],
  appealed: ["appealed"],
  withdrawn: ["withdrawn"],
  renounced: ["renounced"],
};

const roundOf = (draft: Draft, roundId: string, type: string): RoundFigures => known(draft.rounds.get(roundId), `${type}: round ${roundId}`);
const grantOf = (draft: Draft, grantId: string, type: string): GrantInRound => known(draft.grants.get(grantId), `${type}: grant ${grantId}`);
const roundOfGrant = (draft: Draft, grantId: string, type: string): RoundFigures => roundOf(draft, grantOf(draft, grantId, type).roundId, type);
const put = (draft: Draft, round: RoundFigures): void => draft.rounds.set(round.roundId, round);

const withinBudget = (round: RoundFigures): RoundFigures => {
  if (round.committed > round.budget) throw new RangeError(`round ${round.roundId} committed ${round.committed} øre of a budget of ${round.budget}`);
  return round;
};

// Moves a grant from the counts of its old status to those of its new one.
const moveGrant = (draft: Draft, grantId: string, type: string, status: GrantStatus, decision?: "rejected" | "dismissed"): void => {
  const grant = grantOf(draft, grantId, type);
  const round: Mutable<RoundFigures> = { ...roundOf(draft, grant.roundId, type) };
  for (const count of COUNTED_IN[grant.status]) round[count] -= 1;
  for (const count of COUNTED_IN[status]) round[count] += 1;
  draft.grants.set(grantId, { roundId: grant.roundId, status, decision: status === "applied" ? undefined : (decision ?? grant.decision) });
  put(draft, round);
};

const moneyStep = (draft: Draft, event: DomainEvent): boolean => {
  switch (event.type) {
    case "RoundBudgetAdjusted": {
      const { roundId, budget, previousBudget } = event.data;
      const round = roundOf(draft, roundId, event.type);
      if (previousBudget !== round.budget) throw new RangeError(`round ${roundId}: an adjustment from ${previousBudget} øre of a budget of ${round.budget}`);
      put(draft, withinBudget({ ...round, budget, adjustments: round.adjustments + budget - previousBudget }));
      return true;
    }
    case "FundsCarriedOver": {
      const round = roundOf(draft, event.data.roundId, event.type);
      const { amount } = event.data;
      put(draft, withinBudget({ ...round, budget: minus(round.budget, amount), carriedOver: plus(round.carriedOver, amount) }));
      return true;
    }
    case "FundsCarriedIn": {
      const round = roundOf(draft, event.data.roundId, event.type);
      const { amount } = event.data;
      put(draft, { ...round, budget: plus(round.budget, amount), carriedIn: plus(round.carriedIn, amount) });
      return true;
    }
    case "FundsCommitted": {
      const round = roundOf(draft, event.data.roundId, event.type);
      put(draft, withinBudget({ ...round, committed: plus(round.committed, event.data.amount) }));
      return true;
    }
    case "FundsReleased": {
      const round = roundOf(draft, event.data.roundId, event.type);
      put(draft, { ...round, committed: minus(round.committed, event.data.amount), released: plus(round.released, event.data.amount) });
      return true;
    }
    case "GrantDisbursed": {
      const round = roundOfGrant(draft, event.data.grantId, event.type);
      put(draft, { ...round, disbursed: plus(round.disbursed, event.data.amount) });
      return true;
    }
    case "DisbursementReversed": {
      const round = roundOfGrant(draft, event.data.grantId, event.type);
      put(draft, { ...round, disbursed: minus(round.disbursed, event.data.amount), reversed: plus(round.reversed, event.data.amount) });
      return true;
    }
    case "RepaymentReceived": {
      const round = roundOfGrant(draft, event.data.grantId, event.type);
      put(draft, { ...round, disbursed: minus(round.disbursed, event.data.amount), repaid: plus(round.repaid, event.data.amount) });
      return true;
    }
    default:
      return false;
  }
};

const step = (draft: Draft, event: DomainEvent): void => {
  if (moneyStep(draft, event)) return;
  switch (event.type) {
    case "RoundOpened": {
      const { roundId, name, budget, schemeId } = event.data;
      if (draft.rounds.get(roundId) !== undefined) throw new Error(`round ${roundId} was opened twice`);
      return put(draft, {
        roundId,
        name,
        schemeId,
        openedBudget: budget,
        adjustments: 0,
        carriedOver: ZERO,
        carriedIn: ZERO,
        budget,
        committed: ZERO,
        released: ZERO,
        disbursed: ZERO,
        reversed: ZERO,
        repaid: ZERO,
        applications: 0,
        awarded: 0,
        rejected: 0,
        dismissed: 0,
        appealed: 0,
        withdrawn: 0,
        renounced: 0,
        closed: 0,
        closedAt: undefined,
      });
    }
    case "RoundClosed":
      return put(draft, { ...roundOf(draft, event.data.roundId, event.type), closedAt: event.data.closedAt });
    case "GrantApplied": {
      const { grantId, roundId } = event.data;
      const round = roundOf(draft, roundId, event.type);
      if (draft.grants.get(grantId) !== undefined) throw new Error(`grant ${grantId} was applied for twice`);
      draft.grants.set(grantId, { roundId, status: "applied", decision: undefined });
      return put(draft, { ...round, applications: round.applications + 1 });
    }
    case "ApplicationEvaluated":
      return moveGrant(draft, event.data.grantId, event.type, "evaluated");
    case "GrantAwarded":
      return moveGrant(draft, event.data.grantId, event.type, "awarded");
    case "GrantRejected":
      return moveGrant(draft, event.data.grantId, event.type, "rejected", "rejected");
    case "ApplicationDismissed":
      return moveGrant(draft, event.data.grantId, event.type, "dismissed", "dismissed");
    case "DecisionAppealed":
      return moveGrant(draft, event.data.grantId, event.type, "appealed");
    case "AppealUpheld":
      return moveGrant(draft, event.data.grantId, event.type, "applied");
    case "AppealDismissed": {
      const decision = known(grantOf(draft, event.data.grantId, event.type).decision, `${event.type}: the decision appealed of grant ${event.data.grantId}`);
      return moveGrant(draft, event.data.grantId, event.type, decision);
    }
    case "ApplicationWithdrawn":
      return moveGrant(draft, event.data.grantId, event.type, "withdrawn");
    case "AwardRenounced":
      return moveGrant(draft, event.data.grantId, event.type, "renounced");
    case "GrantClosed":
      return moveGrant(draft, event.data.grantId, event.type, "closed");
    default:
      return;
  }
};

/**
 * Per funding round: its budget as opened, adjusted, carried over and carried in; the money
 * committed to grants (`FundsCommitted` less `FundsReleased`), released and remaining; what was
 * paid, net of reversals and repayments; and its applications by where they stand. Per scheme,
 * the same summed over the scheme's rounds. Query it with `getRoundBudget`, `listRoundBudgets`,
 * `getSchemeBudget` and `listSchemeBudgets`.
 *
 * The counts follow each grant's current status, so a grant is counted once however often its
 * status changed: a rejection appealed and upheld leaves `rejected`, and counts again once the
 * application is decided anew. A closed grant still counts as `awarded` (its award was carried
 * out) and also as `closed`; a renounced award counts only as `renounced`.
 */
export const roundBudget: Projection<RoundBudgetState> = {
  name: "round-budget",
  version: 2,
  handles: [
    "RoundOpened",
    "RoundBudgetAdjusted",
    "FundsCarriedOver",
    "FundsCarriedIn",
    "FundsCommitted",
    "FundsReleased",
    "RoundClosed",
    "GrantApplied",
    "ApplicationEvaluated",
    "GrantAwarded",
    "GrantRejected",
    "ApplicationDismissed",
    "DecisionAppealed",
    "AppealUpheld",
    "AppealDismissed",
    "ApplicationWithdrawn",
    "AwardRenounced",
    "GrantClosed",
    "GrantDisbursed",
    "DisbursementReversed",
    "RepaymentReceived",
  ],
  initialState: { rounds: emptyMap(), grants: emptyMap() },
  ...foldWithDrafts(
    (state: RoundBudgetState): Draft => ({ rounds: editorOf(state.rounds), grants: editorOf(state.grants) }),
    step,
    (draft): RoundBudgetState => ({ rounds: draft.rounds.finish(), grants: draft.grants.finish() }),
  ),
};
