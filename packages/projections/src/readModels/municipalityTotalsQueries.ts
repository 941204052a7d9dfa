import type { CountyNumber, Money, MunicipalityNumber } from "@grantledger/core";
import { valuesOf } from "../persistentMap.js";
import { OTHER_KINDS, type MunicipalityTotalsState, type OtherParticipantKind } from "./municipalityTotalsState.js";

/** One municipality's totals. Money in øre; `benefitsNok` in øre and possibly negative. */
export interface MunicipalityTotalsRow {
  /** The municipality. */
  readonly municipalityNo: MunicipalityNumber;
  /** Its name, as the latest application spelled it. */
  readonly name: string;
  /** The county it lies in: its number's first two digits. */
  readonly countyNo: CountyNumber;
  /** How many applications it takes part in, rejected and undecided ones included. */
  readonly projects: number;
  /** Its share of the amounts requested. */
  readonly requested: Money;
  /** Its share of the amounts awarded. */
  readonly awarded: Money;
  /** Its share of the payments made. */
  readonly disbursed: Money;
  /** Its share of the money benefits reported (`cost-saving`, `other-parties`), in øre. */
  readonly benefitsNok: number;
}

/** The totals of a participant that is not a municipality. */
export interface OtherParticipantTotalsRow {
  /** What kind of participant it is. */
  readonly kind: OtherParticipantKind;
  /** The county number of a county, else the organisation number. */
  readonly id: string;
  /** Its name, as the latest application spelled it. */
  readonly name: string;
  /** How many applications it takes part in, rejected and undecided ones included. */
  readonly projects: number;
  /** Its share of the amounts requested. */
  readonly requested: Money;
  /** Its share of the amounts awarded. */
  readonly awarded: Money;
  /** Its share of the payments made. */
  readonly disbursed: Money;
  /** Its share of the money benefits reported (`cost-saving`, `other-parties`), in øre. */
  readonly benefitsNok: number;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every municipality that takes part in at least one application, by municipality number. */
export const listMunicipalities = (state: MunicipalityTotalsState): readonly MunicipalityTotalsRow[] => {
  const rows: (MunicipalityTotalsRow & { id: string })[] = [];
  for (const row of valuesOf(state.participants)) {
    if (row.kind !== "municipality") continue;
    const { id, name, countyNo, projects, requested, awarded, disbursed, benefitsNok } = row;
    rows.push({ id, municipalityNo: id as MunicipalityNumber, name, countyNo: countyNo as CountyNumber, projects, requested, awarded, disbursed, benefitsNok });
  }
  return rows.sort(byId).map(({ id: _id, ...row }) => row);
};

/**
 * Every other participant: counties, county governors, state agencies and others, in that order
 * of kind, each kind by county or organisation number.
 */
export const listOtherParticipants = (state: MunicipalityTotalsState): readonly OtherParticipantTotalsRow[] => {
  const rows: OtherParticipantTotalsRow[] = [];
  for (const row of valuesOf(state.participants)) {
    if (row.kind === "municipality") continue;
    const { kind, id, name, projects, requested, awarded, disbursed, benefitsNok } = row;
    rows.push({ kind, id, name, projects, requested, awarded, disbursed, benefitsNok });
  }
  const rank = (kind: OtherParticipantKind): number => OTHER_KINDS.indexOf(kind);
  return rows.sort((a, b) => rank(a.kind) - rank(b.kind) || byId(a, b));
};
