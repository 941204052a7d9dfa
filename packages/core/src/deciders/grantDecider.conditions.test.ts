import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  CRISIS_2009,
  at,
  award,
  awarded,
  bergenAward,
  bergenAwarded,
  bergenEvaluated,
  crisisRound,
  crisisRoundOpen,
  crisisRoundWithBergen,
  day,
  disburse,
  disbursed,
  disbursement,
  fundsCommitted,
  roundOpened,
} from "./fixtures.testkit.js";
import { acceptConditions, acceptance, conditionsAccepted } from "./lifecycleFixtures.testkit.js";
import { nok } from "../values/money.js";

/*
 * The conditions an award comes with. "Forutsatt at vilkårene aksepteres og følges, vil Difi …
 * utbetale": where the round's policy asks for it (requiresAcceptance), nothing is paid before
 * the recipient accepts them. An award may also name the dates its benefits reports are due.
 */
const acceptingRound = [roundOpened({ ...crisisRound, policy: { ...crisisRound.policy, requiresAcceptance: true } }), fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))];
const firstTranche = disbursement(BERGEN_2009, nok(250_000), "DIFI-2009-0001", "2009-06-02T10:00:00+02:00");

describe("accepting an award's conditions", () => {
  it("records Bergen's acceptance", () => {
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(acceptConditions(acceptance())).then([conditionsAccepted(acceptance())]);
  });

  it("accepts once", () => {
    givenGrant([...bergenAwarded, conditionsAccepted(acceptance())])
      .withRound(crisisRoundWithBergen)
      .when(acceptConditions(acceptance({ acceptedAt: at("2009-05-20T09:00:00+02:00") })))
      .thenFails("ConditionsAlreadyAccepted", { grantId: BERGEN_2009 });
  });

  it("is not accepted before the award", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(acceptConditions(acceptance({ acceptedAt: at("2009-05-10T09:59:59+02:00") })))
      .thenFails("OutOfOrder", { grantId: BERGEN_2009, field: "acceptedAt", notBefore: bergenAward.awardedAt });
  });

  it("accepts only an award's conditions", () => {
    givenGrant(bergenEvaluated)
      .withRound(crisisRoundWithBergen)
      .when(acceptConditions(acceptance()))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "evaluated" });
  });
});

describe("payment waits for the acceptance where the policy asks for it", () => {
  it("pays nothing before the conditions are accepted", () => {
    givenGrant(bergenAwarded).withRound(acceptingRound).when(disburse(firstTranche)).thenFails("ConditionsNotAccepted", { grantId: BERGEN_2009 });
  });

  it("pays once they are", () => {
    givenGrant([...bergenAwarded, conditionsAccepted(acceptance())]).withRound(acceptingRound).when(disburse(firstTranche)).then([disbursed(firstTranche)]);
  });

  it("pays without an acceptance in a round whose policy does not ask for one", () => {
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(disburse(firstTranche)).then([disbursed(firstTranche)]);
  });
});

describe("an award's report obligations", () => {
  it("records the dates the benefits reports are due with the award", () => {
    const withReports = { ...bergenAward, reportsDue: [day("2009-12-31"), day("2010-12-31")] };
    givenGrant(bergenEvaluated).withRound(crisisRoundOpen).when(award(withReports)).then([awarded(withReports, CRISIS_2009)]);
  });
});
