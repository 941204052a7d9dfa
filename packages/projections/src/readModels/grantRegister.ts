import { compareInstants, ZERO, type DomainEvent, type IsoDateTime } from "@grantledger/core";
import { editorOf, emptyMap, getFrom, valuesOf, type MapEditor, type PersistentMap } from "../persistentMap.js";
import type { Projection } from "../projection.js";
import { known, minus, plus } from "./amounts.js";
import { foldWithDrafts } from "../foldWithDrafts.js";
import type { GrantAppeal, GrantRegisterRow } from "./grantRegisterRow.js";

export type { GrantAppeal, GrantRegisterRow } from "./grantRegisterRow.js";

/** The state of {@link grantRegister}: read it through `listGrants` and `getGrant`. */
export interface GrantRegisterState {
  /** Every grant applied for, by grant id. */
  readonly grants: PersistentMap<GrantRegisterRow>;
}

type Grants = MapEditor<GrantRegisterRow>;

const later = (known: IsoDateTime | undefined, next: IsoDateTime): IsoDateTime =>
  known === undefined || compareInstants(next, known) > 0 ? next : known;

const rowOf = (grants: Grants, grantId: string, type: string): GrantRegisterRow => known(grants.get(grantId), `${type}: grant ${grantId}`);

// A row without the fields of the application's current consideration: an upheld appeal sets it aside.
const reconsidered = ({ score: _s, recommendation: _r, recommendedAmount: _a, evaluatedAt: _e, decidedAt: _d, rejectionReason: _j, dismissalReason: _m, ...row }: GrantRegisterRow) => row;

const appealOf = (row: GrantRegisterRow, type: string): GrantAppeal => known(row.appeal, `${type}: an appeal of grant ${row.grantId}`);

// The events of a decision and of an appeal of it.
const decisionStep = (grants: Grants, event: DomainEvent): boolean => {
  switch (event.type) {
    case "GrantAwarded": {
      const { grantId, amount, awardedAt } = event.data;
      grants.set(grantId, { ...rowOf(grants, grantId, event.type), status: "awarded", awarded: amount, decidedAt: awardedAt });
      return true;
    }
    case "GrantRejected": {
      const { grantId, reason, rejectedAt } = event.data;
      grants.set(grantId, { ...rowOf(grants, grantId, event.type), status: "rejected", decidedAt: rejectedAt, rejectionReason: reason });
      return true;
    }
    case "ApplicationDismissed": {
      const { grantId, reason, dismissedAt } = event.data;
      grants.set(grantId, { ...rowOf(grants, grantId, event.type), status: "dismissed", decidedAt: dismissedAt, dismissalReason: reason });
      return true;
    }
    case "DecisionAppealed": {
      const { grantId, grounds, appealedAt } = event.data;
      const row = rowOf(grants, grantId, event.type);
      if (row.status !== "rejected" && row.status !== "dismissed") throw new Error(`${event.type}: grant ${grantId} is ${row.status}`);
      grants.set(grantId, { ...row, status: "appealed", appeals: row.appeals + 1, appeal: { state: "pending", against: row.status, grounds, appealedAt } });
      return true;
    }
    case "AppealUpheld": {
      const { grantId, reason, decidedAt } = event.data;
      const row = rowOf(grants, grantId, event.type);
      grants.set(grantId, { ...reconsidered(row), status: "applied", appeal: { ...appealOf(row, event.type), state: "upheld", decidedAt, reason } });
      return true;
    }
    case "AppealDismissed": {
      const { grantId, reason, decidedAt } = event.data;
      const row = rowOf(grants, grantId, event.type);
      const appeal = appealOf(row, event.type);
      grants.set(grantId, { ...row, status: appeal.against, appeal: { ...appeal, state: "dismissed", decidedAt, reason } });
      return true;
    }
    default:
      return false;
  }
};

// The events of money paid, reversed, claimed and repaid.
const paymentStep = (grants: Grants, event: DomainEvent): boolean => {
  switch (event.type) {
    case "GrantDisbursed": {
      const { grantId, amount, disbursedAt, valueDate } = event.data;
      const row = rowOf(grants, grantId, event.type);
      const lastValueDate = row.lastValueDate === undefined || valueDate > row.lastValueDate ? valueDate : row.lastValueDate;
      grants.set(grantId, { ...row, disbursed: plus(row.disbursed, amount), paidNet: plus(row.paidNet, amount), lastDisbursedAt: later(row.lastDisbursedAt, disbursedAt), lastValueDate });
      return true;
    }
    case "DisbursementReversed": {
      const { grantId, amount } = event.data;
      const row = rowOf(grants, grantId, event.type);
      grants.set(grantId, { ...row, disbursed: minus(row.disbursed, amount), reversed: plus(row.reversed, amount), paidNet: minus(row.paidNet, amount) });
      return true;
    }
    case "RepaymentClaimed": {
      const { grantId, amount } = event.data;
      const row = rowOf(grants, grantId, event.type);
      grants.set(grantId, { ...row, claimed: plus(row.claimed, amount), openClaims: plus(row.openClaims, amount) });
      return true;
    }
    case "RepaymentReceived": {
      const { grantId, amount } = event.data;
      const row = rowOf(grants, grantId, event.type);
      grants.set(grantId, { ...row, repaid: plus(row.repaid, amount), paidNet: minus(row.paidNet, amount), openClaims: minus(row.openClaims, amount) });
      return true;
    }
    default:
      return false;
  }
};

