import type { BenefitsRealisationState } from "../readModels/benefitsRealisation.js";
import type { GrantRegisterState } from "../readModels/grantRegister.js";
import type { MunicipalityTotalsState } from "../readModels/municipalityTotalsState.js";
import type { ReportObligationsState } from "../readModels/reportObligations.js";
import type { RoundBudgetState } from "../readModels/roundBudget.js";

/**
 * The state of each of the engine's read models. Query them with the read models' own functions:
 * `listMunicipalities(states.municipalityTotals)`, `getRoundBudget(states.roundBudget, roundId)`,
 * `getGrant(states.grantRegister, grantId)`, `getGrantBenefits(states.benefitsRealisation, grantId)`,
 * `listReportObligationsOn(states.reportObligations, "2011-01-31")`.
 */
export interface ReadModelStates {
  /** Per participant, over all rounds and per round and scheme: projects, and shares of what was requested, awarded, paid net, repaid and returned. */
  readonly municipalityTotals: MunicipalityTotalsState;
  /** Per round (and summed per scheme): budget as opened, adjusted and carried, commitments, releases, payments net, and applications by status. */
  readonly roundBudget: RoundBudgetState;
  /** Per grant: where it stands, with its figures. */
  readonly grantRegister: GrantRegisterState;
  /** Per awarded grant and per round: benefits planned against reported. */
  readonly benefitsRealisation: BenefitsRealisationState;
  /** Per awarded grant: the dates its benefits reports are due, which are met, and what is due or overdue on a date. */
  readonly reportObligations: ReportObligationsState;
}
