import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  COFINANCING_2018,
  CRISIS_2009,
  KARTVERKET_2018,
  type Award,
  applied,
  at,
  award,
  awarded,
  bergenApplication,
  bergenApplied,
  bergenAward,
  bergenAwarded,
  bergenEvaluated,
  bergenRejected,
  cofinancingRoundOpen,
  cofinancingRoundWithKartverket,
  costSavingPlan,
  crisisRoundOpen,
  crisisRoundWithBergen,
  day,
  evaluated,
  evaluation,
  fundsCommitted,
  fundsReleased,
  kartverketApplication,
  kartverketAward,
  kartverketEvaluated,
  ore,
  roundClosed,
} from "./fixtures.testkit.js";
import { nok, type Money } from "../values/money.js";
import { unsafeText } from "../values/text.js";

const bergenAwardOf = (amount: Money): Award => ({
  ...bergenAward,
  amount,
  disbursementPlan: [{ due: day("2009-06-01"), amount }],
});
const awardBergen = (overrides: Partial<Award>) => givenGrant(bergenEvaluated).withRound(crisisRoundOpen).when(award({ ...bergenAward, ...overrides }));
const awardKartverket = (overrides: Partial<Award>) =>
  givenGrant(kartverketEvaluated).withRound(cofinancingRoundOpen).when(award({ ...kartverketAward, ...overrides }));

describe("awarding a grant", () => {
  it("awards Bergen the 400 000 NOK it asked for, recording the round", () => {
    givenGrant(bergenEvaluated).withRound(crisisRoundOpen).when(award(bergenAward)).then([awarded(bergenAward, CRISIS_2009)]);
  });

  it("awards Kartverket 12 MNOK against its benefits plan", () => {
    givenGrant(kartverketEvaluated).withRound(cofinancingRoundOpen).when(award(kartverketAward)).then([awarded(kartverketAward, COFINANCING_2018)]);
  });

  it("may differ from the recommendation: an award against a recommendation to reject", () => {
    givenGrant([...bergenApplied, evaluated(evaluation(BERGEN_2009, { recommendation: "reject", score: 35 }))])
      .withRound(crisisRoundOpen)
      .when(award(bergenAward))
      .then([awarded(bergenAward, CRISIS_2009)]);
  });

  it("may award less than was requested and recommended", () => {
    givenGrant([...bergenApplied, evaluated(evaluation(BERGEN_2009, { recommendedAmount: nok(400_000) }))])
      .withRound(crisisRoundOpen)
      .when(award(bergenAwardOf(nok(150_000))))
      .then([awarded(bergenAwardOf(nok(150_000)), CRISIS_2009)]);
  });

  it("awards only an evaluated grant", () => {
    givenGrant(bergenApplied).withRound(crisisRoundOpen).when(award(bergenAward)).thenFails("GrantNotEvaluated", { grantId: BERGEN_2009 });
  });

  it("awards a grant once", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(award(bergenAward))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "awarded" });
  });

  it("does not award a rejected grant", () => {
    givenGrant(bergenRejected)
      .withRound(crisisRoundOpen)
      .when(award(bergenAward))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "rejected" });
  });

  it("needs the grant's round", () => {
    givenGrant(bergenEvaluated).when(award(bergenAward)).thenFails("RoundNotFound", { roundId: CRISIS_2009 });
  });

  it("awards nothing once the round is closed", () => {
    givenGrant(bergenEvaluated)
      .withRound([...crisisRoundOpen, roundClosed(CRISIS_2009)])
      .when(award(bergenAward))
      .thenFails("RoundIsClosed", { roundId: CRISIS_2009, closedAt: at("2010-12-31T16:00:00+01:00") });
  });
});