const step = (grants: Grants, event: DomainEvent): void => {
  if (decisionStep(grants, event) || paymentStep(grants, event)) return;
  switch (event.type) {
    case "GrantApplied": {
      const { grantId, roundId, applicant, project, totalCost, requested, appliedAt } = event.data;
      if (grants.get(grantId) !== undefined) throw new Error(`grant ${grantId} was applied for twice`);
      return grants.set(grantId, {
        grantId,
        roundId,
        status: "applied",
        applicant,
        title: project.title,
        totalCost,
        requested,
        awarded: ZERO,
        amendments: 0,
        disbursed: ZERO,
        reversed: ZERO,
        repaid: ZERO,
        paidNet: ZERO,
        claimed: ZERO,
        openClaims: ZERO,
        conditionsAccepted: false,
        appliedAt,
        appeals: 0,
      });
    }
    case "ApplicationEvaluated": {
      const { grantId, score, recommendation, recommendedAmount, evaluatedAt } = event.data;
      const amount = recommendedAmount === undefined ? {} : { recommendedAmount };
      return grants.set(grantId, { ...rowOf(grants, grantId, event.type), status: "evaluated", score, recommendation, ...amount, evaluatedAt });
    }
    case "ConflictOfInterestDeclared": {
      const { grantId, evaluator } = event.data;
      const row = rowOf(grants, grantId, event.type);
      return grants.set(grantId, { ...row, conflictsOfInterest: [...(row.conflictsOfInterest ?? []), evaluator] });
    }
    case "ConditionsAccepted": {
      const { grantId, acceptedBy, acceptedAt } = event.data;
      return grants.set(grantId, { ...rowOf(grants, grantId, event.type), conditionsAccepted: true, conditionsAcceptedBy: acceptedBy, conditionsAcceptedAt: acceptedAt });
    }
    case "AwardAmended": {
      const { grantId, amount } = event.data;
      const row = rowOf(grants, grantId, event.type);
      return grants.set(grantId, { ...row, awarded: amount, amendments: row.amendments + 1 });
    }
    case "ApplicationWithdrawn": {
      const { grantId, reason, withdrawnAt } = event.data;
      return grants.set(grantId, { ...rowOf(grants, grantId, event.type), status: "withdrawn", withdrawnAt, withdrawalReason: reason });
    }
    case "AwardRenounced": {
      const { grantId, reason, renouncedAt } = event.data;
      const row = rowOf(grants, grantId, event.type);
      return grants.set(grantId, { ...row, status: "renounced", awarded: ZERO, renouncedAt, renouncedAmount: row.awarded, renunciationReason: reason });
    }
    case "GrantClosed": {
      const { grantId, unpaid, closedAt } = event.data;
      return grants.set(grantId, { ...rowOf(grants, grantId, event.type), status: "closed", closedAt, unpaidAtClosing: unpaid });
    }
    default:
      return;
  }
};

/**
 * One row per grant: where it stands (every status: applied, evaluated, awarded, rejected,
 * dismissed, appealed, withdrawn, renounced, closed), who applied, in which round, for what; the
 * award as last amended, what was paid, reversed, repaid and is still claimed; whether the
 * conditions were accepted; the latest appeal and how it stands; and the dates of each step.
 * Query it with `listGrants` and `getGrant`.
 */
export const grantRegister: Projection<GrantRegisterState> = {
  name: "grant-register",
  version: 3,
  handles: [
    "GrantApplied",
    "ApplicationEvaluated",
    "ConflictOfInterestDeclared",
    "GrantAwarded",
    "GrantRejected",
    "ApplicationDismissed",
    "DecisionAppealed",
    "AppealUpheld",
    "AppealDismissed",
    "ApplicationWithdrawn",
    "ConditionsAccepted",
    "AwardAmended",
    "GrantDisbursed",
    "DisbursementReversed",
    "RepaymentClaimed",
    "RepaymentReceived",
    "AwardRenounced",
    "GrantClosed",
  ],
  initialState: { grants: emptyMap() },
  ...foldWithDrafts(
    (state: GrantRegisterState) => editorOf(state.grants),
    step,
    (grants): GrantRegisterState => ({ grants: grants.finish() }),
  ),
};

/** One grant's row, or `undefined` if no such grant was applied for. */
export const getGrant = (state: GrantRegisterState, grantId: string): GrantRegisterRow | undefined => getFrom(state.grants, grantId);

/** Every grant, in order of application time (then grant id, for grants applied at the same instant). */
export const listGrants = (state: GrantRegisterState): readonly GrantRegisterRow[] =>
  [...valuesOf(state.grants)].sort((a, b) => compareInstants(a.appliedAt, b.appliedAt) || (a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0));
