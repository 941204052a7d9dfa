import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  CRISIS_2009,
  at,
  bergenApplied,
  bergenAward,
  bergenAwarded,
  bergenEvaluated,
  bergenRejected,
  crisisRound,
  crisisRoundOpen,
  crisisRoundWithBergen,
  day,
  disbursed,
  disbursement,
  fundsCommitted,
  fundsReleased,
  ore,
  roundClosed,
  roundOpened,
} from "./fixtures.testkit.js";
import { amend, amendment, awardAmended, closing, grantClosed, type Amendment } from "./lifecycleFixtures.testkit.js";
import { nok, type Money } from "../values/money.js";

/*
 * Bergen was awarded 400 000 NOK (250 000 in June 2009, 150 000 in June 2010) of a 2.5 MNOK
 * project; the round covers at most 20 %, so 500 000 NOK is the most any amendment can reach.
 * The round holds the 400 000 for it.
 */

/** The award's two instalments, the second carrying the change. */
const planOf = (amount: Money): Amendment["disbursementPlan"] => [
  { due: day("2009-06-01"), amount: nok(250_000) },
  { due: day("2010-06-01"), amount: ore(amount - nok(250_000)) },
];
const amendTo = (amount: Money, overrides: Partial<Amendment> = {}) => amend(amendment(amount, planOf(amount), overrides));
const amendedTo = (amount: Money, previous: Money = bergenAward.amount, overrides: Partial<Amendment> = {}) =>
  awardAmended(amendment(amount, planOf(amount), overrides), previous);
const firstPayment = disbursed(disbursement(BERGEN_2009, nok(250_000), "DIFI-2009-0001", "2009-06-02T10:00:00+02:00"));

/** The round holding Bergen's 400 000 and so much for another grant that `remaining` is left. */
const roundLeaving = (remaining: Money) => [...crisisRoundWithBergen, fundsCommitted(CRISIS_2009, "stavanger-2009", ore(nok(19_600_000) - remaining))];

describe("amending an award", () => {
  it("raises Bergen's award to the share cap with a new plan, recording the amount before", () => {
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(amendTo(nok(500_000))).then([amendedTo(nok(500_000))]);
  });

  it("may raise an award above what was asked for: the share cap and the largest grant bound it, not the request", () => {
    // Bergen asked for 400 000; a costlier project may get more, never above 20 % of it.
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(amendTo(nok(450_000))).then([amendedTo(nok(450_000))]);
  });

  it("lowers the award", () => {
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(amendTo(nok(300_000))).then([amendedTo(nok(300_000))]);
  });

  it("changes only the plan, the amount kept", () => {
    const replanned = amendment(nok(400_000), [
      { due: day("2009-08-01"), amount: nok(100_000) },
      { due: day("2010-08-01"), amount: nok(300_000) },
    ]);
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(amend(replanned)).then([awardAmended(replanned, nok(400_000))]);
  });

  it("refuses an amendment that changes neither the amount nor the plan", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(amend(amendment(bergenAward.amount, bergenAward.disbursementPlan)))
      .thenFails("AmendmentChangesNothing", { grantId: BERGEN_2009 });
  });

  it("amends an amended award from its amended amount", () => {
    givenGrant([...bergenAwarded, amendedTo(nok(300_000))])
      .withRound([...crisisRoundWithBergen, fundsReleased(CRISIS_2009, BERGEN_2009, nok(100_000))])
      .when(amendTo(nok(350_000), { amendedAt: at("2009-10-01T10:00:00+02:00") }))
      .then([amendedTo(nok(350_000), nok(300_000), { amendedAt: at("2009-10-01T10:00:00+02:00") })]);
  });

  it.each([
    ["applied", bergenApplied],
    ["evaluated", bergenEvaluated],
    ["rejected", bergenRejected],
  ] as const)("amends only a live award, not a grant %s", (status, history) => {
    givenGrant(history).withRound(crisisRoundOpen).when(amendTo(nok(300_000))).thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status });
  });

  it("does not amend a closed grant", () => {
    givenGrant([...bergenAwarded, grantClosed(closing(), nok(400_000))])
      .withRound(crisisRoundWithBergen)
      .when(amendTo(nok(300_000)))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "closed" });
  });

  it("does not amend a grant never applied for", () => {
    givenGrant().withRound(crisisRoundOpen).when(amendTo(nok(300_000))).thenFails("GrantNotFound", { grantId: BERGEN_2009 });
  });

  it("needs the grant's round", () => {
    givenGrant(bergenAwarded).when(amendTo(nok(300_000))).thenFails("RoundNotFound", { roundId: CRISIS_2009 });
  });

  it("is not decided before the award it amends", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(amendTo(nok(300_000), { amendedAt: at("2009-05-10T09:59:59+02:00") }))
      .thenFails("OutOfOrder", { grantId: BERGEN_2009, field: "amendedAt", at: at("2009-05-10T09:59:59+02:00"), notBefore: bergenAward.awardedAt });
  });

  it("may be decided the instant of the award", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(amendTo(nok(300_000), { amendedAt: bergenAward.awardedAt }))
      .then([amendedTo(nok(300_000), nok(400_000), { amendedAt: bergenAward.awardedAt })]);
  });
});

