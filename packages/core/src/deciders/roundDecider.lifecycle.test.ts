import { describe, it } from "vitest";
import { givenRound, givenRounds } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  CRISIS_2009,
  at,
  commitFunds,
  crisisRound,
  crisisRoundOpen,
  fundsCommitted,
  fundsReleased,
  id,
  ore,
  roundClosed,
  roundOpened,
  text,
  type RoundOpening,
} from "./fixtures.testkit.js";
import { adjustBudget, budgetAdjusted, budgetAdjustment, carryOver, fundsCarriedIn, fundsCarriedOver } from "./lifecycleFixtures.testkit.js";
import type { ReceiveCarriedFunds } from "./commands.js";
import { nok } from "../values/money.js";

/*
 * A scheme over several rounds: the 2009 crisis package's first round (20 MNOK, closed at the
 * end of 2010 with 1 550 000 NOK never committed) and its second, "de resterende 40 millioner
 * kronene", in September. A budget can be adjusted ("med forbehold om Stortingets samtykke"),
 * never below what is committed; what a closed round has left can be carried to another round
 * of the same scheme.
 */
const SCHEME = id("ikt-kommuner-2009");
const ROUND_2 = "crisis-2009-2";
const STAVANGER_2009 = "stavanger-2009";

const firstRound: RoundOpening = { ...crisisRound, schemeId: SCHEME };
const secondRound: RoundOpening = {
  ...crisisRound,
  roundId: id(ROUND_2),
  name: text("Tiltakspakken 2009: IKT i kommunene, runde 2"),
  budget: nok(40_000_000),
  applicationDeadline: at("2009-10-15T12:00:00+02:00"),
  schemeId: SCHEME,
};
/** Round 1 with 18 450 000 committed, 1 550 000 left, and closed. */
const firstRoundSpent = [roundOpened(firstRound), fundsCommitted(CRISIS_2009, BERGEN_2009, nok(18_450_000))];
const firstRoundClosed = [...firstRoundSpent, roundClosed(CRISIS_2009, "2009-08-31T16:00:00+02:00")];
const secondRoundOpen = [roundOpened(secondRound)];

describe("adjusting a round's budget", () => {
  const committed12 = [...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(12_000_000))];

  it("raises the 20 MNOK budget to 25 MNOK, recording the budget before", () => {
    const raise = budgetAdjustment(CRISIS_2009, nok(25_000_000));
    givenRound(crisisRoundOpen).when(adjustBudget(raise)).then([budgetAdjusted(raise, nok(20_000_000))]);
  });

  it("lowers the budget to exactly what is committed", () => {
    const cut = budgetAdjustment(CRISIS_2009, nok(12_000_000));
    givenRound(committed12).when(adjustBudget(cut)).then([budgetAdjusted(cut, nok(20_000_000))]);
  });

  it("refuses one øre below what is committed, naming both", () => {
    givenRound(committed12)
      .when(adjustBudget(budgetAdjustment(CRISIS_2009, ore(nok(12_000_000) - 1))))
      .thenFails("BudgetBelowCommitted", { roundId: CRISIS_2009, budget: ore(nok(12_000_000) - 1), committed: nok(12_000_000) });
  });

  it("counts releases: a released commitment no longer holds the budget up", () => {
    const cut = budgetAdjustment(CRISIS_2009, nok(8_000_000));
    givenRound([...committed12, fundsReleased(CRISIS_2009, BERGEN_2009, nok(4_000_000))])
      .when(adjustBudget(cut))
      .then([budgetAdjusted(cut, nok(20_000_000))]);
  });

  it("refuses a budget of nothing, even with nothing committed", () => {
    givenRound(crisisRoundOpen)
      .when(adjustBudget(budgetAdjustment(CRISIS_2009, ore(0))))
      .thenFails("BudgetBelowCommitted", { roundId: CRISIS_2009, budget: ore(0), committed: ore(0) });
  });

  it("refuses the budget the round already has", () => {
    givenRound(crisisRoundOpen)
      .when(adjustBudget(budgetAdjustment(CRISIS_2009, nok(20_000_000))))
      .thenFails("BudgetChangesNothing", { roundId: CRISIS_2009, budget: nok(20_000_000) });
  });

  it("adjusts an adjusted budget from its adjusted figure", () => {
    const first = budgetAdjustment(CRISIS_2009, nok(25_000_000));
    const second = budgetAdjustment(CRISIS_2009, nok(22_000_000), { adjustedAt: at("2009-11-20T12:00:00+01:00") });
    givenRound([...crisisRoundOpen, budgetAdjusted(first, nok(20_000_000))]).when(adjustBudget(second)).then([budgetAdjusted(second, nok(25_000_000))]);
    givenRound([...crisisRoundOpen, budgetAdjusted(first, nok(20_000_000))])
      .when(adjustBudget(budgetAdjustment(CRISIS_2009, nok(25_000_000))))
      .thenFails("BudgetChangesNothing", { budget: nok(25_000_000) });
  });

  it("bounds commitments by the adjusted budget", () => {
    const cut = budgetAdjustment(CRISIS_2009, nok(15_000_000));
    const history = [...committed12, budgetAdjusted(cut, nok(20_000_000))];
    givenRound(history).when(commitFunds(CRISIS_2009, STAVANGER_2009, nok(3_000_000))).then([fundsCommitted(CRISIS_2009, STAVANGER_2009, nok(3_000_000))]);
    givenRound(history)
      .when(commitFunds(CRISIS_2009, STAVANGER_2009, ore(nok(3_000_000) + 1)))
      .thenFails("AwardExceedsRemainingBudget", { remaining: nok(3_000_000) });
  });

  it("adjusts a closed round's budget: closing stops applications and commitments, not parliament", () => {
    const cut = budgetAdjustment(CRISIS_2009, nok(18_450_000), { adjustedAt: at("2009-12-01T12:00:00+01:00") });
    givenRound(firstRoundClosed).when(adjustBudget(cut)).then([budgetAdjusted(cut, nok(20_000_000))]);
  });

  it("adjusts nothing in a round never opened", () => {
    givenRound().when(adjustBudget(budgetAdjustment(CRISIS_2009, nok(25_000_000)))).thenFails("RoundNotFound", { roundId: CRISIS_2009 });
  });
});

