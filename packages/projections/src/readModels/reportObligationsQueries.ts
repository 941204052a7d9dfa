import type { EntityId, IsoDate, IsoDateTime } from "@grantledger/core";
import { getFrom, valuesOf } from "../persistentMap.js";
import type { GrantReportDuties, ReportObligationsState } from "./reportObligations.js";

/** One report due of a grant, and whether it was made. */
export interface ReportObligation {
  /** The date it is due. */
  readonly due: IsoDate;
  /** `reported` once a report satisfied it; `open` while not; `ended` when the grant was closed or renounced first. */
  readonly state: "reported" | "open" | "ended";
  /** When the report that satisfied it was made. */
  readonly reportedAt?: IsoDateTime;
  /** Present (true) when that report was made after the date it was due (by the report's own calendar date). */
  readonly late?: true;
}

/** All of one grant's report obligations. */
export interface GrantReportObligationsRow {
  /** The grant. */
  readonly grantId: EntityId;
  /** Its round. */
  readonly roundId: EntityId;
  /** Each date a report is due, earliest first. */
  readonly obligations: readonly ReportObligation[];
  /** Reports made beyond the dates due: they satisfy nothing, and are no fault. */
  readonly extraReports: number;
  /** How and when the obligations still open ended, once they did. */
  readonly ended?: {
    /** The grant was closed with its final report, or its award renounced. */
    readonly by: "closed" | "renounced";
    /** When. */
    readonly at: IsoDateTime;
  };
}

/** A grant's open reports as of a business date. */
export interface DueReportsRow {
  /** The grant. */
  readonly grantId: EntityId;
  /** Its round. */
  readonly roundId: EntityId;
  /** The dates due before the business date with no report yet, earliest first: what to chase. */
  readonly overdue: readonly IsoDate[];
  /** The dates due on or after the business date with no report yet, earliest first. */
  readonly due: readonly IsoDate[];
}

/** What is due and overdue on a business date, over all grants. */
export interface ReportsDueOn {
  /** The business date asked about. */
  readonly businessDate: IsoDate;
  /** How many reports are overdue, over all grants. */
  readonly overdue: number;
  /** How many reports are due on or after the date, over all grants. */
  readonly due: number;
  /** The grants with a report overdue or due, by grant id. */
  readonly grants: readonly DueReportsRow[];
}

const rowOf = (grant: GrantReportDuties): GrantReportObligationsRow => {
  const obligations = grant.dueDates.map((due, index): ReportObligation => {
    const reportedAt = grant.reports[index];
    if (reportedAt !== undefined) return { due, state: "reported", reportedAt, ...(reportedAt.slice(0, 10) > due ? { late: true as const } : {}) };
    return { due, state: grant.ended === undefined ? "open" : "ended" };
  });
  const extraReports = Math.max(0, grant.reports.length - grant.dueDates.length);
  return { grantId: grant.grantId, roundId: grant.roundId, obligations, extraReports, ...(grant.ended === undefined ? {} : { ended: grant.ended }) };
};

const byGrantId = (a: { grantId: string }, b: { grantId: string }): number => (a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0);

/** One awarded grant's report obligations, or `undefined` if the grant is not (yet) awarded. */
export const getReportObligations = (state: ReportObligationsState, grantId: string): GrantReportObligationsRow | undefined => {
  const grant = getFrom(state.grants, grantId);
  return grant === undefined ? undefined : rowOf(grant);
};

/** Every awarded grant's report obligations, by grant id. */
export const listReportObligations = (state: ReportObligationsState): readonly GrantReportObligationsRow[] =>
  [...valuesOf(state.grants)].map(rowOf).sort(byGrantId);

/**
 * What is due and overdue on `businessDate`: per grant, the reports not yet made whose date is
 * before it (overdue) and on or after it (due). Obligations a closing or renouncing ended are
 * left out, and so are grants with nothing open.
 */
export const listReportObligationsOn = (state: ReportObligationsState, businessDate: IsoDate): ReportsDueOn => {
  const grants: DueReportsRow[] = [];
  let overdueCount = 0;
  let dueCount = 0;
  for (const grant of valuesOf(state.grants)) {
    if (grant.ended !== undefined) continue;
    const open = grant.dueDates.slice(grant.reports.length);
    if (open.length === 0) continue;
    const overdue = open.filter((date) => date < businessDate);
    const due = open.filter((date) => date >= businessDate);
    overdueCount += overdue.length;
    dueCount += due.length;
    grants.push({ grantId: grant.grantId, roundId: grant.roundId, overdue, due });
  }
  return { businessDate, overdue: overdueCount, due: dueCount, grants: grants.sort(byGrantId) };
};
