import { nok } from "@grantledger/core";
import type { ApplicationSpec, AwardedProjectSpec, RejectedApplicationSpec } from "../data/projectSpec.js";
import { TIMELINE } from "../data/timeline.js";
import { grantIdFor, ROUND_ID } from "../ids.js";
import { addDays, osloTime } from "../osloTime.js";
import { applicantOf, participantsOf } from "../participants.js";
import { disbursementPlanOf } from "./tranches.js";
import { ACTORS, type SeedStep } from "./seedStep.js";

/**
 * Applying, evaluating and deciding. Dates, scores and notes are illustrative; the conditions
 * paraphrase the announcement ("forutsatt at vilkårene aksepteres og følges ... i samsvar med
 * utlysingen").
 */

const correlationOf = (spec: ApplicationSpec): string => `${ROUND_ID}/${spec.key}`;

/** An application, `index` placing it among the others on the calendar. */
export const applyStep = (spec: ApplicationSpec, index: number): SeedStep => {
  const applicant = applicantOf(spec);
  const appliedAt = osloTime(addDays(TIMELINE.firstApplication, index % 26), 9 + (index % 6), (index * 13) % 60);
  return {
    key: `apply/${spec.key}`,
    at: appliedAt,
    actor: applicant.name,
    correlationId: correlationOf(spec),
    command: {
      type: "ApplyForGrant",
      data: {
        grantId: grantIdFor(spec.key),
        roundId: ROUND_ID,
        applicant,
        participants: participantsOf(spec),
        project: { title: spec.title, summary: spec.summary },
        totalCost: nok(spec.totalCostNok),
        requested: nok(spec.requestedNok),
        appliedAt,
      },
    },
  };
};

interface Assessment {
  readonly score: number;
  readonly recommend: boolean;
  readonly amountNok?: number;
  readonly notes?: string;
}

const evaluateStep = (spec: ApplicationSpec, index: number, assessment: Assessment): SeedStep => {
  const evaluatedAt = osloTime(addDays(TIMELINE.firstEvaluation, index % 19), 9 + (index % 7), (index * 17) % 60);
  return {
    key: `evaluate/${spec.key}`,
    at: evaluatedAt,
    actor: ACTORS.evaluators,
    correlationId: correlationOf(spec),
    command: {
      type: "EvaluateApplication",
      data: {
        grantId: grantIdFor(spec.key),
        score: assessment.score,
        recommendation: assessment.recommend ? "award" : "reject",
        ...(assessment.amountNok === undefined ? {} : { recommendedAmount: nok(assessment.amountNok) }),
        evaluator: "Difi, evaluation panel for round 1",
        ...(assessment.notes === undefined ? {} : { notes: assessment.notes }),
        evaluatedAt,
      },
    },
  };
};

/** The evaluation of an awarded project: a good score, recommending the amount later awarded. */
export const evaluateAwardedStep = (spec: AwardedProjectSpec, index: number): SeedStep =>
  evaluateStep(spec, index, {
    // eBygg, the largest and widest, scores highest; the rest between 65 and 94.
    score: spec.key === "ebygg" ? 96 : 65 + ((index * 37) % 30),
    recommend: true,
    amountNok: spec.awardedNok,
    ...(spec.awardedNok < spec.requestedNok
      ? { notes: "Recommended at a reduced amount: part of the budget is operation, not development." }
      : {}),
  });

/** The evaluation of a rejected application: most are recommended against; two ranked too low. */
export const evaluateRejectedStep = (spec: RejectedApplicationSpec, index: number, order: number): SeedStep =>
  evaluateStep(spec, index, {
    score: spec.recommended ? 64 - order : 20 + ((order * 13) % 25),
    recommend: spec.recommended,
    ...(spec.recommended ? { amountNok: spec.requestedNok } : {}),
    notes: spec.reason,
  });

const CONDITIONS = [
  "The recipient accepts and follows the conditions of the call for applications.",
  "The recipient is responsible for the grant being used as the application describes.",
  "Difi pays the grant in 2009-2011 in line with the call.",
  "The recipient reports progress and realised benefits to Difi.",
];

/** The award, on the day of the decisions; `order` keeps the awards apart by a minute. */
export const awardStep = (spec: AwardedProjectSpec, order: number): SeedStep => {
  const awardedAt = osloTime(TIMELINE.decisions, 10, order);
  const amount = nok(spec.awardedNok);
  return {
    key: `award/${spec.key}`,
    at: awardedAt,
    actor: ACTORS.decisions,
    correlationId: correlationOf(spec),
    command: {
      type: "AwardGrant",
      data: { grantId: grantIdFor(spec.key), amount, disbursementPlan: disbursementPlanOf(amount), conditions: CONDITIONS, awardedAt },
    },
  };
};

/** The reasoned rejection, the afternoon of the decisions, after every award. */
export const rejectStep = (spec: RejectedApplicationSpec, order: number): SeedStep => {
  const rejectedAt = osloTime(TIMELINE.decisions, 14, order);
  return {
    key: `reject/${spec.key}`,
    at: rejectedAt,
    actor: ACTORS.decisions,
    correlationId: correlationOf(spec),
    command: { type: "RejectApplication", data: { grantId: grantIdFor(spec.key), reason: spec.reason, rejectedAt } },
  };
};