describe("an amendment's figures, held to the award's rules", () => {
  const amendBergen = (amount: Money, plan: Amendment["disbursementPlan"]) => givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(amend(amendment(amount, plan)));

  it("refuses an amendment to nothing: an award is renounced or closed, not amended away", () => {
    amendBergen(ore(0), []).thenFails("AwardNotPositive", { grantId: BERGEN_2009 });
  });

  it("refuses one øre above the share cap, naming the cap", () => {
    amendBergen(ore(nok(500_000) + 1), planOf(ore(nok(500_000) + 1))).thenFails("AwardExceedsShareCap", {
      grantId: BERGEN_2009,
      amount: ore(nok(500_000) + 1),
      totalCost: nok(2_500_000),
      maxShareBps: crisisRound.policy.maxShareBps,
      cap: nok(500_000),
    });
  });

  it("refuses one øre above the round's largest grant", () => {
    const capped = [roundOpened({ ...crisisRound, policy: { ...crisisRound.policy, maxGrant: nok(450_000) } }), fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))];
    givenGrant(bergenAwarded)
      .withRound(capped)
      .when(amendTo(ore(nok(450_000) + 1)))
      .thenFails("AwardExceedsMaxGrant", { grantId: BERGEN_2009, amount: ore(nok(450_000) + 1), maxGrant: nok(450_000) });
  });

  it("refuses a plan that does not sum to the new amount", () => {
    amendBergen(nok(500_000), planOf(nok(400_000))).thenFails("DisbursementPlanMismatch", { grantId: BERGEN_2009, planned: nok(400_000), amount: nok(500_000) });
  });

  it("refuses an instalment of nothing", () => {
    amendBergen(nok(400_000), [...planOf(nok(400_000)), { due: day("2010-09-01"), amount: ore(0) }]).thenFails("InstalmentNotPositive", {
      grantId: BERGEN_2009,
      due: day("2010-09-01"),
    });
  });

  it("refuses an instalment after the disbursement window", () => {
    amendBergen(nok(400_000), [
      { due: day("2009-06-01"), amount: nok(250_000) },
      { due: day("2011-01-01"), amount: nok(150_000) },
    ]).thenFails("InstalmentOutsideWindow", { grantId: BERGEN_2009, due: day("2011-01-01"), window: crisisRound.disbursementWindow });
  });
});

