import type { Projection } from "../projection.js";
import { benefitsRealisation, listGrantBenefits, listRoundBenefits } from "../readModels/benefitsRealisation.js";
import { grantRegister, listGrants } from "../readModels/grantRegister.js";
import { municipalityTotals } from "../readModels/municipalityTotals.js";
import { listMunicipalities, listOtherParticipants } from "../readModels/municipalityTotalsQueries.js";
import { listRoundBudgets, roundBudget } from "../readModels/roundBudget.js";

/** A projection with the answers its queries give, so tests compare what a reader would see. */
export interface Viewed<S> {
  readonly projection: Projection<S>;
  // Method syntax on purpose: it lets every Viewed<S> stand in a Viewed<unknown> list.
  view(state: S): unknown;
}

const viewed = <S>(projection: Projection<S>, view: (state: S) => unknown): Viewed<S> => ({ projection, view });

/** The four read models of the package. */
export const READ_MODELS: readonly Viewed<unknown>[] = [
  viewed(municipalityTotals, (state) => ({ municipalities: listMunicipalities(state), others: listOtherParticipants(state) })),
  viewed(roundBudget, listRoundBudgets),
  viewed(grantRegister, listGrants),
  viewed(benefitsRealisation, (state) => ({ grants: listGrantBenefits(state), rounds: listRoundBenefits(state) })),
];
