import * as t from "io-ts";
import { IsoDate } from "../values/isoTime.js";
import { NonEmptyText } from "../values/text.js";

/**
 * The benefit categories of the Norwegian benefits-realisation guidance (gevinstrealisering):
 * cost and time saved by the recipient, quality, and savings for other parties.
 */
export const BenefitCategory = t.keyof({
  /** Money the recipient saves; figures in øre. */
  "cost-saving": null,
  /** Time the recipient saves; figures in hours. */
  "time-saving": null,
  /** Better quality, measured by a described indicator in its own unit. */
  quality: null,
  /** Money citizens, businesses or other agencies save; figures in øre. */
  "other-parties": null,
});
export type BenefitCategory = t.TypeOf<typeof BenefitCategory>;

/** Categories whose figures are money, and so integer øre. */
export const MONEY_BENEFIT_CATEGORIES: readonly BenefitCategory[] = ["cost-saving", "other-parties"];

const FiniteNumber = t.refinement(t.number, Number.isFinite, "FiniteNumber");

const benefitCore = {
  /** Which kind of benefit; it decides what `unit` the figures are in. */
  category: BenefitCategory,
  /** The benefit in words. */
  description: NonEmptyText,
  /** `NOK` (figures in øre), `hours`, or the unit of a quality indicator. */
  unit: NonEmptyText,
  /** Who is responsible for realising it (gevinsteier). */
  owner: NonEmptyText,
};

/** A benefit planned at award time (a benefits-realisation plan line): it has a target. */
export const PlannedBenefit = t.intersection([
  t.type({
    ...benefitCore,
    /** The figure aimed for, in `unit`. */
    target: FiniteNumber,
  }),
  t.partial({
    /** The figure before the project, in `unit`. */
    baseline: FiniteNumber,
  }),
]);
export type PlannedBenefit = t.TypeOf<typeof PlannedBenefit>;

/** A benefit as reported for a period: what was actually realised. */
export const ReportedBenefit = t.intersection([
  t.type({
    ...benefitCore,
    /** The figure realised in the period, in `unit`. */
    actual: FiniteNumber,
  }),
  t.partial({
    /** The figure before the project, in `unit`. */
    baseline: FiniteNumber,
    /** The figure aimed for, in `unit`, as planned at award. */
    target: FiniteNumber,
  }),
]);
export type ReportedBenefit = t.TypeOf<typeof ReportedBenefit>;

/** A closed period of dates, both ends included. */
export const Period = t.type({
  /** The first day. */
  from: IsoDate,
  /** The last day; not before `from`. */
  to: IsoDate,
});
export type Period = t.TypeOf<typeof Period>;
