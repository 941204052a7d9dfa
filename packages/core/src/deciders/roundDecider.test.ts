import { describe, it } from "vitest";
import { givenRound } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  COFINANCING_2018,
  CRISIS_2009,
  at,
  closeRound,
  cofinancingRound,
  commitFunds,
  crisisRound,
  crisisRoundOpen,
  day,
  fundsCommitted,
  fundsReleased,
  openRound,
  ore,
  releaseFunds,
  roundClosed,
  roundOpened,
} from "./fixtures.testkit.js";
import { nok } from "../values/money.js";
import { unsafeBasisPoints } from "../values/basisPoints.js";

const TROMSO_2009 = "tromso-2009";
const STAVANGER_2009 = "stavanger-2009";

describe("opening a round", () => {
  it("opens the 2009 crisis-package round", () => {
    givenRound().when(openRound(crisisRound)).then([roundOpened(crisisRound)]);
  });

  it("opens the 2018 co-financing round with all its policy bounds", () => {
    givenRound().when(openRound(cofinancingRound)).then([roundOpened(cofinancingRound)]);
  });

  it("opens a round only once", () => {
    givenRound(crisisRoundOpen).when(openRound(crisisRound)).thenFails("RoundAlreadyOpened", { roundId: CRISIS_2009 });
  });

  it("does not reopen a closed round", () => {
    givenRound([...crisisRoundOpen, roundClosed(CRISIS_2009)])
      .when(openRound(crisisRound))
      .thenFails("RoundAlreadyOpened", { roundId: CRISIS_2009 });
  });

  it("refuses a budget of nothing", () => {
    givenRound()
      .when(openRound({ ...crisisRound, budget: ore(0) }))
      .thenFails("RoundBudgetNotPositive", { roundId: CRISIS_2009, budget: ore(0) });
  });

  it("accepts a budget of one øre", () => {
    const tiny = { ...crisisRound, budget: ore(1), policy: { ...crisisRound.policy } };
    givenRound().when(openRound(tiny)).then([roundOpened(tiny)]);
  });

  it("refuses a disbursement window that ends before it starts", () => {
    const window = { from: day("2010-12-31"), to: day("2009-05-01") };
    givenRound()
      .when(openRound({ ...crisisRound, disbursementWindow: window }))
      .thenFails("InvalidDisbursementWindow", { roundId: CRISIS_2009, window });
  });

  it("accepts a disbursement window of a single day", () => {
    const oneDay = { ...crisisRound, disbursementWindow: { from: day("2009-06-01"), to: day("2009-06-01") } };
    givenRound().when(openRound(oneDay)).then([roundOpened(oneDay)]);
  });

  it("refuses a policy that funds no share of any project", () => {
    givenRound()
      .when(openRound({ ...crisisRound, policy: { ...crisisRound.policy, maxShareBps: unsafeBasisPoints(0) } }))
      .thenFails("InconsistentPolicy", { roundId: CRISIS_2009, field: "policy.maxShareBps" });
  });

  it("accepts a policy that funds a whole project", () => {
    const whole = { ...crisisRound, policy: { ...crisisRound.policy, maxShareBps: unsafeBasisPoints(10_000) } };
    givenRound().when(openRound(whole)).then([roundOpened(whole)]);
  });

  it("refuses a policy no applicant is eligible under", () => {
    givenRound()
      .when(openRound({ ...crisisRound, policy: { ...crisisRound.policy, eligibleApplicants: [] } }))
      .thenFails("InconsistentPolicy", { roundId: CRISIS_2009, field: "policy.eligibleApplicants" });
  });

  it("refuses a minimum project cost above the maximum", () => {
    const policy = { ...cofinancingRound.policy, minProjectCost: ore(nok(50_000_000) + 1) };
    givenRound()
      .when(openRound({ ...cofinancingRound, policy }))
      .thenFails("InconsistentPolicy", { roundId: COFINANCING_2018, field: "policy.minProjectCost", reason: "above policy.maxProjectCost" });
  });

  it("accepts a minimum project cost equal to the maximum", () => {
    const fixed = { ...cofinancingRound, policy: { ...cofinancingRound.policy, minProjectCost: nok(50_000_000) } };
    givenRound().when(openRound(fixed)).then([roundOpened(fixed)]);
  });

  it("refuses a largest grant above the whole budget", () => {
    const policy = { ...cofinancingRound.policy, maxGrant: ore(nok(120_000_000) + 1) };
    givenRound()
      .when(openRound({ ...cofinancingRound, policy }))
      .thenFails("InconsistentPolicy", { roundId: COFINANCING_2018, field: "policy.maxGrant", reason: "above the round's budget" });
  });

  it("accepts a largest grant equal to the whole budget", () => {
    const single = { ...cofinancingRound, policy: { ...cofinancingRound.policy, maxGrant: nok(120_000_000) } };
    givenRound().when(openRound(single)).then([roundOpened(single)]);
  });
});

