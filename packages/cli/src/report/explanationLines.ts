/**
 * One event behind a figure, as the report lists it: the fields of the explain helper's
 * `ExplanationPart` the page shows.
 */
export interface ExplainedEvent {
  /** The event's stream and revision. */
  readonly streamName: string;
  readonly revision: bigint;
  /** Its global position. */
  readonly position: bigint;
  /** Its type. */
  readonly type: string;
  /** When it was recorded. */
  readonly recordedAt: string;
  /** When it happened (`awardedAt`, …), where it says. */
  readonly businessTime: string | undefined;
  /** The grant it is about, if any. */
  readonly grantId: string | undefined;
  /** The event's own amount (øre) that moved the figure. */
  readonly eventAmount: number | undefined;
  /** The participant's share applied, in basis points, where the figure is a share. */
  readonly shareBps: number | undefined;
  /** The exact share before rounding (øre, decimal comma). */
  readonly exactShare: string | undefined;
  /** Signed øre this event moved the figure by. */
  readonly part: number;
  /** The part less the exact share's floor, where a split applied. */
  readonly rounding: number | undefined;
}

/** A read-model figure and the events behind it. */
export interface ExplainedFigure {
  /** The read model's own figure (øre): the sum of the parts. */
  readonly figure: number;
  /** The events, in global order. */
  readonly events: readonly ExplainedEvent[];
}
