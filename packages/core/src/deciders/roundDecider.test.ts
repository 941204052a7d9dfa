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

  it("decides nothing when the grant already holds the same commitment (a retried award)", () => {
    givenRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .then([]);
  });

  it("decides nothing for the same commitment even when it took the last of the budget", () => {
    givenRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(20_000_000))])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(20_000_000)))
      .then([]);
  });

  it("refuses a second commitment of another amount for the same grant", () => {
    givenRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(300_000)))
      .thenFails("CommitmentMismatch", { roundId: CRISIS_2009, grantId: BERGEN_2009, committed: nok(400_000), award: nok(300_000) });
  });

  it("commits nothing in a closed round", () => {
    givenRound([...crisisRoundOpen, roundClosed(CRISIS_2009)])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .thenFails("RoundIsClosed", { roundId: CRISIS_2009, closedAt: at("2010-12-31T16:00:00+01:00") });
  });

  it("still completes a retried commitment after the round closed", () => {
    givenRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000)), roundClosed(CRISIS_2009)])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .then([]);
  });

  it("commits nothing in a round that was never opened", () => {
    givenRound()
      .when(commitFunds(CRISIS_2009, BERGEN_2009, nok(400_000)))
      .thenFails("RoundNotFound", { roundId: CRISIS_2009 });
  });
});

describe("releasing funds (compensating an award that could not be recorded)", () => {
  const committed = [...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))];

  it("releases the grant's commitment, for the amount actually committed", () => {
    givenRound(committed)
      .when(releaseFunds(CRISIS_2009, BERGEN_2009, nok(999)))
      .then([fundsReleased(CRISIS_2009, BERGEN_2009, nok(400_000))]);
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