describe("closing a round", () => {
  it("closes an open round", () => {
    givenRound(crisisRoundOpen).when(closeRound(CRISIS_2009)).then([roundClosed(CRISIS_2009)]);
  });

  it("closes a round only once", () => {
    givenRound([...crisisRoundOpen, roundClosed(CRISIS_2009, "2010-12-31T16:00:00+01:00")])
      .when(closeRound(CRISIS_2009, "2011-01-03T09:00:00+01:00"))
      .thenFails("RoundIsClosed", { roundId: CRISIS_2009, closedAt: at("2010-12-31T16:00:00+01:00") });
  });

  it("cannot close a round that was never opened", () => {
    givenRound().when(closeRound(CRISIS_2009)).thenFails("RoundNotFound", { roundId: CRISIS_2009 });
  });
});

describe("committing funds (the first half of an award)", () => {
  it("commits money for a grant within the budget", () => {
    givenRound(crisisRoundOpen)
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .then([fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))]);
  });

  it("commits exactly the remaining budget", () => {
    givenRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(19_600_000))])
      .when(commitFunds(CRISIS_2009, STAVANGER_2009, nok(400_000)))
      .then([fundsCommitted(CRISIS_2009, STAVANGER_2009, nok(400_000))]);
  });

  it("refuses one øre more than the remaining budget, naming award and remaining", () => {
    givenRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(19_600_000))])
      .when(commitFunds(CRISIS_2009, STAVANGER_2009, ore(nok(400_000) + 1)))
      .thenFails("AwardExceedsRemainingBudget", {
        roundId: CRISIS_2009,
        grantId: STAVANGER_2009,
        award: ore(nok(400_000) + 1),
        remaining: nok(400_000),
      });
  });

  it("counts every grant's commitment against the budget", () => {
    givenRound([
      ...crisisRoundOpen,
      fundsCommitted(CRISIS_2009, BERGEN_2009, nok(10_000_000)),
      fundsCommitted(CRISIS_2009, STAVANGER_2009, nok(9_000_000)),
    ])
      .when(commitFunds(CRISIS_2009, TROMSO_2009, ore(nok(1_000_000) + 1)))
      .thenFails("AwardExceedsRemainingBudget", { award: ore(nok(1_000_000) + 1), remaining: nok(1_000_000) });
  });

  // Whether a commitment the grant already holds is a retried award's is the command handler's
  // question (handler/awardRetry.test.ts); to the round every commitment is new money.
  it("adds a second commitment for a grant to the first (an amendment's increase)", () => {
    givenRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(100_000)))
      .then([fundsCommitted(CRISIS_2009, BERGEN_2009, nok(100_000))]);
  });

  it("counts the grant's own commitment against the budget: the same amount again needs money again", () => {
    givenRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(20_000_000))])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(20_000_000)))
      .thenFails("AwardExceedsRemainingBudget", { roundId: CRISIS_2009, grantId: BERGEN_2009, award: nok(20_000_000), remaining: ore(0) });
  });

  it("commits a grant's second amount up to exactly the money left", () => {
    givenRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(19_600_000))])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .then([fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))]);
  });

  it("commits nothing in a closed round", () => {
    givenRound([...crisisRoundOpen, roundClosed(CRISIS_2009)])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .thenFails("RoundIsClosed", { roundId: CRISIS_2009, closedAt: at("2010-12-31T16:00:00+01:00") });
  });

  it("commits nothing more for a grant that holds a commitment once the round closed", () => {
    givenRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000)), roundClosed(CRISIS_2009)])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .thenFails("RoundIsClosed", { roundId: CRISIS_2009, closedAt: at("2010-12-31T16:00:00+01:00") });
  });

  it("commits nothing in a round that was never opened", () => {
    givenRound()
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .thenFails("RoundNotFound", { roundId: CRISIS_2009 });
  });
});

