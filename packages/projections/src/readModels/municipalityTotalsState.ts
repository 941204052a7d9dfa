import type { Money, Participant } from "@grantledger/core";
import { emptyMap, type PersistentMap } from "../persistentMap.js";

/** The kinds of participant other than municipalities, in the order they are listed. */
export const OTHER_KINDS = ["county", "county-governor", "state-agency", "other"] as const;
/** A participant kind that is not a municipality. */
export type OtherParticipantKind = (typeof OTHER_KINDS)[number];

/** One participant's running totals. Money in øre; `benefitsNok` may be negative. */
export interface ParticipantTotals {
  /** What kind of participant it is. */
  readonly kind: Participant["kind"];
  /** Municipality number, county number or organisation number. */
  readonly id: string;
  /** Its name, as the latest application spelled it. */
  readonly name: string;
  /** The county of a municipality; `undefined` for other participants. */
  readonly countyNo: string | undefined;
  /** How many applications it takes part in, rejected and undecided ones included. */
  readonly projects: number;
  /** Its share of the amounts requested. */
  readonly requested: Money;
  /** Its share of the amounts awarded. */
  readonly awarded: Money;
  /** Its share of the payments made. */
  readonly disbursed: Money;
  /** Its share of the money benefits reported, in øre. */
  readonly benefitsNok: number;
}

/** A grant's participants as needed to split its later amounts: keys and shares, in order. */
export interface GrantShares {
  /** The participants' keys (core's `participantKey`), in application order. */
  readonly keys: readonly string[];
  /** Their shares in basis points, in the same order. */
  readonly weights: readonly number[];
}

/** The state of {@link municipalityTotals}: read it through the query functions. */
export interface MunicipalityTotalsState {
  /** Every grant's participants and shares, by grant id. */
  readonly grants: PersistentMap<GrantShares>;
  /** Keyed by core's `participantKey` (`municipality:1201`, `county:12`, `org:974760673`). */
  readonly participants: PersistentMap<ParticipantTotals>;
}

/** The state before the first event. */
export const emptyMunicipalityTotals: MunicipalityTotalsState = { grants: emptyMap(), participants: emptyMap() };
