import type { DisbursementInstalment, DomainEvent, EntityId, IsoDate, IsoDateTime } from "@grantledger/core";
import { editorOf, emptyMap, type MapEditor, type PersistentMap } from "../persistentMap.js";
import type { Projection } from "../projection.js";
import { known } from "./amounts.js";
import { foldWithDrafts } from "../foldWithDrafts.js";

/** What the state keeps of an awarded grant's benefits reports: the dates they are due, and the reports made. */
export interface GrantReportDuties {
  /** The grant. */
  readonly grantId: EntityId;
  /** Its round. */
  readonly roundId: EntityId;
  /**
   * The dates a report is due, earliest first: the award's `reportsDue`, or, when it names none
   * and the round's policy has `reportBeforeNextTranche`, the due date of each instalment of
   * the disbursement plan after the first (as last amended).
   */
  readonly dueDates: readonly IsoDate[];
  /** Whether `dueDates` follow the disbursement plan, and so change when an amendment changes the plan. */
  readonly fromPlan: boolean;
  /** When each benefits report was made, in the order recorded: the n-th satisfies the n-th due date. */
  readonly reports: readonly IsoDateTime[];
  /** How the obligations still open ended: the grant was closed (with its final report) or its award renounced. */
  readonly ended:
    | {
        /** What ended them. */
        readonly by: "closed" | "renounced";
        /** When: the closing's or the renouncing's business time. */
        readonly at: IsoDateTime;
      }
    | undefined;
}

/** The state of {@link reportObligations}: read it through `getReportObligations` and `listReportObligationsOn`. */
export interface ReportObligationsState {
  /** Per awarded grant, by grant id. */
  readonly grants: PersistentMap<GrantReportDuties>;
  /** Per round opened: whether its policy wants a report before each tranche after the first. */
  readonly rounds: PersistentMap<boolean>;
}

interface Draft {
  readonly grants: MapEditor<GrantReportDuties>;
  readonly rounds: MapEditor<boolean>;
}

const sorted = (dates: readonly IsoDate[]): readonly IsoDate[] => [...dates].sort();
const planDates = (plan: readonly DisbursementInstalment[]): readonly IsoDate[] => sorted(plan.slice(1).map((instalment) => instalment.due));

const grantOf = (draft: Draft, grantId: string, type: string): GrantReportDuties => known(draft.grants.get(grantId), `${type}: awarded grant ${grantId}`);

const step = (draft: Draft, event: DomainEvent): void => {
  switch (event.type) {
    case "RoundOpened":
      return draft.rounds.set(event.data.roundId, event.data.policy.reportBeforeNextTranche);
    case "GrantAwarded": {
      const { grantId, roundId, reportsDue, disbursementPlan } = event.data;
      if (draft.grants.get(grantId) !== undefined) throw new Error(`grant ${grantId} was awarded twice`);
      const beforeTranches = known(draft.rounds.get(roundId), `${event.type}: round ${roundId}`);
      const fromPlan = reportsDue === undefined && beforeTranches;
      const dueDates = reportsDue !== undefined ? sorted(reportsDue) : fromPlan ? planDates(disbursementPlan) : [];
      return draft.grants.set(grantId, { grantId, roundId, dueDates, fromPlan, reports: [], ended: undefined });
    }
    case "AwardAmended": {
      const grant = grantOf(draft, event.data.grantId, event.type);
      if (!grant.fromPlan) return;
      return draft.grants.set(grant.grantId, { ...grant, dueDates: planDates(event.data.disbursementPlan) });
    }
    case "BenefitsReported": {
      const grant = grantOf(draft, event.data.grantId, event.type);
      return draft.grants.set(grant.grantId, { ...grant, reports: [...grant.reports, event.data.reportedAt] });
    }
    case "GrantClosed": {
      const grant = grantOf(draft, event.data.grantId, event.type);
      return draft.grants.set(grant.grantId, { ...grant, ended: { by: "closed", at: event.data.closedAt } });
    }
    case "AwardRenounced": {
      const grant = grantOf(draft, event.data.grantId, event.type);
      return draft.grants.set(grant.grantId, { ...grant, ended: { by: "renounced", at: event.data.renouncedAt } });
    }
    default:
      return;
  }
};

/**
 * Report obligations: the dates each awarded grant's benefits reports are due, which are met and
 * which are still open. A grant's reports are due on the award's `reportsDue` when it gives
 * them; otherwise, where the round's policy has `reportBeforeNextTranche`, on the due date of
 * each instalment after the first (an amendment's new plan moves them). Each `BenefitsReported`
 * satisfies the earliest date still open, whenever it was made. Closing a grant (with its final
 * report) or renouncing its award ends the obligations still open. Query it with
 * `getReportObligations` and `listReportObligationsOn`.
 */
export const reportObligations: Projection<ReportObligationsState> = {
  name: "report-obligations",
  version: 1,
  handles: ["RoundOpened", "GrantAwarded", "AwardAmended", "BenefitsReported", "GrantClosed", "AwardRenounced"],
  initialState: { grants: emptyMap(), rounds: emptyMap() },
  ...foldWithDrafts(
    (state: ReportObligationsState): Draft => ({ grants: editorOf(state.grants), rounds: editorOf(state.rounds) }),
    step,
    (draft): ReportObligationsState => ({ grants: draft.grants.finish(), rounds: draft.rounds.finish() }),
  ),
};
