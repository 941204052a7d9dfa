import { unsafeIsoDate } from "@grantledger/core";
import type { Projection } from "../projection.js";
import { benefitsRealisation, listGrantBenefits, listRoundBenefits } from "../readModels/benefitsRealisation.js";
import { grantRegister, listGrants } from "../readModels/grantRegister.js";
import { municipalityTotals } from "../readModels/municipalityTotals.js";
import { listMunicipalities, listOtherParticipants } from "../readModels/municipalityTotalsQueries.js";
import { reportObligations } from "../readModels/reportObligations.js";
import { listReportObligations, listReportObligationsOn } from "../readModels/reportObligationsQueries.js";
import { roundBudget } from "../readModels/roundBudget.js";
import { listRoundBudgets, listSchemeBudgets } from "../readModels/roundBudgetQueries.js";

/** A projection with the answers its queries give, so tests compare what a reader would see. */
export interface Viewed<S> {
  readonly projection: Projection<S>;
  // Method syntax on purpose: it lets every Viewed<S> stand in a Viewed<unknown> list.
  view(state: S): unknown;
}

const viewed = <S>(projection: Projection<S>, view: (state: S) => unknown): Viewed<S> => ({ projection, view });

/** The rounds and schemes of the ledger-history testkit, for the scoped views. */
const SCOPES = [{ roundId: "r2009" }, { roundId: "r2009-2" }, { roundId: "r2018" }, { schemeId: "krise-2009" }] as const;

/** The five read models of the package, each with every query it answers. */
export const READ_MODELS: readonly Viewed<unknown>[] = [
  viewed(municipalityTotals, (state) => ({
    municipalities: listMunicipalities(state),
    others: listOtherParticipants(state),
    scoped: SCOPES.map((scope) => ({ scope, municipalities: listMunicipalities(state, scope), others: listOtherParticipants(state, scope) })),
  })),
  viewed(roundBudget, (state) => ({ rounds: listRoundBudgets(state), schemes: listSchemeBudgets(state) })),
  viewed(grantRegister, listGrants),
  viewed(benefitsRealisation, (state) => ({ grants: listGrantBenefits(state), rounds: listRoundBenefits(state) })),
  viewed(reportObligations, (state) => ({ grants: listReportObligations(state), on2011: listReportObligationsOn(state, unsafeIsoDate("2011-06-01")) })),
];
