import {
  grantRegister,
  grantsInScope,
  listGrants,
  listMunicipalities,
  listOtherParticipants,
  listPayees,
  listRoundBudgets,
  municipalityTotals,
  roundBudget,
  type GrantRegisterRow,
  type GrantRegisterState,
  type MunicipalityTotalsState,
  type PayeeRow,
  type Projection,
  type RoundBudgetRow,
  type RoundBudgetState,
  type TotalsScope,
} from "@grantledger/projections";
import type { FigureQuery } from "@grantledger/projections";
import { participantQueries, roundQueries } from "../exports/explanationsSheet.js";
import type { Column } from "../output/columns.js";
import type { Projections } from "./foldTogether.js";
import { filtersGiven, unknownInParticipants, type FilterName, type TotalsFilter } from "./totalsFilter.js";
import { withParticipants, type WithParticipants } from "./withParticipants.js";

/** What `totals --by` can total by. */
export type TotalsBy = "municipality" | "round" | "grant" | "payee";

/** Every view of `totals --by`, in the order `--help` lists them. */
export const TOTALS_BY: readonly TotalsBy[] = ["municipality", "round", "grant", "payee"];

/** One participant's totals, municipalities and the others alike. Money in øre. */
export interface ParticipantRow {
  readonly kind: string;
  /** Municipality or county number, or organisation number. */
  readonly id: string;
  readonly name: string;
  readonly projects: number;
  readonly requested: number;
  readonly awarded: number;
  readonly disbursed: number;
  readonly repaid: number;
  readonly returned: number;
  readonly benefitsNok: number;
}

/** The states of the read models behind every view, as one pass folds them all (`export --format xlsx`). */
export interface ViewStates {
  readonly municipalityTotals: MunicipalityTotalsState;
  readonly roundBudget: RoundBudgetState;
  readonly grantRegister: GrantRegisterState;
}

/** The projections of {@link ViewStates}, by the same names. */
export const VIEW_PROJECTIONS: Projections<ViewStates> = { municipalityTotals, roundBudget, grantRegister };

/**
 * A view of `totals`: the projection to fold (given the filters: some need more than one read
 * model), how to list its rows within the filters, the filters that mean something for it, what
 * a filter names that the folded history does not hold, the columns, and which money columns
 * get a total line (those that add up: shares of grants, to the øre).
 */
export interface TotalsView<S, R> {
  readonly projection: (filter: TotalsFilter) => Projection<S>;
  /** The view's state taken from the states of every view, folded together. */
  readonly fromStates: (states: ViewStates) => S;
  readonly rows: (state: S, filter: TotalsFilter) => readonly R[];
  readonly filters: readonly FilterName[];
  readonly unknown: (state: S, filter: TotalsFilter) => readonly string[];
  readonly columns: readonly Column<R>[];
  readonly summed: readonly string[];
  /** The figures of its rows that the xlsx workbook's Explanations sheet explains, if any. */
  readonly queries?: (rows: readonly R[], filter: TotalsFilter) => readonly FigureQuery[];
}

const money = <R>(header: string, csvHeader: string, value: (row: R) => number): Column<R> => ({ header, csvHeader, kind: "money", value });
const count = <R>(header: string, csvHeader: string, value: (row: R) => number): Column<R> => ({ header, csvHeader, kind: "count", value });
const text = <R>(header: string, csvHeader: string, value: (row: R) => string | undefined): Column<R> => ({ header, csvHeader, kind: "text", value });

const scopeOf = (filter: TotalsFilter): TotalsScope | undefined =>
  filter.roundId !== undefined ? { roundId: filter.roundId } : filter.schemeId !== undefined ? { schemeId: filter.schemeId } : undefined;

