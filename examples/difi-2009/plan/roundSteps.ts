import { nok } from "@grantledger/core";
import { DIFI } from "../data/parties.js";
import { TIMELINE } from "../data/timeline.js";
import { ROUND_ID, SCHEME_ID } from "../ids.js";
import { osloTime } from "../osloTime.js";
import { ACTORS, type SeedStep } from "./seedStep.js";

/**
 * Round 1 as the announcement describes it: 20 MNOK from the government's crisis package, the
 * grant covering at most 20 % of a project (municipalities pay 80 %), disbursed 2009-2011.
 * Applicants: the announcement says each project's applicant is "en kommune eller statlig
 * virksomhet"; county municipalities belong to the municipal sector the scheme is for. So
 * municipalities, counties and state bodies (agencies, county governors) are eligible.
 */
/** The scheme's rules, the same in both rounds of 2009. */
export const CRISIS_PACKAGE_POLICY = {
  maxShareBps: 2000,
  eligibleApplicants: ["municipality", "county", "state-agency", "county-governor"],
  requiresBenefitsPlan: false,
  reportBeforeNextTranche: false,
  // "Forutsatt at vilkårene aksepteres": no payment before the recipient accepts.
  requiresAcceptance: true,
} as const;

export const openRoundStep = (): SeedStep => ({
  key: "open",
  at: osloTime(TIMELINE.roundOpened.date, TIMELINE.roundOpened.hour),
  actor: ACTORS.programme,
  correlationId: ROUND_ID,
  command: {
    type: "OpenRound",
    data: {
      roundId: ROUND_ID,
      name: "Tiltakspakken 2009: digital fornying i kommunesektoren, runde 1",
      funder: { orgNo: DIFI.orgNo, name: DIFI.name },
      budget: nok(20_000_000),
      policy: { ...CRISIS_PACKAGE_POLICY, eligibleApplicants: [...CRISIS_PACKAGE_POLICY.eligibleApplicants] },
      applicationDeadline: osloTime(TIMELINE.applicationDeadline.date, TIMELINE.applicationDeadline.hour),
      disbursementWindow: { ...TIMELINE.disbursementWindow },
      schemeId: SCHEME_ID,
    },
  },
});

/** Closing the round after the decisions: nothing more can be applied for or awarded in it. */
export const closeRoundStep = (): SeedStep => {
  const closedAt = osloTime(TIMELINE.roundClosed.date, TIMELINE.roundClosed.hour);
  return {
    key: "close",
    at: closedAt,
    actor: ACTORS.programme,
    correlationId: ROUND_ID,
    command: { type: "CloseRound", data: { roundId: ROUND_ID, closedAt } },
  };
};
