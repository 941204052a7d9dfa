import { DIFI } from "../data/organisations.js";
import { BUDGET, POLICY } from "../data/roundRules.js";
import { TIMELINE, winterTime } from "../data/timeline.js";
import { ROUND_ID } from "../ids.js";
import { ACTORS, type SeedStep } from "./seedStep.js";

/** Opening the 2018 round: 120 MNOK, Difi as funder, the scheme's rules as its policy. */
export const openRoundStep = (): SeedStep => ({
  key: "open",
  at: winterTime(TIMELINE.roundOpened, 10),
  actor: ACTORS.programme,
  correlationId: ROUND_ID,
  command: {
    type: "OpenRound",
    data: {
      roundId: ROUND_ID,
      name: "Medfinansieringsordningen for digitaliseringsprosjekter 2018",
      funder: { orgNo: DIFI.orgNo, name: DIFI.name },
      budget: BUDGET,
      policy: POLICY,
      // The deadline day is real; that it runs to the end of the day is assumed.
      applicationDeadline: winterTime(TIMELINE.applicationDeadline, 23, 59),
      disbursementWindow: { ...TIMELINE.disbursementWindow },
    },
  },
});

/** Closing the round the afternoon of the decisions: nothing more can be applied for or awarded in it. */
export const closeRoundStep = (): SeedStep => {
  const closedAt = winterTime(TIMELINE.decisions, 16);
  return {
    key: "close",
    at: closedAt,
    actor: ACTORS.programme,
    correlationId: ROUND_ID,
    command: { type: "CloseRound", data: { roundId: ROUND_ID, closedAt } },
  };
};