describe("what has been paid bounds an amendment from below", () => {
  const paid = [...bergenAwarded, firstPayment];
  const amendPaid = (amount: Money, plan: Amendment["disbursementPlan"]) => givenGrant(paid).withRound(crisisRoundWithBergen).when(amend(amendment(amount, plan)));

  it("lowers the award to exactly what has been paid", () => {
    const plan = [{ due: day("2009-06-01"), amount: nok(250_000) }];
    amendPaid(nok(250_000), plan).then([awardAmended(amendment(nok(250_000), plan), nok(400_000))]);
  });

  it("refuses one øre below what has been paid net, naming both", () => {
    const below = ore(nok(250_000) - 1);
    amendPaid(below, [{ due: day("2009-06-01"), amount: below }]).thenFails("AmendmentBelowPaid", { grantId: BERGEN_2009, amount: below, paidNet: nok(250_000) });
  });
});

describe("an increase is new money for the round", () => {
  it("takes exactly the money left in the round", () => {
    givenGrant(bergenAwarded).withRound(roundLeaving(nok(100_000))).when(amendTo(nok(500_000))).then([amendedTo(nok(500_000))]);
  });

  it("refuses an increase one øre above the money left, naming the increase, not the new amount", () => {
    givenGrant(bergenAwarded)
      .withRound(roundLeaving(ore(nok(100_000) - 1)))
      .when(amendTo(nok(500_000)))
      .thenFails("AwardExceedsRemainingBudget", { roundId: CRISIS_2009, grantId: BERGEN_2009, award: nok(100_000), remaining: ore(nok(100_000) - 1) });
  });

  it("lowers an award in a round with nothing left", () => {
    givenGrant(bergenAwarded).withRound(roundLeaving(ore(0))).when(amendTo(nok(300_000))).then([amendedTo(nok(300_000))]);
  });

  it("raises nothing once the round is closed", () => {
    givenGrant(bergenAwarded)
      .withRound([...crisisRoundWithBergen, roundClosed(CRISIS_2009)])
      .when(amendTo(nok(500_000)))
      .thenFails("RoundIsClosed", { roundId: CRISIS_2009, closedAt: at("2010-12-31T16:00:00+01:00") });
  });

  it("lowers an award after the round closed: the money goes back", () => {
    givenGrant(bergenAwarded)
      .withRound([...crisisRoundWithBergen, roundClosed(CRISIS_2009)])
      .when(amendTo(nok(300_000)))
      .then([amendedTo(nok(300_000))]);
  });
});

describe("an increase retried after a crash between its two appends", () => {
  // The round already holds the increase beyond the award: the first attempt committed it.
  const increaseHeld = [...roundLeaving(ore(0)), fundsCommitted(CRISIS_2009, BERGEN_2009, nok(100_000))];

  it("goes through on the increase the round already holds, though the budget is now spent", () => {
    givenGrant(bergenAwarded).withRound(increaseHeld).when(amendTo(nok(500_000))).then([amendedTo(nok(500_000))]);
  });

  it("goes through on that increase after the round closed", () => {
    givenGrant(bergenAwarded)
      .withRound([...increaseHeld, roundClosed(CRISIS_2009)])
      .when(amendTo(nok(500_000)))
      .then([amendedTo(nok(500_000))]);
  });

  it("goes through when the round holds more than the increase beyond the award: the new amount is backed (the handler commits its own increase and releases the surplus)", () => {
    givenGrant(bergenAwarded).withRound(increaseHeld).when(amendTo(nok(450_000))).then([amendedTo(nok(450_000))]);
  });

  it("is held to the budget when the round holds less than the increase beyond the award", () => {
    const partlyHeld = [...roundLeaving(nok(50_000)), fundsCommitted(CRISIS_2009, BERGEN_2009, nok(25_000))];
    givenGrant(bergenAwarded)
      .withRound(partlyHeld)
      .when(amendTo(nok(500_000)))
      .thenFails("AwardExceedsRemainingBudget", { roundId: CRISIS_2009, grantId: BERGEN_2009, award: nok(100_000), remaining: nok(25_000) });
  });
});