describe("carrying what a closed round has left to the scheme's next round", () => {
  const carryAll = carryOver(CRISIS_2009, ROUND_2, nok(1_550_000));

  it("carries round 1's 1 550 000 to round 2: over from the one, in to the other", () => {
    givenRounds(firstRoundClosed, secondRoundOpen).when(carryAll).then([fundsCarriedOver(carryAll), fundsCarriedIn(carryAll)]);
  });

  it("carries part of what is left", () => {
    const part = carryOver(CRISIS_2009, ROUND_2, nok(1_000_000));
    givenRounds(firstRoundClosed, secondRoundOpen).when(part).then([fundsCarriedOver(part), fundsCarriedIn(part)]);
  });

  it("refuses one øre more than is left, naming what is", () => {
    givenRounds(firstRoundClosed, secondRoundOpen)
      .when(carryOver(CRISIS_2009, ROUND_2, ore(nok(1_550_000) + 1)))
      .thenFails("CarryOverExceedsRemaining", { roundId: CRISIS_2009, amount: ore(nok(1_550_000) + 1), remaining: nok(1_550_000) });
  });

  it("refuses to carry nothing", () => {
    givenRounds(firstRoundClosed, secondRoundOpen)
      .when(carryOver(CRISIS_2009, ROUND_2, ore(0)))
      .thenFails("CarryOverExceedsRemaining", { amount: ore(0), remaining: nok(1_550_000) });
  });

  it("counts what was carried before: money leaves a round once", () => {
    const part = carryOver(CRISIS_2009, ROUND_2, nok(1_000_000));
    givenRounds([...firstRoundClosed, fundsCarriedOver(part)], [...secondRoundOpen, fundsCarriedIn(part)])
      .when(carryOver(CRISIS_2009, ROUND_2, ore(nok(550_000) + 1)))
      .thenFails("CarryOverExceedsRemaining", { remaining: nok(550_000) });
  });

  it("counts releases: money a closed round got back can be carried", () => {
    const more = carryOver(CRISIS_2009, ROUND_2, nok(1_950_000));
    givenRounds([...firstRoundClosed, fundsReleased(CRISIS_2009, BERGEN_2009, nok(400_000))], secondRoundOpen)
      .when(more)
      .then([fundsCarriedOver(more), fundsCarriedIn(more)]);
  });

  it("carries nothing out of an open round: it can still commit the money", () => {
    givenRounds(firstRoundSpent, secondRoundOpen).when(carryAll).thenFails("CarryOverFromOpenRound", { roundId: CRISIS_2009 });
  });

  it("carries only between rounds of one scheme, naming both schemes", () => {
    const otherScheme = [roundOpened({ ...secondRound, schemeId: id("medfinansiering") })];
    givenRounds(firstRoundClosed, otherScheme)
      .when(carryAll)
      .thenFails("RoundsOfDifferentSchemes", { roundId: CRISIS_2009, toRoundId: ROUND_2, schemeId: SCHEME, toSchemeId: id("medfinansiering") });
  });

  it("carries nothing for rounds that name no scheme", () => {
    const { schemeId: _none, ...unscheduled } = secondRound;
    givenRounds([...crisisRoundOpen, roundClosed(CRISIS_2009)], [roundOpened(unscheduled)])
      .when(carryAll)
      .thenFails("RoundsOfDifferentSchemes", { schemeId: undefined, toSchemeId: undefined });
  });

  it("carries nothing from a round to itself", () => {
    givenRounds(firstRoundClosed, firstRoundClosed)
      .when(carryOver(CRISIS_2009, CRISIS_2009, nok(1_000)))
      .thenFails("RoundsOfDifferentSchemes", { roundId: CRISIS_2009, toRoundId: CRISIS_2009 });
  });

  it("carries nothing into a closed round", () => {
    givenRounds(firstRoundClosed, [...secondRoundOpen, roundClosed(ROUND_2)])
      .when(carryAll)
      .thenFails("RoundIsClosed", { roundId: ROUND_2 });
  });

  it.each([
    ["source", [], secondRoundOpen, CRISIS_2009],
    ["target", firstRoundClosed, [], ROUND_2],
  ] as const)("needs both rounds: a %s never opened", (_which, source, target, missing) => {
    givenRounds(source, target).when(carryAll).thenFails("RoundNotFound", { roundId: missing });
  });
});

