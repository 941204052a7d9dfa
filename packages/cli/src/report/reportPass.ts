import * as E from "fp-ts/lib/Either.js";
import { businessTimeOf, decodeRecordedEvent, type EventStore, type Organisation, type RecordedEvent } from "@grantledger/core";
import {
  describeProjectionError,
  foldRecorded,
  getRoundBudget,
  scanAsOf,
  grantRegister,
  municipalityTotals,
  roundBudget,
  type AsOfOptions,
  type GrantRegisterState,
  type MunicipalityTotalsState,
  type ProjectionError,
  type ProjectionSnapshot,
  type RoundBudgetState,
} from "@grantledger/projections";
import { CliError } from "../cliError.js";
import type { ReportScope } from "./reportScope.js";

/** A round in the report's scope, as its `RoundOpened` opened it. */
export interface OpenedRound {
  /** The round. */
  readonly roundId: string;
  /** Its name. */
  readonly name: string;
  /** The funding agency. */
  readonly funder: Organisation;
  /** Its scheme, if it names one. */
  readonly schemeId: string | undefined;
}

/** How one event moved the scope's budget figures (øre), at the event's business time. */
export interface BudgetMovement {
  /** The event's global position. */
  readonly position: bigint;
  /** Its business time (core's `businessTimeOf`: `awardedAt`, `disbursedAt`, …), else its recorded time. */
  readonly at: string;
  /** The change to the budget. */
  readonly budget: number;
  /** The change to what is committed. */
  readonly committed: number;
  /** The change to what is paid net. */
  readonly disbursed: number;
}

/** What one pass over the history gives the report. */
export interface ReportPass {
  /** The rounds in scope, in the order they were opened. */
  readonly rounds: readonly OpenedRound[];
  /** The round-budget read model at the end. */
  readonly roundBudget: RoundBudgetState;
  /** The municipality-totals read model at the end. */
  readonly municipalityTotals: MunicipalityTotalsState;
  /** The grant register at the end. */
  readonly grantRegister: GrantRegisterState;
  /** Every event that moved the scope's budget, committed or disbursed figure, in global order. */
  readonly movements: readonly BudgetMovement[];
  /** The last position known by the limits (in effect or not); `undefined` when none was. */
  readonly position: bigint | undefined;
}

const inScope = (scope: ReportScope, roundId: string, schemeId: string | undefined): boolean =>
  scope.kind === "round" ? roundId === scope.roundId : schemeId === scope.schemeId;

const ROUND_BUDGET_TYPES: ReadonlySet<string> = new Set(roundBudget.handles);

/**
 * Reads the history once (what was known at and in effect on the limits' times, through the
 * library's own `scanAsOf`) and folds what the report needs: the three read
 * models, the rounds in scope with their funders, and how each event moved the scope's budget
 * figures. The round budget is folded event by event for that; the other two a page at a time.
 */
export const readReportPass = async (store: EventStore, scope: ReportScope, limits: AsOfOptions): Promise<ReportPass> => {
  const rounds: OpenedRound[] = [];
  const movements: BudgetMovement[] = [];
  let budgetState = roundBudget.initialState;
  let totals: ProjectionSnapshot<MunicipalityTotalsState> = { state: municipalityTotals.initialState, checkpoint: undefined };
  let register: ProjectionSnapshot<GrantRegisterState> = { state: grantRegister.initialState, checkpoint: undefined };
  const figures = (state: RoundBudgetState): { budget: number; committed: number; disbursed: number } => {
    let budget = 0, committed = 0, disbursed = 0;
    for (const round of rounds) {
      const row = getRoundBudget(state, round.roundId);
      budget += row?.budget ?? 0;
      committed += row?.committed ?? 0;
      disbursed += row?.disbursed ?? 0;
    }
    return { budget, committed, disbursed };
  };
  const visit = (page: readonly RecordedEvent[]): ProjectionError | undefined => {
    for (const recorded of page) {
      if (!ROUND_BUDGET_TYPES.has(recorded.type)) continue;
      const decoded = decodeRecordedEvent(recorded);
      if (E.isLeft(decoded)) throw new CliError(`cannot report: ${recorded.type} at ${recorded.streamName}@${recorded.revision} (position ${recorded.position}) does not decode: ${decoded.left.path}: ${decoded.left.reason}`);
      const { event } = decoded.right;
      if (event.type === "RoundOpened" && inScope(scope, event.data.roundId, event.data.schemeId)) {
        rounds.push({ roundId: event.data.roundId, name: event.data.name, funder: event.data.funder, schemeId: event.data.schemeId });
      }
      const before = figures(budgetState);
      try {
        budgetState = roundBudget.apply(budgetState, decoded.right);
      } catch (error) {
        throw new CliError(`cannot report: projection round-budget stopped at ${recorded.type} at ${recorded.streamName}@${recorded.revision} (position ${recorded.position}): ${error instanceof Error ? error.message : String(error)}`);
      }
      const after = figures(budgetState);
      const moved = { budget: after.budget - before.budget, committed: after.committed - before.committed, disbursed: after.disbursed - before.disbursed };
      if (moved.budget !== 0 || moved.committed !== 0 || moved.disbursed !== 0) {
        movements.push({ position: recorded.position, at: businessTimeOf(recorded) ?? recorded.recordedAt, ...moved });
      }
    }
    const foldedTotals = foldRecorded(municipalityTotals, totals, page);
    if (foldedTotals.poison !== undefined) return foldedTotals.poison;
    totals = foldedTotals.snapshot;
    const foldedRegister = foldRecorded(grantRegister, register, page);
    if (foldedRegister.poison !== undefined) return foldedRegister.poison;
    register = foldedRegister.snapshot;
    return undefined;
  };
  const scanned = await scanAsOf(store, "report", limits, visit)();
  if (E.isLeft(scanned)) throw new CliError(`cannot report: ${describeProjectionError(scanned.left)}`);
  return { rounds, roundBudget: budgetState, municipalityTotals: totals.state, grantRegister: register.state, movements, position: scanned.right.position };
};
