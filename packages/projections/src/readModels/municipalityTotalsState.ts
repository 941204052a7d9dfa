import type { EntityId, Money, Participant } from "@grantledger/core";
import { emptyMap, type PersistentMap } from "../persistentMap.js";

/** The kinds of participant other than municipalities, in the order they are listed. */
export const OTHER_KINDS = ["county", "county-governor", "state-agency", "other"] as const;
/** A participant kind that is not a municipality. */
export type OtherParticipantKind = (typeof OTHER_KINDS)[number];

/** One participant's running totals over all rounds. Money in øre; `benefitsNok` may be negative. */
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
  /** Its share of what its grants hold: live awards as last amended, closed grants as paid net. */
  readonly awarded: Money;
  /** Its share of the payments made, net of reversals and repayments. */
  readonly disbursed: Money;
  /** Its share of the repayments received. */
  readonly repaid: Money;
  /** Its share of what closed grants left unpaid and gave back to their rounds. */
  readonly returned: Money;
  /** Its share of the money benefits reported, in øre. */
  readonly benefitsNok: number;
}

/**
 * Where a grant stands, as far as what it holds goes: nothing while undecided (and after a
 * rejection, dismissal or withdrawal), its award once awarded, what it was paid net once
 * closed, nothing once renounced.
 */
export type GrantStanding = "undecided" | "awarded" | "closed" | "renounced";

/** A grant as needed to split its amounts: participants, shares, and the figures its parts follow. */
export interface GrantShares {
  /** The participants' keys (core's `participantKey`), in application order. */
  readonly keys: readonly string[];
  /** Their shares in basis points, in the same order. */
  readonly weights: readonly number[];
  /** The round applied to. */
  readonly roundId: EntityId;
  /** The amount applied for, in øre. */
  readonly requested: Money;
  /** Where it stands. */
  readonly standing: GrantStanding;
  /** The award as last amended, in øre; 0 before the award. */
  readonly award: Money;
  /**
   * Each participant's part of the payments that stand (not reversed), in the same order: the
   * sum of each payment's split. Empty until the first payment (all parts 0).
   */
  readonly paid: readonly Money[];
  /** The repayments received, in øre. */
  readonly repaid: Money;
  /** What the grant left unpaid when it was closed, in øre; 0 while it is not closed. */
  readonly unpaid: Money;
  /** Each participant's part of the money benefits reported (the sum of each report's split), in the same order; empty until the first. */
  readonly benefits: readonly number[];
}

/** A round, for the totals of a scheme. */
export interface RoundOfScheme {
  /** The round. */
  readonly roundId: EntityId;
  /** The scheme its `RoundOpened` names; `undefined` when it names none. */
  readonly schemeId: EntityId | undefined;
}

/** The state of `municipalityTotals`: read it through the query functions. */
export interface MunicipalityTotalsState {
  /** Every grant's participants, shares and figures, by grant id. */
  readonly grants: PersistentMap<GrantShares>;
  /**
   * Totals over all rounds, keyed by core's `participantKey` (`municipality:1201`, `county:12`,
   * `org:974760673`). The totals of a round or a scheme are summed from `grants` when asked.
   */
  readonly participants: PersistentMap<ParticipantTotals>;
  /** Every round opened, by round id, with its scheme. */
  readonly rounds: PersistentMap<RoundOfScheme>;
}

/** The state before the first event. */
export const emptyMunicipalityTotals: MunicipalityTotalsState = { grants: emptyMap(), participants: emptyMap(), rounds: emptyMap() };
