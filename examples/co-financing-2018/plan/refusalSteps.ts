import type { AwardedProjectSpec, RefusedApplicationSpec } from "../data/projectSpec.js";
import { TIMELINE, winterTime } from "../data/timeline.js";
import { applyStep, awardData, correlationOf } from "./applicationSteps.js";
import { disburseStep } from "./followUpSteps.js";
import { ACTORS, type SeedStep } from "./seedStep.js";

/**
 * Commands that break a rule of the round on purpose, to show how the ledger answers: with a
 * typed error carrying the figures, and nothing recorded. The seeding checks that each is
 * refused with the error expected.
 */

/** An application the ledger refuses (project cost, applicant kind, amount). */
export const refusedApplyStep = (spec: RefusedApplicationSpec, index: number): SeedStep => ({
  ...applyStep(spec, index),
  expectRefusal: spec.expectedRefusal,
});

/** An award handed in without the benefits-realisation plan the round requires, minutes before the real one. */
export const awardWithoutPlanStep = (spec: AwardedProjectSpec): SeedStep => {
  const awardedAt = winterTime(TIMELINE.decisions, 9, 55);
  return {
    key: `award-without-plan/${spec.key}`,
    at: awardedAt,
    actor: ACTORS.decisions,
    correlationId: correlationOf(spec),
    command: { type: "AwardGrant", data: awardData(spec, awardedAt, false) },
    expectRefusal: "BenefitsPlanRequired",
  };
};

/** The second tranche asked for in December 2018, before the project has reported on 2018. */
export const earlyTrancheStep = (spec: AwardedProjectSpec): SeedStep => ({
  ...disburseStep(spec, 2, winterTime(TIMELINE.earlyTrancheAttempt, 9), `disburse-before-report/${spec.key}/2`),
  expectRefusal: "BenefitsReportRequiredBeforeTranche",
});