describe("releasing funds (what a grant no longer needs goes back to the round)", () => {
  const committed = [...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))];

  it("releases the grant's whole commitment", () => {
    givenRound(committed)
      .when(releaseFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .then([fundsReleased(CRISIS_2009, BERGEN_2009, nok(400_000))]);
  });

  it("releases the amount given, part of the commitment (an award amended down, a grant closed part paid)", () => {
    givenRound(committed)
      .when(releaseFunds(CRISIS_2009, BERGEN_2009, nok(150_000)))
      .then([fundsReleased(CRISIS_2009, BERGEN_2009, nok(150_000))]);
  });

  it("refuses to release one øre more than the round holds for the grant", () => {
    givenRound(committed)
      .when(releaseFunds(CRISIS_2009, BERGEN_2009, ore(nok(400_000) + 1)))
      .thenFails("NoCommitmentToRelease", { roundId: CRISIS_2009, grantId: BERGEN_2009 });
  });

  it("refuses to release nothing", () => {
    givenRound(committed)
      .when(releaseFunds(CRISIS_2009, BERGEN_2009, ore(0)))
      .thenFails("NoCommitmentToRelease", { roundId: CRISIS_2009, grantId: BERGEN_2009 });
  });

  it("adds up a grant's commitments and releases: it releases what is left of them", () => {
    givenRound([...committed, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(100_000)), fundsReleased(CRISIS_2009, BERGEN_2009, nok(200_000))])
      .when(releaseFunds(CRISIS_2009, BERGEN_2009, nok(300_000)))
      .then([fundsReleased(CRISIS_2009, BERGEN_2009, nok(300_000))]);
    givenRound([...committed, fundsReleased(CRISIS_2009, BERGEN_2009, nok(150_000))])
      .when(releaseFunds(CRISIS_2009, BERGEN_2009, ore(nok(250_000) + 1)))
      .thenFails("NoCommitmentToRelease", { grantId: BERGEN_2009 });
  });

  it("releases in a closed round too: the money goes back", () => {
    givenRound([...committed, roundClosed(CRISIS_2009)])
      .when(releaseFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .then([fundsReleased(CRISIS_2009, BERGEN_2009, nok(400_000))]);
  });

  it("refuses to release for a grant that holds no commitment", () => {
    givenRound(committed)
      .when(releaseFunds(CRISIS_2009, STAVANGER_2009, nok(400_000)))
      .thenFails("NoCommitmentToRelease", { roundId: CRISIS_2009, grantId: STAVANGER_2009 });
  });

  it("releases a commitment only once", () => {
    givenRound([...committed, fundsReleased(CRISIS_2009, BERGEN_2009, nok(400_000))])
      .when(releaseFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .thenFails("NoCommitmentToRelease", { roundId: CRISIS_2009, grantId: BERGEN_2009 });
  });

  it("releases nothing in a round that was never opened", () => {
    givenRound()
      .when(releaseFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .thenFails("RoundNotFound", { roundId: CRISIS_2009 });
  });

  it("gives the released money back to the budget", () => {
    givenRound([
      ...crisisRoundOpen,
      fundsCommitted(CRISIS_2009, BERGEN_2009, nok(20_000_000)),
      fundsReleased(CRISIS_2009, BERGEN_2009, nok(20_000_000)),
    ])
      .when(commitFunds(CRISIS_2009, STAVANGER_2009, nok(20_000_000)))
      .then([fundsCommitted(CRISIS_2009, STAVANGER_2009, nok(20_000_000))]);
  });

  it("lets the grant commit again, for another amount, once its commitment is released", () => {
    givenRound([...committed, fundsReleased(CRISIS_2009, BERGEN_2009, nok(400_000))])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(300_000)))
      .then([fundsCommitted(CRISIS_2009, BERGEN_2009, nok(300_000))]);
  });

  it("keeps other grants' commitments when one is released", () => {
    givenRound([
      ...crisisRoundOpen,
      fundsCommitted(CRISIS_2009, BERGEN_2009, nok(12_000_000)),
      fundsCommitted(CRISIS_2009, STAVANGER_2009, nok(8_000_000)),
      fundsReleased(CRISIS_2009, BERGEN_2009, nok(12_000_000)),
    ])
      .when(commitFunds(CRISIS_2009, TROMSO_2009, ore(nok(12_000_000) + 1)))
      .thenFails("AwardExceedsRemainingBudget", { remaining: nok(12_000_000) });
  });
});