// A county's own rows: its municipalities (their numbers start with the county's) and the county as a participant.
const byMunicipality: TotalsView<MunicipalityTotalsState, ParticipantRow> = {
  projection: () => municipalityTotals,
  fromStates: (states) => states.municipalityTotals,
  rows: (state, filter) => {
    const { countyNo } = filter;
    return [
      ...listMunicipalities(state, scopeOf(filter))
        .filter((row) => countyNo === undefined || row.countyNo === countyNo)
        .map((row) => ({ ...row, kind: "municipality", id: row.municipalityNo })),
      ...listOtherParticipants(state, scopeOf(filter)).filter((row) => countyNo === undefined || (row.kind === "county" && row.id === countyNo)),
    ];
  },
  filters: ["round", "scheme", "county"],
  unknown: unknownInParticipants,
  columns: [
    text("Kind", "kind", (row) => row.kind),
    text("No.", "id", (row) => row.id),
    text("Name", "name", (row) => row.name),
    count("Projects", "projects", (row) => row.projects),
    money("Requested (søkt)", "requested_nok", (row) => row.requested),
    money("Awarded (tildelt)", "awarded_nok", (row) => row.awarded),
    money("Disbursed (utbetalt)", "disbursed_nok", (row) => row.disbursed),
    money("Benefits (gevinst)", "benefits_nok", (row) => row.benefitsNok),
    money("Repaid (tilbakebetalt)", "repaid_nok", (row) => row.repaid),
    money("Returned unpaid", "returned_nok", (row) => row.returned),
  ],
  summed: ["requested_nok", "awarded_nok", "disbursed_nok", "benefits_nok", "repaid_nok", "returned_nok"],
  queries: participantQueries,
};

const byRound: TotalsView<RoundBudgetState, RoundBudgetRow> = {
  projection: () => roundBudget,
  fromStates: (states) => states.roundBudget,
  rows: (state, { roundId, schemeId }) =>
    listRoundBudgets(state).filter((row) => (roundId === undefined || row.roundId === roundId) && (schemeId === undefined || row.schemeId === schemeId)),
  filters: ["round", "scheme"],
  unknown: (state, { roundId, schemeId }) => {
    const rounds = listRoundBudgets(state);
    return [
      ...(roundId !== undefined && !rounds.some((row) => row.roundId === roundId) ? [`round "${roundId}"`] : []),
      ...(schemeId !== undefined && !rounds.some((row) => row.schemeId === schemeId) ? [`scheme "${schemeId}"`] : []),
    ];
  },
  columns: [
    text("Round (utlysning)", "round_id", (row) => row.roundId),
    text("Name", "name", (row) => row.name),
    money("Budget", "budget_nok", (row) => row.budget),
    money("Committed (bundet)", "committed_nok", (row) => row.committed),
    money("Disbursed (utbetalt)", "disbursed_nok", (row) => row.disbursed),
    money("Remaining (ledig)", "remaining_nok", (row) => row.remaining),
    count("Applied", "applications", (row) => row.applications),
    count("Awarded", "awarded", (row) => row.awarded),
    count("Rejected", "rejected", (row) => row.rejected),
    count("Pending", "pending", (row) => row.pending),
    text("Closed", "closed_at", (row) => row.closedAt),
    text("Scheme (ordning)", "scheme_id", (row) => row.schemeId),
    money("Adjusted", "adjustments_nok", (row) => row.adjustments),
    money("Carried over", "carried_over_nok", (row) => row.carriedOver),
    money("Carried in", "carried_in_nok", (row) => row.carriedIn),
    money("Released (frigitt)", "released_nok", (row) => row.released),
    money("Reversed", "reversed_nok", (row) => row.reversed),
    money("Repaid (tilbakebetalt)", "repaid_nok", (row) => row.repaid),
    count("Dismissed", "dismissed", (row) => row.dismissed),
    count("Appealed", "appealed", (row) => row.appealed),
    count("Withdrawn", "withdrawn", (row) => row.withdrawn),
    count("Renounced", "renounced", (row) => row.renounced),
    count("Grants closed", "grants_closed", (row) => row.closed),
  ],
  summed: ["budget_nok", "committed_nok", "disbursed_nok", "remaining_nok", "adjustments_nok", "carried_over_nok", "carried_in_nok", "released_nok", "reversed_nok", "repaid_nok"],
  queries: roundQueries,
};

type Register = WithParticipants<GrantRegisterState>;