describe("the amount awarded", () => {
  it("refuses an award of nothing", () => {
    awardBergen({ amount: ore(0), disbursementPlan: [] }).thenFails("AwardNotPositive", { grantId: BERGEN_2009 });
  });

  it("awards exactly the amount requested", () => {
    awardBergen(bergenAwardOf(nok(400_000))).then([awarded(bergenAwardOf(nok(400_000)), CRISIS_2009)]);
  });

  it("refuses one øre more than was requested", () => {
    awardBergen(bergenAwardOf(ore(nok(400_000) + 1))).thenFails("AwardExceedsRequest", {
      grantId: BERGEN_2009,
      amount: ore(nok(400_000) + 1),
      requested: nok(400_000),
    });
  });

  // Application rules keep requests within the cap and the largest grant, so these two hold the
  // line for histories recorded outside them (an import, a rule fixed later).
  const overAsked = [applied({ ...bergenApplication, requested: nok(600_000) }), evaluated(evaluation(BERGEN_2009))];

  it("awards exactly the share cap of the project, whatever was asked", () => {
    givenGrant(overAsked).withRound(crisisRoundOpen).when(award(bergenAwardOf(nok(500_000)))).then([awarded(bergenAwardOf(nok(500_000)), CRISIS_2009)]);
  });

  it("refuses one øre above the share cap, whatever was asked", () => {
    givenGrant(overAsked)
      .withRound(crisisRoundOpen)
      .when(award(bergenAwardOf(ore(nok(500_000) + 1))))
      .thenFails("AwardExceedsShareCap", {
        grantId: BERGEN_2009,
        amount: ore(nok(500_000) + 1),
        totalCost: nok(2_500_000),
        maxShareBps: 2000,
        cap: nok(500_000),
      });
  });

  const overMax = [
    applied({ ...kartverketApplication, totalCost: nok(40_000_000), requested: nok(20_000_000) }),
    evaluated(evaluation(KARTVERKET_2018)),
  ];
  const kartverketAwardOf = (amount: Money): Award => ({ ...kartverketAward, amount, disbursementPlan: [{ due: day("2018-09-01"), amount }] });

  it("awards exactly the largest grant of the round", () => {
    givenGrant(overMax)
      .withRound(cofinancingRoundOpen)
      .when(award(kartverketAwardOf(nok(15_000_000))))
      .then([awarded(kartverketAwardOf(nok(15_000_000)), COFINANCING_2018)]);
  });

  it("refuses one øre above the largest grant of the round, whatever was asked", () => {
    givenGrant(overMax)
      .withRound(cofinancingRoundOpen)
      .when(award(kartverketAwardOf(ore(nok(15_000_000) + 1))))
      .thenFails("AwardExceedsMaxGrant", { grantId: KARTVERKET_2018, amount: ore(nok(15_000_000) + 1), maxGrant: nok(15_000_000) });
  });
});

describe("the disbursement plan", () => {
  it("must sum to the amount awarded", () => {
    awardBergen({
      disbursementPlan: [
        { due: day("2009-06-01"), amount: nok(250_000) },
        { due: day("2010-06-01"), amount: ore(nok(150_000) - 1) },
      ],
    }).thenFails("DisbursementPlanMismatch", { grantId: BERGEN_2009, planned: ore(nok(400_000) - 1), amount: nok(400_000) });
  });

  it("must not plan more than the amount awarded", () => {
    awardBergen({
      disbursementPlan: [
        { due: day("2009-06-01"), amount: nok(250_000) },
        { due: day("2010-06-01"), amount: ore(nok(150_000) + 1) },
      ],
    }).thenFails("DisbursementPlanMismatch", { planned: ore(nok(400_000) + 1), amount: nok(400_000) });
  });

  it("cannot be empty", () => {
    awardBergen({ disbursementPlan: [] }).thenFails("DisbursementPlanMismatch", { planned: ore(0), amount: nok(400_000) });
  });

  it("has no instalment of nothing", () => {
    awardBergen({
      disbursementPlan: [
        { due: day("2009-06-01"), amount: nok(400_000) },
        { due: day("2010-06-01"), amount: ore(0) },
      ],
    }).thenFails("InstalmentNotPositive", { grantId: BERGEN_2009, due: day("2010-06-01") });
  });

  it("may fall due on the first and the last day of the disbursement window", () => {
    const plan = {
      disbursementPlan: [
        { due: day("2009-05-01"), amount: nok(200_000) },
        { due: day("2010-12-31"), amount: nok(200_000) },
      ],
    };
    awardBergen(plan).then([awarded({ ...bergenAward, ...plan }, CRISIS_2009)]);
  });

  it("has no instalment due the day before the window opens", () => {
    awardBergen({
      disbursementPlan: [
        { due: day("2009-04-30"), amount: nok(200_000) },
        { due: day("2010-06-01"), amount: nok(200_000) },
      ],
    }).thenFails("InstalmentOutsideWindow", {
      grantId: BERGEN_2009,
      due: day("2009-04-30"),
      window: { from: day("2009-05-01"), to: day("2010-12-31") },
    });
  });

  it("has no instalment due the day after the window closes", () => {
    awardBergen({
      disbursementPlan: [
        { due: day("2009-06-01"), amount: nok(200_000) },
        { due: day("2011-01-01"), amount: nok(200_000) },
      ],
    }).thenFails("InstalmentOutsideWindow", { due: day("2011-01-01") });
  });
});

