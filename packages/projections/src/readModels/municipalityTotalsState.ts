import type { Money, Participant } from "@grantledger/core";
import { emptyMap, type PersistentMap } from "../persistentMap.js";

/** The kinds of participant other than municipalities, in the order they are listed. */
export const OTHER_KINDS = ["county", "county-governor", "state-agency", "other"] as const;
/** A participant kind that is not a municipality. */
export type OtherParticipantKind = (typeof OTHER_KINDS)[number];

/** One participant's running totals. Money in øre; `benefitsNok` may be negative. */
export interface ParticipantTotals {
  readonly kind: Participant["kind"];
  /** Municipality number, county number or organisation number. */
  readonly id: string;
  readonly name: string;
  /** The county of a municipality; `undefined` for other participants. */
  readonly countyNo: string | undefined;
  readonly projects: number;
  readonly requested: Money;
  readonly awarded: Money;
  readonly disbursed: Money;
  readonly benefitsNok: number;
}

/** A grant's participants as needed to split its later amounts: keys and shares, in order. */
export interface GrantShares {
  readonly keys: readonly string[];
  readonly weights: readonly number[];
}

/** The state of {@link municipalityTotals}: read it through the query functions. */
export interface MunicipalityTotalsState {
  readonly grants: PersistentMap<GrantShares>;
  /** Keyed by core's `participantKey` (`municipality:1201`, `county:12`, `org:974760673`). */
  readonly participants: PersistentMap<ParticipantTotals>;
}

/** The state before the first event. */
export const emptyMunicipalityTotals: MunicipalityTotalsState = { grants: emptyMap(), participants: emptyMap() };
