import type { BenefitsRealisationState } from "../readModels/benefitsRealisation.js";
import type { GrantRegisterState } from "../readModels/grantRegister.js";
import type { MunicipalityTotalsState } from "../readModels/municipalityTotalsState.js";
import type { RoundBudgetState } from "../readModels/roundBudget.js";

/**
 * The state of each of the engine's read models. Query them with the read models' own functions:
 * `listMunicipalities(states.municipalityTotals)`, `getRoundBudget(states.roundBudget, roundId)`,
 * `getGrant(states.grantRegister, grantId)`, `getGrantBenefits(states.benefitsRealisation, grantId)`.
 */
export interface ReadModelStates {
  /** Per participant: projects, and shares of what was requested, awarded and paid. */
  readonly municipalityTotals: MunicipalityTotalsState;
  /** Per round: budget, commitments, payments and application counts. */
  readonly roundBudget: RoundBudgetState;
  /** Per grant: where it stands, with its figures. */
  readonly grantRegister: GrantRegisterState;
  /** Per awarded grant and per round: benefits planned against reported. */
  readonly benefitsRealisation: BenefitsRealisationState;
}