describe("the benefits plan", () => {
  it("is required where the round's policy says so", () => {
    const { benefitsPlan: _omitted, ...withoutPlan } = kartverketAward;
    givenGrant(kartverketEvaluated)
      .withRound(cofinancingRoundOpen)
      .when(award(withoutPlan))
      .thenFails("BenefitsPlanRequired", { grantId: KARTVERKET_2018, roundId: COFINANCING_2018 });
  });

  it("is not satisfied by an empty plan", () => {
    awardKartverket({ benefitsPlan: [] }).thenFails("BenefitsPlanRequired", { grantId: KARTVERKET_2018, roundId: COFINANCING_2018 });
  });

  it("states money in whole øre", () => {
    awardKartverket({ benefitsPlan: [costSavingPlan, { ...costSavingPlan, category: "other-parties", target: 1_000_000.5 }] }).thenFails(
      "BenefitFigureNotInOre",
      { grantId: KARTVERKET_2018, index: 1, field: "target", value: 1_000_000.5 },
    );
  });

  it("states a money baseline in whole øre too", () => {
    awardKartverket({ benefitsPlan: [{ ...costSavingPlan, baseline: 0.25 }] }).thenFails("BenefitFigureNotInOre", {
      index: 0,
      field: "baseline",
      value: 0.25,
    });
  });

  it("may plan hours saved in fractions", () => {
    const hours = { ...costSavingPlan, category: "time-saving" as const, unit: unsafeText("hours"), target: 1250.5 };
    awardKartverket({ benefitsPlan: [hours] }).then([awarded({ ...kartverketAward, benefitsPlan: [hours] }, COFINANCING_2018)]);
  });
});

describe("the round's budget: no over-commitment, ever", () => {
  const STAVANGER_2009 = "stavanger-2009";
  const TROMSO_2009 = "tromso-2009";
  const leaving = (remaining: Money) => [
    ...crisisRoundOpen,
    fundsCommitted(CRISIS_2009, STAVANGER_2009, nok(12_000_000)),
    fundsCommitted(CRISIS_2009, TROMSO_2009, ore(nok(8_000_000) - remaining)),
  ];

  it("awards exactly the money left in the round", () => {
    givenGrant(bergenEvaluated).withRound(leaving(nok(400_000))).when(award(bergenAward)).then([awarded(bergenAward, CRISIS_2009)]);
  });

  it("refuses an award one øre above the money left, naming award and remaining", () => {
    givenGrant(bergenEvaluated)
      .withRound(leaving(ore(nok(400_000) - 1)))
      .when(award(bergenAward))
      .thenFails("AwardExceedsRemainingBudget", {
        roundId: CRISIS_2009,
        grantId: BERGEN_2009,
        award: nok(400_000),
        remaining: ore(nok(400_000) - 1),
      });
  });

  it("counts money released by another grant as free again", () => {
    givenGrant(bergenEvaluated)
      .withRound([...leaving(ore(0)), fundsReleased(CRISIS_2009, TROMSO_2009, nok(8_000_000))])
      .when(award(bergenAward))
      .then([awarded(bergenAward, CRISIS_2009)]);
  });
});

describe("an award retried after a crash between its two appends", () => {
  const roundSpentWithBergen = [
    ...crisisRoundOpen,
    fundsCommitted(CRISIS_2009, "stavanger-2009", nok(19_600_000)),
    fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000)),
  ];

  it("goes through on the commitment the grant already holds, though the budget is now spent", () => {
    givenGrant(bergenEvaluated).withRound(roundSpentWithBergen).when(award(bergenAward)).then([awarded(bergenAward, CRISIS_2009)]);
  });

  it("goes through on its commitment after the round closed", () => {
    givenGrant(bergenEvaluated)
      .withRound([...roundSpentWithBergen, roundClosed(CRISIS_2009)])
      .when(award(bergenAward))
      .then([awarded(bergenAward, CRISIS_2009)]);
  });

  it("is refused when the commitment held is of another amount", () => {
    givenGrant(bergenEvaluated)
      .withRound(roundSpentWithBergen)
      .when(award(bergenAwardOf(nok(300_000))))
      .thenFails("CommitmentMismatch", { roundId: CRISIS_2009, grantId: BERGEN_2009, committed: nok(400_000), award: nok(300_000) });
  });

  it("is refused on a commitment of another amount even with budget to spare", () => {
    givenGrant(kartverketEvaluated)
      .withRound(cofinancingRoundWithKartverket)
      .when(award({ ...kartverketAward, amount: nok(8_000_000), disbursementPlan: [{ due: day("2018-09-01"), amount: nok(8_000_000) }] }))
      .thenFails("CommitmentMismatch", { committed: nok(12_000_000), award: nok(8_000_000) });
  });

  it("does not count a released commitment as the grant's own", () => {
    givenGrant(bergenEvaluated)
      .withRound([...roundSpentWithBergen, fundsReleased(CRISIS_2009, BERGEN_2009, nok(400_000)), fundsCommitted(CRISIS_2009, "tromso-2009", ore(1))])
      .when(award(bergenAward))
      .thenFails("AwardExceedsRemainingBudget", { award: nok(400_000), remaining: ore(nok(400_000) - 1) });
  });
});
