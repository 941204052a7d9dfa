import { nok } from "@grantledger/core";
import { DIFI } from "../data/parties.js";
import { AWARDED_PROJECTS } from "../data/projects.js";
import { TIMELINE } from "../data/timeline.js";
import { grantIdFor, ROUND_2_ID, ROUND_ID, SCHEME_ID } from "../ids.js";
import { addDays, osloTime } from "../osloTime.js";
import { applicantOf } from "../participants.js";
import { CRISIS_PACKAGE_POLICY } from "./roundSteps.js";
import { trancheAmounts } from "./tranches.js";
import { ACTORS, type SeedStep } from "./seedStep.js";

/**
 * The rest of 2009 after the decisions, one story per feature of a grant's life. Which projects
 * and every date are illustrative; the round-2 budget and its September deadline are the
 * announcement's ("Da skal de resterende 40 millioner kronene fordeles").
 */

const step = (key: string, at: string, actor: string, correlationId: string, command: SeedStep["command"]): SeedStep => ({ key, at, actor, correlationId, command });
const awarded = (key: string) => {
  const spec = AWARDED_PROJECTS.find((candidate) => candidate.key === key);
  if (spec === undefined) throw new RangeError(`no awarded project ${key}`);
  return spec;
};

/** "Forutsatt at vilkårene aksepteres": every recipient accepts the conditions in June, before the first tranche. */
export const acceptanceSteps = (): SeedStep[] =>
  AWARDED_PROJECTS.map((spec, order) => {
    const acceptedAt = osloTime(addDays(TIMELINE.decisions, 7 + (order % 14)), 10, order % 60);
    const applicant = applicantOf(spec);
    return step(`accept/${spec.key}`, acceptedAt, applicant.name, `${ROUND_ID}/${spec.key}`, {
      type: "AcceptConditions",
      data: { grantId: grantIdFor(spec.key), acceptedBy: `Rådmannen, ${applicant.name}`, acceptedAt },
    });
  });

/** The appealed rejection: Tynset shows that the new website carries new self-service forms. */
export const APPEALED = "tynset-nettsted";

/**
 * Tynset appeals within the three weeks; the appeal is upheld (the rejection overlooked the
 * forms), the application is evaluated again and decided anew: recommended, but round 1's money
 * is all committed, so it is rejected with that reason and pointed to round 2.
 */
export const appealSteps = (): SeedStep[] => {
  const grantId = grantIdFor(APPEALED);
  const correlationId = `${ROUND_ID}/${APPEALED}`;
  const appealedAt = osloTime("2009-06-12", 11);
  const upheldAt = osloTime("2009-06-26", 13);
  const evaluatedAt = osloTime("2009-07-06", 10);
  const rejectedAt = osloTime("2009-07-10", 14);
  return [
    step(`appeal/${APPEALED}`, appealedAt, "Tynset kommune", correlationId, {
      type: "AppealDecision",
      data: { grantId, grounds: "The new website carries eight new self-service forms; the rejection treats it as a redesign only.", appealedAt },
    }),
    step(`uphold/${APPEALED}`, upheldAt, ACTORS.appeals, correlationId, {
      type: "UpholdAppeal",
      data: { grantId, reason: "The application describes new electronic services; the rejection's reason does not hold. To be assessed again.", decidedAt: upheldAt },
    }),
    step(`evaluate-again/${APPEALED}`, evaluatedAt, ACTORS.evaluators, correlationId, {
      type: "EvaluateApplication",
      data: { grantId, score: 61, recommendation: "award", recommendedAmount: nok(120_000), evaluator: "Difi, evaluation panel for round 1", notes: "Eligible; ranked below the awarded projects.", evaluatedAt },
    }),
    step(`reject-again/${APPEALED}`, rejectedAt, ACTORS.decisions, correlationId, {
      type: "RejectApplication",
      data: { grantId, reason: "Eligible and recommended, but round 1's 20 MNOK are fully committed. Difi encourages a new application in round 2 (deadline September 2009).", rejectedAt },
    }),
  ];
};

/** The payment reversed and paid again: Oslo's first tranche went to a wrong account. */
export const REPAID_WRONGLY = "oslo-selvbetjening";

