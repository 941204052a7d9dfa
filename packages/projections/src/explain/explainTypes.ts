/** Whose figure is explained. */
export type ExplainSubject =
  | {
      /** A municipality's figure in `municipalityTotals` (`listMunicipalities`). */
      readonly kind: "municipality";
      /** Its four-digit municipality number, e.g. `1201`. */
      readonly municipalityNo: string;
    }
  | {
      /** Any participant's figure in `municipalityTotals` (`listOtherParticipants`, or a municipality). */
      readonly kind: "participant";
      /** Its key as core's `participantKey` spells it: `county:12`, `org:974760673`, `municipality:1201`. */
      readonly key: string;
    }
  | {
      /** A round's figure in `roundBudget` (`getRoundBudget`). */
      readonly kind: "round";
      /** The round. */
      readonly roundId: string;
    }
  | {
      /** A grant's figure in `grantRegister` (`getGrant`). */
      readonly kind: "grant";
      /** The grant. */
      readonly grantId: string;
    }
  | {
      /** A responsible recipient's figure: the sum of the `grantRegister` figures of the grants it applied for. */
      readonly kind: "payee";
      /** Its organisation number (`GrantApplied.applicant.orgNo`). */
      readonly orgNo: string;
    };

/** One figure to explain: a money field of a subject's row, for a participant optionally within a round or a scheme. */
export interface FigureQuery {
  /** Whose figure. */
  readonly subject: ExplainSubject;
  /** The money field of the subject's row, e.g. `awarded`, `disbursed`, `committed`, `budget` (see `FIGURE_FIELDS`). */
  readonly field: string;
  /** Municipality or participant only: the figure within this round (as `listMunicipalities(state, { roundId })`). */
  readonly roundId?: string;
  /** Municipality or participant only: the figure within the rounds of this scheme. */
  readonly schemeId?: string;
}

/** One event's contribution to a figure: the figure moved by `part` øre at this event. */
export interface ExplanationPart {
  /** The stream the event is in. */
  readonly streamName: string;
  /** Its revision in that stream. */
  readonly revision: bigint;
  /** Its global position. */
  readonly position: bigint;
  /** Its id. */
  readonly eventId: string;
  /** Its type, e.g. `GrantAwarded`. */
  readonly type: string;
  /** When the store recorded it. */
  readonly recordedAt: string;
  /** Its own business time (`awardedAt`, `disbursedAt`, …), if it has one. */
  readonly businessTime: string | undefined;
  /** The grant the event is about, if any. */
  readonly grantId: string | undefined;
  /**
   * The amount the event moved the whole by, in øre (signed): for a participant's figure, the
   * change of the grant's figure summed over all its participants, the amount that was split
   * (an award's amount; new minus previous for an amendment); for a round's, grant's or
   * payee's figure, the change of the figure itself (equal to `part`).
   */
  readonly eventAmount: number | undefined;
  /** For a participant's figure: the participant's `shareBps` in the grant. */
  readonly shareBps: number | undefined;
  /**
   * For a participant's figure: `eventAmount × shareBps / (sum of the grant's shareBps)` exactly,
   * in øre, as a decimal with a comma (`7992,4`, `-9120,5`); a fraction that does not end is cut
   * after 12 decimals and ends in `…`.
   */
  readonly exactShare: string | undefined;
  /** Signed øre this event moved the figure by; the parts of an explanation sum to its figure. */
  readonly part: number;
  /**
   * For a participant's figure: `part` minus the floor of `exactShare`, the øre the
   * largest-remainder split (core's `apportion`) gave or took: 0 or 1 where an amount was split
   * once, a few øre where a figure was split anew (an amendment, a repayment).
   */
  readonly rounding: number | undefined;
}

/** A figure and the events behind it, in global order. */
export interface Explanation {
  /** The query answered. */
  readonly query: FigureQuery;
  /** The figure, as the read model's own query gives it, in øre. */
  readonly figure: number;
  /** Every event that moved it, in global order; their `part`s sum to `figure` exactly. */
  readonly parts: readonly ExplanationPart[];
  /** The last global position known (the cut of `position` and `knownAt`); `undefined` before the first event. */
  readonly position: bigint | undefined;
}
