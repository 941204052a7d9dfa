import { nok } from "@grantledger/core";
import { benefitsFor } from "../data/benefits.js";
import type { AwardedProjectSpec, Progress } from "../data/projectSpec.js";
import { TIMELINE } from "../data/timeline.js";
import { grantIdFor, ROUND_ID } from "../ids.js";
import { osloTime } from "../osloTime.js";
import { applicantOf } from "../participants.js";
import { trancheAmounts } from "./tranches.js";
import { ACTORS, type SeedStep } from "./seedStep.js";

/**
 * Payments and benefits reports over 2009-2011. Which project got how far is illustrative: all
 * got the 2009 tranche, most the 2010 one, and only those that reported their benefits for 2010
 * the last one — so by the end of 2011 not everything awarded has been paid.
 */

const TRANCHES_PAID: Readonly<Record<Progress, number>> = { "first-tranche": 1, "second-tranche": 2, completed: 3 };

const correlationOf = (spec: AwardedProjectSpec): string => `${ROUND_ID}/${spec.key}`;

/** The tranches paid to a project; `order` spreads the payments of one day over the morning. */
export const disburseSteps = (spec: AwardedProjectSpec, order: number): SeedStep[] => {
  const amounts = trancheAmounts(nok(spec.awardedNok));
  return TIMELINE.tranches.slice(0, TRANCHES_PAID[spec.progress]).map((tranche, index) => {
    const disbursedAt = osloTime(tranche.paidOn, 9, order);
    const tranche1Based = index + 1;
    return {
      key: `disburse/${spec.key}/${tranche1Based}`,
      at: disbursedAt,
      actor: ACTORS.payments,
      correlationId: correlationOf(spec),
      command: {
        type: "DisburseGrant",
        data: {
          grantId: grantIdFor(spec.key),
          amount: amounts[index] ?? nok(0),
          paymentRef: `${ROUND_ID}/${spec.key}/tranche-${tranche1Based}`,
          disbursedAt,
        },
      },
    };
  });
};

const reportStep = (spec: AwardedProjectSpec, period: { from: string; to: string }, reportedAt: string, scale: number): SeedStep => {
  const applicant = applicantOf(spec);
  return {
    key: `report/${spec.key}/${period.from}`,
    at: reportedAt,
    actor: applicant.name,
    correlationId: correlationOf(spec),
    command: {
      type: "ReportBenefits",
      data: {
        grantId: grantIdFor(spec.key),
        period: { ...period },
        benefits: benefitsFor(spec, `Rådmannen, ${applicant.name}`, scale),
        reportedAt,
      },
    },
  };
};

/** Benefits reports: completed projects report 2010; eBygg also its first half-year, 2009. */
export const reportSteps = (spec: AwardedProjectSpec, order: number): SeedStep[] => {
  if (spec.progress !== "completed") return [];
  const year2010 = reportStep(spec, TIMELINE.benefitsPeriod, osloTime(TIMELINE.benefitsReported, 9, order), 100);
  if (spec.key !== "ebygg") return [year2010];
  const year2009 = reportStep(spec, TIMELINE.earlyBenefitsPeriod, osloTime(TIMELINE.earlyBenefitsReported, 9, order), 50);
  return [year2009, year2010];
};