// The grant register alone knows each grant's round, not its scheme nor its participants: with
// a filter, municipalityTotals is folded beside it to tell which grants are in.
const registerProjection = (filter: TotalsFilter): Projection<Register> => withParticipants(grantRegister, filtersGiven(filter).length > 0);

const inFilter = (state: Register, filter: TotalsFilter): ((row: GrantRegisterRow) => boolean) => {
  if (state.participants === undefined) return () => true;
  const inScope = grantsInScope(state.participants, filter);
  return (row) => inScope(row.grantId);
};

const unknownInRegister = (state: Register, filter: TotalsFilter): readonly string[] =>
  state.participants === undefined ? [] : unknownInParticipants(state.participants, filter);

const byGrant: TotalsView<Register, GrantRegisterRow> = {
  projection: registerProjection,
  fromStates: (states) => ({ main: states.grantRegister, participants: states.municipalityTotals }),
  rows: (state, filter) => listGrants(state.main).filter(inFilter(state, filter)),
  filters: ["round", "scheme", "county"],
  unknown: unknownInRegister,
  columns: [
    text("Grant (tilskudd)", "grant_id", (row) => row.grantId),
    text("Round", "round_id", (row) => row.roundId),
    text("Status", "status", (row) => row.status),
    text("Applicant (tilskuddsmottaker)", "applicant", (row) => row.applicant.name),
    text("Title", "title", (row) => row.title),
    money("Requested (søkt)", "requested_nok", (row) => row.requested),
    money("Awarded (tildelt)", "awarded_nok", (row) => row.awarded),
    money("Disbursed (utbetalt)", "disbursed_nok", (row) => row.disbursed),
    money("Repaid (tilbakebetalt)", "repaid_nok", (row) => row.repaid),
    money("Paid net", "paid_net_nok", (row) => row.paidNet),
    money("Open claims", "open_claims_nok", (row) => row.openClaims),
  ],
  summed: ["requested_nok", "awarded_nok", "disbursed_nok", "repaid_nok", "paid_net_nok", "open_claims_nok"],
};

const byPayee: TotalsView<Register, PayeeRow> = {
  projection: registerProjection,
  fromStates: (states) => ({ main: states.grantRegister, participants: states.municipalityTotals }),
  rows: (state, filter) => listPayees(state.main, inFilter(state, filter)),
  filters: ["round", "scheme", "county"],
  unknown: unknownInRegister,
  columns: [
    text("Org. no.", "org_no", (row) => row.orgNo),
    text("Payee (tilskuddsmottaker)", "name", (row) => row.name),
    text("Kind", "kind", (row) => row.kind),
    count("Grants", "grants", (row) => row.grants),
    count("Awarded", "awarded_grants", (row) => row.awardedGrants),
    count("Rejected", "rejected_grants", (row) => row.rejectedGrants),
    count("Pending", "pending_grants", (row) => row.pendingGrants),
    count("Withdrawn", "withdrawn_grants", (row) => row.withdrawnGrants),
    money("Requested (søkt)", "requested_nok", (row) => row.requested),
    money("Awarded (tildelt)", "awarded_nok", (row) => row.awarded),
    money("Disbursed (utbetalt)", "disbursed_nok", (row) => row.disbursed),
    money("Repaid (tilbakebetalt)", "repaid_nok", (row) => row.repaid),
    money("Paid net", "paid_net_nok", (row) => row.paidNet),
    money("Open claims", "open_claims_nok", (row) => row.openClaims),
  ],
  summed: ["requested_nok", "awarded_nok", "disbursed_nok", "repaid_nok", "paid_net_nok", "open_claims_nok"],
};

/** Runs `use` with the view for `by`, keeping each view's state and row types together. */
export const withTotalsView = <A>(by: TotalsBy, use: <S, R>(view: TotalsView<S, R>) => A): A => {
  switch (by) {
    case "municipality":
      return use(byMunicipality);
    case "round":
      return use(byRound);
    case "grant":
      return use(byGrant);
    case "payee":
      return use(byPayee);
  }
};
