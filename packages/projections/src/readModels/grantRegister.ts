import {
  compareInstants,
  ZERO,
  type Applicant,
  type DomainEvent,
  type EntityId,
  type GrantStatus,
  type IsoDateTime,
  type Money,
} from "@grantledger/core";
import { editorOf, emptyMap, getFrom, valuesOf, type MapEditor, type PersistentMap } from "../persistentMap.js";
import type { Projection } from "../projection.js";
import { known, plus } from "./amounts.js";
import { foldWithDrafts } from "../foldWithDrafts.js";

/** One grant as the register shows it. Money in øre; optional fields appear once they are known. */
export interface GrantRegisterRow {
  /** The grant. */
  readonly grantId: EntityId;
  /** The round applied to. */
  readonly roundId: EntityId;
  /** Where the grant stands. */
  readonly status: GrantStatus;
  /** The responsible grant recipient. */
  readonly applicant: Applicant;
  /** The project's title. */
  readonly title: string;
  /** The project's total cost. */
  readonly totalCost: Money;
  /** The grant applied for. */
  readonly requested: Money;
  /** The evaluation's score, 0 to 100. */
  readonly score?: number;
  /** What the evaluator advised. */
  readonly recommendation?: "award" | "reject";
  /** The amount the evaluator advised, if one was given. */
  readonly recommendedAmount?: Money;
  /** The amount awarded; zero until the grant is awarded. */
  readonly awarded: Money;
  /** The sum of the payments made so far. */
  readonly disbursed: Money;
  /** When the application was made. */
  readonly appliedAt: IsoDateTime;
  /** When the application was evaluated. */
  readonly evaluatedAt?: IsoDateTime;
  /** When the grant was awarded or rejected. */
  readonly decidedAt?: IsoDateTime;
  /** The reason given for a rejection. */
  readonly rejectionReason?: string;
  /** The latest `disbursedAt` among the grant's disbursements. */
  readonly lastDisbursedAt?: IsoDateTime;
}

/** The state of {@link grantRegister}: read it through `listGrants` and `getGrant`. */
export interface GrantRegisterState {
  /** Every grant applied for, by grant id. */
  readonly grants: PersistentMap<GrantRegisterRow>;
}

const later = (known: IsoDateTime | undefined, next: IsoDateTime): IsoDateTime =>
  known === undefined || compareInstants(next, known) > 0 ? next : known;

const rowOf = (grants: MapEditor<GrantRegisterRow>, grantId: string, type: string): GrantRegisterRow =>
  known(grants.get(grantId), `${type}: grant ${grantId}`);

const step = (grants: MapEditor<GrantRegisterRow>, event: DomainEvent): void => {
  switch (event.type) {
    case "GrantApplied": {
      const { grantId, roundId, applicant, project, totalCost, requested, appliedAt } = event.data;
      if (grants.get(grantId) !== undefined) throw new Error(`grant ${grantId} was applied for twice`);
      return grants.set(grantId, { grantId, roundId, status: "applied", applicant, title: project.title, totalCost, requested, awarded: ZERO, disbursed: ZERO, appliedAt });
    }
    case "ApplicationEvaluated": {
      const { grantId, score, recommendation, recommendedAmount, evaluatedAt } = event.data;
      const amount = recommendedAmount === undefined ? {} : { recommendedAmount };
      return grants.set(grantId, { ...rowOf(grants, grantId, event.type), status: "evaluated", score, recommendation, ...amount, evaluatedAt });
    }
    case "GrantAwarded": {
      const { grantId, amount, awardedAt } = event.data;
      return grants.set(grantId, { ...rowOf(grants, grantId, event.type), status: "awarded", awarded: amount, decidedAt: awardedAt });
    }
    case "GrantRejected": {
      const { grantId, reason, rejectedAt } = event.data;
      return grants.set(grantId, { ...rowOf(grants, grantId, event.type), status: "rejected", decidedAt: rejectedAt, rejectionReason: reason });
    }
    case "GrantDisbursed": {
      const { grantId, amount, disbursedAt } = event.data;
      const row = rowOf(grants, grantId, event.type);
      return grants.set(grantId, { ...row, disbursed: plus(row.disbursed, amount), lastDisbursedAt: later(row.lastDisbursedAt, disbursedAt) });
    }
    default:
      return;
  }
};

/**
 * One row per grant: where it stands (applied, evaluated, awarded, rejected), who applied, in
 * which round, for what, and the amounts and dates of its application, evaluation, decision and
 * disbursements. Query it with `listGrants` and `getGrant`.
 */
export const grantRegister: Projection<GrantRegisterState> = {
  name: "grant-register",
  version: 1,
  handles: ["GrantApplied", "ApplicationEvaluated", "GrantAwarded", "GrantRejected", "GrantDisbursed"],
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
