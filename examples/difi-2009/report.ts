import type { EventStore } from "@grantledger/core";
import {
  describeProjectionError,
  getRoundBudget,
  listMunicipalities,
  listRoundBudgets,
  listOtherParticipants,
  municipalityTotals,
  projectAsOf,
  roundBudget,
  type ProjectionError,
} from "@grantledger/projections";
import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";

/** The read models the demo prints, folded from the store's whole history. */
export interface DemoReport {
  readonly round: NonNullable<ReturnType<typeof getRoundBudget>>;
  readonly municipalities: ReturnType<typeof listMunicipalities>;
  readonly others: ReturnType<typeof listOtherParticipants>;
  /** Every round in the store: round 1, and round 2 with what round 1 carried over. */
  readonly rounds: ReturnType<typeof listRoundBudgets>;
  /** The global position the figures are as of. */
  readonly position: bigint | undefined;
}

/** Why there is no report: a projection failed, or the round was never opened in this store. */
export type ReportError = ProjectionError | { readonly _tag: "RoundNotInStore"; readonly roundId: string };

/**
 * Folds both read models as of the same position, so the municipality totals and the round
 * budget describe one moment even if something is appended in between.
 */
export const buildReport =
  (store: EventStore, roundId: string): TaskEither<ReportError, DemoReport> =>
  async () => {
    const totals = await projectAsOf(store, municipalityTotals)();
    if (E.isLeft(totals)) return totals;
    const { position } = totals.right;
    const budgets = await projectAsOf(store, roundBudget, position === undefined ? {} : { position })();
    if (E.isLeft(budgets)) return budgets;
    const round = getRoundBudget(budgets.right.state, roundId);
    if (round === undefined) return E.left({ _tag: "RoundNotInStore", roundId });
    return E.right({
      round,
      municipalities: listMunicipalities(totals.right.state),
      others: listOtherParticipants(totals.right.state),
      rounds: listRoundBudgets(budgets.right.state),
      position,
    });
  };

/** Money in the JSON output: integer øre. */
type Ore = number;

/** The shape `pnpm demo --json` prints, as the issue specifies it. */
export interface ReportJson {
  readonly round: { budget: Ore; committed: Ore; disbursed: Ore; remaining: Ore; awardedGrants: number };
  readonly municipalities: readonly {
    municipalityNo: string;
    name: string;
    projects: number;
    requested: Ore;
    awarded: Ore;
    disbursed: Ore;
  }[];
  readonly others: readonly {
    kind: string;
    id: string;
    name: string;
    projects: number;
    requested: Ore;
    awarded: Ore;
    disbursed: Ore;
  }[];
  /** Every round, net of amendments, reversals, repayments, closings and carry-overs. */
  readonly rounds: readonly {
    roundId: string;
    schemeId: string | null;
    openedBudget: Ore;
    carriedOver: Ore;
    carriedIn: Ore;
    budget: Ore;
    committed: Ore;
    released: Ore;
    remaining: Ore;
    disbursed: Ore;
    reversed: Ore;
    repaid: Ore;
    applications: number;
    awarded: number;
    rejected: number;
    closed: number;
  }[];
}

/**
 * The report as the JSON the issue specifies, money as integer øre. Fields are picked one by one
 * so that what the read models add later does not change the demo's output.
 */
export const reportJson = (report: DemoReport): ReportJson => ({
  round: {
    budget: report.round.budget,
    committed: report.round.committed,
    disbursed: report.round.disbursed,
    remaining: report.round.remaining,
    awardedGrants: report.round.awarded,
  },
  municipalities: report.municipalities.map(({ municipalityNo, name, projects, requested, awarded, disbursed }) => ({
    municipalityNo,
    name,
    projects,
    requested,
    awarded,
    disbursed,
  })),
  others: report.others.map(({ kind, id, name, projects, requested, awarded, disbursed }) => ({
    kind,
    id,
    name,
    projects,
    requested,
    awarded,
    disbursed,
  })),
  rounds: report.rounds.map((row) => ({
    roundId: row.roundId,
    schemeId: row.schemeId ?? null,
    openedBudget: row.openedBudget,
    carriedOver: row.carriedOver,
    carriedIn: row.carriedIn,
    budget: row.budget,
    committed: row.committed,
    released: row.released,
    remaining: row.remaining,
    disbursed: row.disbursed,
    reversed: row.reversed,
    repaid: row.repaid,
    applications: row.applications,
    awarded: row.awarded,
    rejected: row.rejected,
    closed: row.closed,
  })),
});

/** One sentence for a report error. */
export const describeReportError = (error: ReportError): string =>
  error._tag === "RoundNotInStore" ? `round ${error.roundId} is not in the store` : describeProjectionError(error);
