import type { EventStore } from "@grantledger/core";
import {
  benefitsRealisation,
  describeProjectionError,
  getRoundBenefits,
  getRoundBudget,
  grantRegister,
  listGrantBenefits,
  listGrants,
  projectAsOf,
  roundBudget,
  type BenefitFigure,
  type GrantBenefitsRow,
  type GrantRegisterRow,
  type ProjectionError,
  type RoundBudgetRow,
} from "@grantledger/projections";
import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { Refusal } from "./seedRound.js";

/** What the example prints: the round's read models, and the commands the ledger refused. */
export interface CoFinancingReport {
  readonly round: RoundBudgetRow;
  /** Every recorded application of the round, in order of application. */
  readonly grants: readonly GrantRegisterRow[];
  /** Planned against reported benefits per awarded grant, by grant id. */
  readonly benefitsByProject: readonly GrantBenefitsRow[];
  /** Planned against reported benefits summed over the round, per category and unit. */
  readonly benefitsByCategory: readonly BenefitFigure[];
  /** Refused commands leave no event, so no read model knows them: they come from the seeding. */
  readonly refusals: readonly Refusal[];
  /** The global position every figure is as of. */
  readonly position: bigint | undefined;
}

/** Why there is no report: a projection failed, or the round was never opened in this store. */
export type ReportError = ProjectionError | { readonly _tag: "RoundNotInStore"; readonly roundId: string };

/**
 * Folds the three read models the report needs as of one position, so that budget, register
 * and benefits describe the same moment even if something is appended in between.
 */
export const buildReport =
  (store: EventStore, roundId: string, refusals: readonly Refusal[]): TaskEither<ReportError, CoFinancingReport> =>
  async () => {
    const budgets = await projectAsOf(store, roundBudget)();
    if (E.isLeft(budgets)) return budgets;
    const { position } = budgets.right;
    const asOf = position === undefined ? {} : { position };
    const register = await projectAsOf(store, grantRegister, asOf)();
    if (E.isLeft(register)) return register;
    const benefits = await projectAsOf(store, benefitsRealisation, asOf)();
    if (E.isLeft(benefits)) return benefits;
    const round = getRoundBudget(budgets.right.state, roundId);
    if (round === undefined) return E.left({ _tag: "RoundNotInStore", roundId });
    return E.right({
      round,
      grants: listGrants(register.right.state).filter((grant) => grant.roundId === roundId),
      benefitsByProject: listGrantBenefits(benefits.right.state).filter((grant) => grant.roundId === roundId),
      benefitsByCategory: getRoundBenefits(benefits.right.state, roundId)?.figures ?? [],
      refusals,
      position,
    });
  };

/** One sentence for a report error. */
export const describeReportError = (error: ReportError): string =>
  error._tag === "RoundNotInStore" ? `round ${error.roundId} is not in the store` : describeProjectionError(error);
