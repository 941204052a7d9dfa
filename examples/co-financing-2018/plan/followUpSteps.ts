import { nok } from "@grantledger/core";
import type { AwardedProjectSpec } from "../data/projectSpec.js";
import { TIMELINE, winterTime } from "../data/timeline.js";
import { grantIdFor, ROUND_ID } from "../ids.js";
import { correlationOf } from "./applicationSteps.js";
import { reportedBenefitsOf, type YearIndex } from "./benefitLines.js";
import { ACTORS, type SeedStep } from "./seedStep.js";
import { trancheAmounts } from "./tranches.js";

/** After the award: three tranches and three yearly benefits reports per project. */

/** The payment reference of tranche `n` (1-based): the same for a refused attempt and the payment. */
export const paymentRefOf = (spec: AwardedProjectSpec, n: number): string => `${ROUND_ID}/${spec.key}/tranche-${n}`;

/** Tranche `n` (1-based) of a project, paid at `at`. */
export const disburseStep = (spec: AwardedProjectSpec, n: number, at: string, key = `disburse/${spec.key}/${n}`): SeedStep => ({
  key,
  at,
  actor: ACTORS.payments,
  correlationId: correlationOf(spec),
  command: {
    type: "DisburseGrant",
    data: { grantId: grantIdFor(spec.key), amount: trancheAmounts(nok(spec.awardedNok))[n - 1] ?? nok(0), paymentRef: paymentRefOf(spec, n), disbursedAt: at },
  },
});

/** Every tranche of a project, on the tranche's payment day; `order` spreads one day's payments over the morning. */
export const disburseSteps = (spec: AwardedProjectSpec, order: number): SeedStep[] =>
  TIMELINE.tranches.map((tranche, index) => disburseStep(spec, index + 1, winterTime(tranche.paidOn, 9, order)));

/** The report for each of 2018, 2019 and 2020, filed the February after, before that year's tranche. */
export const reportSteps = (spec: AwardedProjectSpec, order: number): SeedStep[] =>
  TIMELINE.benefitYears.map(({ year, reportedOn }, index) => {
    const reportedAt = winterTime(reportedOn, 9, order);
    return {
      key: `report/${spec.key}/${year}`,
      at: reportedAt,
      actor: spec.applicant.name,
      correlationId: correlationOf(spec),
      command: {
        type: "ReportBenefits",
        data: {
          grantId: grantIdFor(spec.key),
          period: { from: `${year}-01-01`, to: `${year}-12-31` },
          benefits: reportedBenefitsOf(spec, index as YearIndex),
          reportedAt,
        },
      },
    };
  });
