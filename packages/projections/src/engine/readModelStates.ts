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
  readonly municipalityTotals: MunicipalityTotalsState;
  readonly roundBudget: RoundBudgetState;
  readonly grantRegister: GrantRegisterState;
  readonly benefitsRealisation: BenefitsRealisationState;
}
