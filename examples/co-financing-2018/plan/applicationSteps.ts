import { nok } from "@grantledger/core";
import type { ApplicationSpec, AwardedProjectSpec, RejectedApplicationSpec } from "../data/projectSpec.js";
import { addDays, TIMELINE, winterTime } from "../data/timeline.js";
import { grantIdFor, ROUND_ID } from "../ids.js";
import { benefitsPlanOf } from "./benefitLines.js";
import { applicantOf, participantsOf } from "./parties.js";
import { ACTORS, type CommandData, type SeedStep } from "./seedStep.js";
import { disbursementPlanOf } from "./tranches.js";

/** Applying, evaluating and deciding. Dates, scores and notes are illustrative. */

/** The business process a project's commands belong to. */
export const correlationOf = (spec: ApplicationSpec): string => `${ROUND_ID}/${spec.key}`;

/** An application; `index` places it on the calendar, the last ones on the deadline day. */
export const applyStep = (spec: ApplicationSpec, index: number): SeedStep => {
  const appliedAt = winterTime(addDays(TIMELINE.firstApplication, index % 10), 9 + (index % 6), (index * 13) % 60);
  return {
    key: `apply/${spec.key}`,
    at: appliedAt,
    actor: spec.applicant.name,
    correlationId: correlationOf(spec),
    command: {
      type: "ApplyForGrant",
      data: {
        grantId: grantIdFor(spec.key),
        roundId: ROUND_ID,
        applicant: applicantOf(spec.applicant),
        participants: participantsOf(spec.applicant),
        project: { title: spec.title, summary: spec.summary },
        totalCost: nok(spec.totalCostNok),
        requested: nok(spec.requestedNok),
        appliedAt,
      },
    },
  };
};

/** The evaluation panel's assessment; awarded projects are recommended at the amount later awarded. */
export const evaluateStep = (spec: AwardedProjectSpec | RejectedApplicationSpec, index: number): SeedStep => {
  const evaluatedAt = winterTime(addDays(TIMELINE.firstEvaluation, index % 14), 9 + (index % 7), (index * 17) % 60);
  const recommendedNok = "awardedNok" in spec ? spec.awardedNok : spec.recommended ? spec.requestedNok : undefined;
  return {
    key: `evaluate/${spec.key}`,
    at: evaluatedAt,
    actor: ACTORS.evaluators,
    correlationId: correlationOf(spec),
    command: {
      type: "EvaluateApplication",
      data: {
        grantId: grantIdFor(spec.key),
        score: spec.score,
        recommendation: recommendedNok === undefined ? "reject" : "award",
        ...(recommendedNok === undefined ? {} : { recommendedAmount: nok(recommendedNok) }),
        evaluator: "Difi, evaluation panel for the co-financing scheme",
        ...("reason" in spec ? { notes: spec.reason } : {}),
        evaluatedAt,
      },
    },
  };
};

const CONDITIONS = [
  "The recipient carries out the project and realises the benefits as the benefits-realisation plan binds it to.",
  "The recipient reports realised benefits to Difi for 2018, 2019 and 2020, each by the February after.",
  "Each tranche after the first is paid once the report for the year before is received.",
];

/** The award data, with or without the benefits plan (the refused attempt leaves it out). */
export const awardData = (spec: AwardedProjectSpec, awardedAt: string, withPlan: boolean): CommandData<"AwardGrant"> => {
  const amount = nok(spec.awardedNok);
  return {
    grantId: grantIdFor(spec.key),
    amount,
    disbursementPlan: disbursementPlanOf(amount),
    conditions: CONDITIONS,
    ...(withPlan ? { benefitsPlan: benefitsPlanOf(spec) } : {}),
    awardedAt,
  };
};

/** The award, on the morning of the decisions; `order` keeps the awards apart by a minute. */
export const awardStep = (spec: AwardedProjectSpec, order: number): SeedStep => {
  const awardedAt = winterTime(TIMELINE.decisions, 10, order);
  return {
    key: `award/${spec.key}`,
    at: awardedAt,
    actor: ACTORS.decisions,
    correlationId: correlationOf(spec),
    command: { type: "AwardGrant", data: awardData(spec, awardedAt, true) },
  };
};

/** The reasoned rejection, the afternoon of the decisions, after every award. */
export const rejectStep = (spec: RejectedApplicationSpec, order: number): SeedStep => {
  const rejectedAt = winterTime(TIMELINE.decisions, 14, order);
  return {
    key: `reject/${spec.key}`,
    at: rejectedAt,
    actor: ACTORS.decisions,
    correlationId: correlationOf(spec),
    command: { type: "RejectApplication", data: { grantId: grantIdFor(spec.key), reason: spec.reason, rejectedAt } },
  };
};
