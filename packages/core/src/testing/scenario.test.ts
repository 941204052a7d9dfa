import { AssertionError } from "node:assert";
import { describe, expect, it } from "vitest";
import { grantDecider } from "../deciders/grantDecider.js";
import { roundDecider } from "../deciders/roundDecider.js";
import {
  BERGEN_2009,
  CRISIS_2009,
  award,
  awarded,
  bergenAward,
  bergenEvaluated,
  commitFunds,
  crisisRoundOpen,
  crisisRoundWithBergen,
  fundsCommitted,
  ore,
  openRound,
  crisisRound,
  roundOpened,
} from "../deciders/fixtures.testkit.js";
import { scenario } from "./scenario.js";

/** The error a failed expectation throws, so its message and diff can be checked. */
const failureOf = (run: () => void): AssertionError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AssertionError) return error;
    throw error;
  }
  throw new Error("expected the scenario to fail, but it passed");
};

describe("scenario(grantDecider)", () => {
  const history = [...crisisRoundWithBergen, ...bergenEvaluated];

  it("passes when the command decides exactly the expected events", () => {
    scenario(grantDecider).given(history).when(award(bergenAward)).then([awarded(bergenAward, CRISIS_2009)]);
  });

  it("folds round and grant events given in any order", () => {
    scenario(grantDecider)
      .given([...bergenEvaluated, ...crisisRoundWithBergen])
      .when(award(bergenAward))
      .then([awarded(bergenAward, CRISIS_2009)]);
  });

  it("shows the differing field when other events are decided", () => {
    const failure = failureOf(() =>
      scenario(grantDecider)
        .given(history)
        .when(award(bergenAward))
        .then([awarded({ ...bergenAward, amount: ore(1) }, CRISIS_2009)]),
    );
    expect(failure.message).toContain("AwardGrant decided other events than expected");
    expect(failure.message).toMatch(/[-+]\s+amount: 1,?\n/);
    expect(failure.expected).toEqual([awarded({ ...bergenAward, amount: ore(1) }, CRISIS_2009)]);
    expect(failure.actual).toEqual([awarded(bergenAward, CRISIS_2009)]);
  });

  it("says so when events were expected but the command was refused", () => {
    const failure = failureOf(() => scenario(grantDecider).given(crisisRoundOpen).when(award(bergenAward)).then([]));
    expect(failure.message).toContain(`expected AwardGrant to decide no events, but it was refused: {"_tag":"GrantNotFound"`);
  });

  it("passes thenFails on the error's tag and the fields named", () => {
    scenario(grantDecider).given(crisisRoundOpen).when(award(bergenAward)).thenFails("GrantNotFound", { grantId: BERGEN_2009 });
  });

  it("fails thenFails on a field that differs, and shows the whole error", () => {
    const failure = failureOf(() =>
      scenario(grantDecider).given(crisisRoundOpen).when(award(bergenAward)).thenFails("GrantNotFound", { grantId: CRISIS_2009 }),
    );
    expect(failure.message).toContain("AwardGrant was refused, but not as expected");
    expect(failure.message).toContain(`"grantId":"${BERGEN_2009}"`);
    expect(failure.expected).toEqual({ _tag: "GrantNotFound", grantId: CRISIS_2009 });
  });

  it("fails thenFails when the command is accepted", () => {
    const failure = failureOf(() => scenario(grantDecider).given(history).when(award(bergenAward)).thenFails("GrantNotFound"));
    expect(failure.message).toBe("expected AwardGrant to be refused with GrantNotFound, but it was accepted with [GrantAwarded]");
  });
});

describe("scenario with plain values, checked by the decider's codecs", () => {
  const opened = {
    type: "RoundOpened" as const,
    data: {
      roundId: "r1",
      name: "Medfinansiering 2018",
      funder: { orgNo: "991825827", name: "Difi" },
      budget: 120_000_000_00,
      policy: { maxShareBps: 5000, eligibleApplicants: ["state-agency" as const], requiresBenefitsPlan: true, reportBeforeNextTranche: false },
      applicationDeadline: "2018-03-01T12:00:00+01:00",
      disbursementWindow: { from: "2018-01-01", to: "2021-12-31" },
    },
  };

  it("accepts events and commands written as JSON would give them", () => {
    scenario(roundDecider)
      .given([opened])
      .when({ type: "CommitFunds", data: { roundId: "r1", grantId: "g1", amount: 100_00 } })
      .then([{ type: "FundsCommitted", data: { roundId: "r1", grantId: "g1", amount: 100_00 } }]);
  });

  it("names the path of a value the codecs refuse, before deciding anything", () => {
    expect(() =>
      scenario(roundDecider)
        .given([opened])
        .when({ type: "CommitFunds", data: { roundId: "r1", grantId: "g1", amount: 1.5 } }),
    ).toThrow(/^scenario: when\(…\) is not a valid .* at data\.amount: /);
    expect(() => scenario(roundDecider).given([{ ...opened, data: { ...opened.data, budget: -1 } }])).toThrow(
      /^scenario: given\(\[…\]\)\[0\] is not a valid .* at data\.budget: /,
    );
  });
});

describe("scenario(roundDecider)", () => {
  it("decides from no history with when() alone", () => {
    scenario(roundDecider).when(openRound(crisisRound)).then([roundOpened(crisisRound)]);
  });

  it("refuses a commitment over the remaining budget, with the figures", () => {
    scenario(roundDecider)
      .given([...crisisRoundOpen, fundsCommitted(CRISIS_2009, "other", ore(crisisRound.budget - 100))])
      .when(commitFunds(CRISIS_2009, BERGEN_2009, ore(101)))
      .thenFails("AwardExceedsRemainingBudget", { remaining: ore(100) });
  });

  it("exposes the raw decision", () => {
    const { decision } = scenario(roundDecider).given(crisisRoundOpen).when(openRound(crisisRound));
    expect(decision).toMatchObject({ _tag: "Left", left: { _tag: "RoundAlreadyOpened" } });
  });
});
