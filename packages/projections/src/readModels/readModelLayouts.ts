import { keyedRowsLayout, type KeyedRowsLayout } from "../store/keyedRowsLayout.js";
import { grantRegister } from "./grantRegister.js";
import { municipalityTotals } from "./municipalityTotals.js";
import { roundBudget } from "./roundBudget.js";

/** The grant register as rows: collection `grants`, one row (a `GrantRegisterRow`) per grant id. */
export const grantRegisterLayout: KeyedRowsLayout = keyedRowsLayout(grantRegister, ["grants"]);

/** The round budgets as rows: `rounds` (a `RoundFigures` per round id) and `grants` (a `GrantInRound` per grant id). */
export const roundBudgetLayout: KeyedRowsLayout = keyedRowsLayout(roundBudget, ["rounds", "grants"]);

/**
 * The municipality totals as rows: `participants` (a `ParticipantTotals` per participant key,
 * `municipality:1201`, `county:46`, `org:974760673`), `grants` (a `GrantShares` per grant id) and
 * `rounds` (a `RoundOfScheme` per round id).
 */
export const municipalityTotalsLayout: KeyedRowsLayout = keyedRowsLayout(municipalityTotals, ["participants", "grants", "rounds"]);

/** The layouts a PostgreSQL read-model store uses unless told otherwise: the three read models above. */
export const STANDARD_LAYOUTS: readonly KeyedRowsLayout[] = [grantRegisterLayout, roundBudgetLayout, municipalityTotalsLayout];
