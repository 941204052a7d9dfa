import type { AwardedProjectSpec, BenefitSpec } from "../data/projectSpec.js";
import { TIMELINE } from "../data/timeline.js";
import type { CommandData } from "./seedStep.js";

type PlannedBenefitData = NonNullable<CommandData<"AwardGrant">["benefitsPlan"]>[number];
type ReportedBenefitData = CommandData<"ReportBenefits">["benefits"][number];

const ORE_PER_NOK = 100;

/** Index into a project's per-year figures: 0 for 2018, 1 for 2019, 2 for 2020. */
export type YearIndex = 0 | 1 | 2;

/** The benefit's target for a year in the ledger's terms: øre for `NOK`, the figure itself otherwise. */
export const targetOf = (benefit: BenefitSpec, year: YearIndex): number =>
  benefit.unit === "NOK" ? benefit.yearlyTargets[year] * ORE_PER_NOK : benefit.yearlyTargets[year];

/**
 * What a year's report says was realised: `percent` of the target. Targets in NOK are whole
 * kroner, so a whole percent of one is a whole number of øre, as the ledger requires; hours and
 * indicators are rounded to whole units.
 */
export const actualOf = (benefit: BenefitSpec, year: YearIndex, percent: number): number =>
  benefit.unit === "NOK" ? benefit.yearlyTargets[year] * percent : Math.round((benefit.yearlyTargets[year] * percent) / 100);

// In the guidance, the benefits belong to line management, not to the project.
const ownerOf = (spec: AwardedProjectSpec): string => `Line management, ${spec.applicant.name}`;

/**
 * The benefits-realisation plan handed in with the award: one line per benefit and year, so the
 * plan's targets sum to what the three yearly reports together should show.
 */
export const benefitsPlanOf = (spec: AwardedProjectSpec): PlannedBenefitData[] =>
  spec.benefits.flatMap((benefit) =>
    TIMELINE.benefitYears.map(({ year }, index) => ({
      category: benefit.category,
      description: `${benefit.description}, ${year}`,
      unit: benefit.unit,
      target: targetOf(benefit, index as YearIndex),
      owner: ownerOf(spec),
    })),
  );

/** What the project reports for one year: each benefit's target for the year and what was realised. */
export const reportedBenefitsOf = (spec: AwardedProjectSpec, year: YearIndex): ReportedBenefitData[] =>
  spec.benefits.map((benefit) => ({
    category: benefit.category,
    description: benefit.description,
    unit: benefit.unit,
    target: targetOf(benefit, year),
    actual: actualOf(benefit, year, spec.realisedPercent[year]),
    owner: ownerOf(spec),
  }));