export const reversalSteps = (): SeedStep[] => {
  const spec = awarded(REPAID_WRONGLY);
  const grantId = grantIdFor(spec.key);
  const amount = trancheAmounts(nok(spec.awardedNok))[0] ?? nok(0);
  const paymentRef = `${ROUND_ID}/${spec.key}/tranche-1`;
  const reversedAt = osloTime("2009-09-16", 12);
  const paidAgainAt = osloTime("2009-09-17", 9);
  const correlationId = `${ROUND_ID}/${spec.key}`;
  return [
    step(`reverse/${spec.key}/1`, reversedAt, ACTORS.payments, correlationId, {
      type: "ReverseDisbursement",
      data: { grantId, paymentRef, amount, reason: "Paid to the account of another municipality; returned by the bank.", reversedAt },
    }),
    step(`disburse-again/${spec.key}/1`, paidAgainAt, ACTORS.payments, correlationId, {
      type: "DisburseGrant",
      data: { grantId, amount, paymentRef, disbursedAt: paidAgainAt },
    }),
  ];
};

/** The grant closed early with money left: Sogndal and Luster joined a national solution after the first tranche. */
export const CLOSED_EARLY = "sogn-tjenester";

export const closingSteps = (): SeedStep[] => {
  const spec = awarded(CLOSED_EARLY);
  const closedAt = osloTime("2009-09-25", 14);
  return [
    step(`close/${spec.key}`, closedAt, ACTORS.decisions, `${ROUND_ID}/${spec.key}`, {
      type: "CloseGrant",
      data: {
        grantId: grantIdFor(spec.key),
        finalReport: { summary: "Delivered with the first tranche by joining the national self-service solution; the rest of the grant is not needed." },
        closedAt,
      },
    }),
  ];
};

/** The repayment: Lofoten and Vesterålen spent part of the first tranche on hardware, which the conditions exclude. */
export const CLAIMED_BACK = "lofoten-vesteralen-kart";

export const repaymentSteps = (): SeedStep[] => {
  const grantId = grantIdFor(CLAIMED_BACK);
  const claimId = "hardware-2009";
  const correlationId = `${ROUND_ID}/${CLAIMED_BACK}`;
  const claimedAt = osloTime("2009-11-02", 10);
  const firstPart = osloTime("2009-11-30", 9);
  const secondPart = osloTime("2009-12-21", 9);
  return [
    step(`claim/${CLAIMED_BACK}`, claimedAt, ACTORS.decisions, correlationId, {
      type: "ClaimRepayment",
      data: { grantId, claimId, amount: nok(50_000), reason: "50 000 kr of the first tranche bought servers; the conditions fund services, not hardware.", claimedAt },
    }),
    step(`repaid/${CLAIMED_BACK}/1`, firstPart, ACTORS.payments, correlationId, { type: "RecordRepayment", data: { grantId, claimId, amount: nok(30_000), receivedAt: firstPart } }),
    step(`repaid/${CLAIMED_BACK}/2`, secondPart, ACTORS.payments, correlationId, { type: "RecordRepayment", data: { grantId, claimId, amount: nok(20_000), receivedAt: secondPart } }),
  ];
};

/** Round 2 in August-September with the remaining 40 MNOK, and what round 1 has left carried into it. */
export const roundTwoSteps = (carriedAmount: number): SeedStep[] => {
  const openedAt = osloTime("2009-08-17", 10);
  const carriedAt = osloTime("2009-09-28", 10);
  return [
    step("open-round-2", openedAt, ACTORS.programme, ROUND_2_ID, {
      type: "OpenRound",
      data: {
        roundId: ROUND_2_ID,
        name: "Tiltakspakken 2009: digital fornying i kommunesektoren, runde 2",
        funder: { orgNo: DIFI.orgNo, name: DIFI.name },
        budget: nok(40_000_000),
        policy: { ...CRISIS_PACKAGE_POLICY, eligibleApplicants: [...CRISIS_PACKAGE_POLICY.eligibleApplicants] },
        applicationDeadline: osloTime("2009-09-30", 16),
        disbursementWindow: { ...TIMELINE.disbursementWindow },
        schemeId: SCHEME_ID,
      },
    }),
    step("carry-over-to-round-2", carriedAt, ACTORS.programme, SCHEME_ID, {
      type: "CarryOverFunds",
      data: { roundId: ROUND_ID, toRoundId: ROUND_2_ID, amount: nok(carriedAmount), carriedAt },
    }),
  ];
};

/** What round 1 has left when it is carried over: what the early-closed grant was awarded and not paid. */
export const carriedFromRoundOne = (): number => {
  const spec = awarded(CLOSED_EARLY);
  const [first] = trancheAmounts(nok(spec.awardedNok));
  return (nok(spec.awardedNok) - (first ?? 0)) / 100;
};

/** Every step of the story after the decisions. */
export const storySteps = (): SeedStep[] => [
  ...acceptanceSteps(),
  ...appealSteps(),
  ...reversalSteps(),
  ...closingSteps(),
  ...repaymentSteps(),
  ...roundTwoSteps(carriedFromRoundOne()),
];
