import { getFrom } from "../persistentMap.js";
import type { GrantShares, MunicipalityTotalsState } from "./municipalityTotalsState.js";

/** Which grants: all of those given must hold (none given: every grant). */
export interface GrantScope {
  /** Grants of this round. */
  readonly roundId?: string;
  /** Grants of the rounds of this scheme (the rounds whose `RoundOpened` names it). */
  readonly schemeId?: string;
  /**
   * Grants with a participant in this county (two digits): a municipality whose number starts
   * with it, or the county itself.
   */
  readonly countyNo?: string;
}

const inCounty = (grant: GrantShares, countyNo: string): boolean =>
  grant.keys.some((key) => key === `county:${countyNo}` || (key.startsWith("municipality:") && key.slice("municipality:".length).startsWith(countyNo)));

/**
 * A predicate on grant ids: whether the grant is in `scope`, judged from `municipalityTotals`'
 * state (which keeps each grant's round and participants, and each round's scheme). A grant
 * the state does not hold is in no scope but the empty one. Use it to filter `listGrants` or as
 * `listPayees(register, (row) => inScope(row.grantId))`.
 */
export const grantsInScope = (state: MunicipalityTotalsState, scope: GrantScope): ((grantId: string) => boolean) => {
  const { roundId, schemeId, countyNo } = scope;
  if (roundId === undefined && schemeId === undefined && countyNo === undefined) return () => true;
  return (grantId) => {
    const grant = getFrom(state.grants, grantId);
    if (grant === undefined) return false;
    if (roundId !== undefined && grant.roundId !== roundId) return false;
    if (schemeId !== undefined && getFrom(state.rounds, grant.roundId)?.schemeId !== schemeId) return false;
    return countyNo === undefined || inCounty(grant, countyNo);
  };
};