describe("both rounds' budgets show the carry", () => {
  const carried = carryOver(CRISIS_2009, ROUND_2, nok(1_550_000));
  const receive = (roundId: string): ReceiveCarriedFunds => ({
    type: "ReceiveCarriedFunds",
    data: { roundId: id(roundId), fromRoundId: CRISIS_2009, amount: nok(1_550_000), carriedAt: carried.data.carriedAt },
  });

  it("the target commits the 40 MNOK and what was carried in, to the øre", () => {
    const history = [...secondRoundOpen, fundsCarriedIn(carried)];
    givenRound(history).when(commitFunds(ROUND_2, "tromso-2009", nok(41_550_000))).then([fundsCommitted(ROUND_2, "tromso-2009", nok(41_550_000))]);
    givenRound(history).when(commitFunds(ROUND_2, "tromso-2009", ore(nok(41_550_000) + 1))).thenFails("AwardExceedsRemainingBudget", { remaining: nok(41_550_000) });
  });

  it("the source has nothing left to carry or to lower its budget by", () => {
    const history = [...firstRoundClosed, fundsCarriedOver(carried)];
    givenRounds(history, secondRoundOpen).when(carryOver(CRISIS_2009, ROUND_2, ore(1))).thenFails("CarryOverExceedsRemaining", { remaining: ore(0) });
    givenRound(history)
      .when(adjustBudget(budgetAdjustment(CRISIS_2009, ore(nok(18_450_000) - 1))))
      .thenFails("BudgetBelowCommitted", { budget: ore(nok(18_450_000) - 1), committed: nok(18_450_000) });
  });

  it("the target records money arriving while open", () => {
    givenRound(secondRoundOpen).when(receive(ROUND_2)).then([fundsCarriedIn(carried)]);
  });

  it("the target still records money sent to it before it closed: carried money never vanishes in flight", () => {
    givenRound([...secondRoundOpen, roundClosed(ROUND_2)]).when(receive(ROUND_2)).then([fundsCarriedIn(carried)]);
  });

  it("the target must have been opened", () => {
    givenRound().when(receive(ROUND_2)).thenFails("RoundNotFound", { roundId: ROUND_2 });
  });
});
