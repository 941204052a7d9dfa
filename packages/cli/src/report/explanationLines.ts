import type { ExplanationPart } from "@grantledger/projections";

/**
 * One event behind a figure, as the report lists it: the library's `ExplanationPart`, as
 * `explainFigures` gives it.
 */
export type ExplainedEvent = ExplanationPart;

/** A read-model figure and the events behind it. */
export interface ExplainedFigure {
  /** The read model's own figure (øre): the sum of the parts. */
  readonly figure: number;
  /** The events, in global order. */
  readonly events: readonly ExplainedEvent[];
}
