import * as t from "io-ts";
import { IsoDate } from "../values/isoTime.js";
import { NonEmptyText } from "../values/text.js";

/**
 * The benefit categories of the Norwegian benefits-realisation guidance (gevinstrealisering):
 * cost and time saved by the recipient, quality, and savings for other parties.
 */
export const BenefitCategory = t.keyof({
  "cost-saving": null,
  "time-saving": null,
  quality: null,
  "other-parties": null,
});
export type BenefitCategory = t.TypeOf<typeof BenefitCategory>;

/** Categories whose figures are money, and so integer øre. */
export const MONEY_BENEFIT_CATEGORIES: readonly BenefitCategory[] = ["cost-saving", "other-parties"];

const FiniteNumber = t.refinement(t.number, Number.isFinite, "FiniteNumber");

const benefitCore = {
  category: BenefitCategory,
  description: NonEmptyText,
  /** `NOK` (figures in øre), `hours`, or the unit of a quality indicator. */
  unit: NonEmptyText,
  owner: NonEmptyText,
};

/** A benefit planned at award time (a benefits-realisation plan line): it has a target. */
export const PlannedBenefit = t.intersection([
  t.type({ ...benefitCore, target: FiniteNumber }),
  t.partial({ baseline: FiniteNumber }),
]);
export type PlannedBenefit = t.TypeOf<typeof PlannedBenefit>;

/** A benefit as reported for a period: what was actually realised. */
export const ReportedBenefit = t.intersection([
  t.type({ ...benefitCore, actual: FiniteNumber }),
  t.partial({ baseline: FiniteNumber, target: FiniteNumber }),
]);
export type ReportedBenefit = t.TypeOf<typeof ReportedBenefit>;

/** A closed period of dates, both ends included. */
export const Period = t.type({ from: IsoDate, to: IsoDate });
export type Period = t.TypeOf<typeof Period>;
