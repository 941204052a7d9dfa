import type { ExplainSubject } from "./explainTypes.js";

/**
 * The money fields that can be explained, by kind of subject: every money figure of the row the
 * read model gives for it. Counts (projects, applications) are not money and are not explained.
 */
export const FIGURE_FIELDS = {
  /** A municipality's `MunicipalityTotalsRow`. */
  municipality: ["requested", "awarded", "disbursed", "repaid", "returned", "benefitsNok"],
  /** Another participant's `OtherParticipantTotalsRow` (or a municipality's, by its key). */
  participant: ["requested", "awarded", "disbursed", "repaid", "returned", "benefitsNok"],
  /** A round's `RoundBudgetRow`. */
  round: ["openedBudget", "budget", "adjustments", "carriedOver", "carriedIn", "committed", "released", "remaining", "disbursed", "reversed", "repaid"],
  /** A grant's `GrantRegisterRow`. */
  grant: ["totalCost", "requested", "awarded", "disbursed", "reversed", "repaid", "paidNet", "claimed", "openClaims"],
  /** A payee: the sums of its grants' `GrantRegisterRow` figures. */
  payee: ["totalCost", "requested", "awarded", "disbursed", "reversed", "repaid", "paidNet", "claimed", "openClaims"],
} as const satisfies Record<ExplainSubject["kind"], readonly string[]>;

/** A money field of a participant's row. */
export type ParticipantField = (typeof FIGURE_FIELDS.participant)[number];
/** A money field of a round's row. */
export type RoundField = (typeof FIGURE_FIELDS.round)[number];
/** A money field of a grant's row (and of a payee's). */
export type GrantField = (typeof FIGURE_FIELDS.grant)[number];

/** Whether `field` is one of `fields`, narrowing it. */
export const isFieldOf = <F extends string>(fields: readonly F[], field: string): field is F => (fields as readonly string[]).includes(field);
