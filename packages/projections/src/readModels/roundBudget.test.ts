import { describe, expect, it } from "vitest";
import type { DecodedEvent } from "@grantledger/core";
import { application, award, event, grantEvent, participant } from "../testkit/fixtures.testkit.js";
import { roundBudget, type RoundBudgetState } from "./roundBudget.js";
import { getRoundBudget, getSchemeBudget, listRoundBudgets, listSchemeBudgets } from "./roundBudgetQueries.js";

const fold = (events: readonly DecodedEvent[]): RoundBudgetState => events.reduce(roundBudget.apply, roundBudget.initialState);

const opened = (roundId: string, name: string, budget: number, schemeId?: string) =>
  event("RoundOpened", {
    roundId,
    name,
    ...(schemeId === undefined ? {} : { schemeId }),
    funder: { orgNo: "991825827", name: "Difi" },
    budget,
    policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
    applicationDeadline: "2009-06-30T23:59:59Z",
    disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
  });
const bergen = [participant.municipality("1201", "Bergen", 10_000)];
const applied = (grantId: string, roundId = "r1") => event("GrantApplied", application(grantId, bergen, 1_000_000, roundId));

describe("roundBudget", () => {
  const history = [
    opened("r1", "Kriselaget 2009", 2_000_000_000),
    opened("r0", "Pilot", 50_000),
    applied("g1"),
    applied("g2"),
    applied("g3"),
    applied("g4"),
    applied("p1", "r0"),
    event("FundsCommitted", { roundId: "r1", grantId: "g1", amount: 700_000 }),
    event("GrantAwarded", award("g1", 700_000)),
    event("FundsCommitted", { roundId: "r1", grantId: "g2", amount: 300_000 }),
    event("GrantAwarded", award("g2", 300_000)),
    event("GrantRejected", { grantId: "g3", reason: "Not eligible", rejectedAt: "2009-09-01T10:00:00Z" }),
    // An award that could not be recorded gives its commitment back.
    event("FundsCommitted", { roundId: "r1", grantId: "g4", amount: 100_000 }),
    event("FundsReleased", { roundId: "r1", grantId: "g4", amount: 100_000, reason: "Award not recorded" }),
    event("GrantDisbursed", { grantId: "g1", amount: 250_000, paymentRef: "p-1", disbursedAt: "2010-01-10T10:00:00Z", valueDate: "2010-01-10" }),
    event("GrantDisbursed", { grantId: "g1", amount: 50_000, paymentRef: "p-2", disbursedAt: "2010-06-10T10:00:00Z", valueDate: "2010-06-10" }),
    event("RoundClosed", { roundId: "r0", closedAt: "2009-12-31T12:00:00Z" }),
  ];

  it("answers budget, committed, disbursed, remaining and the applications by outcome", () => {
    const state = fold(history);
    expect(getRoundBudget(state, "r1")).toEqual({
      roundId: "r1",
      name: "Kriselaget 2009",
      openedBudget: 2_000_000_000,
      adjustments: 0,
      carriedOver: 0,
      carriedIn: 0,
      budget: 2_000_000_000,
      committed: 1_000_000,
      released: 100_000,
      disbursed: 300_000,
      reversed: 0,
      repaid: 0,
      remaining: 1_999_000_000,
      applications: 4,
      awarded: 2,
      rejected: 1,
      dismissed: 0,
      appealed: 0,
      withdrawn: 0,
      renounced: 0,
      closed: 0,
      pending: 1,
    });
    expect(listRoundBudgets(state).map((row) => [row.roundId, row.applications, row.pending, row.closedAt])).toEqual([
      ["r0", 1, 1, "2009-12-31T12:00:00Z"],
      ["r1", 4, 1, undefined],
    ]);
    expect(getRoundBudget(state, "nope")).toBeUndefined();
  });

  it("stops at events that contradict the history: unknown round or grant, over-commitment, a release of more than is committed", () => {
    expect(() => fold([applied("g1")])).toThrow(/round r1/);
    expect(() => fold([opened("r1", "R", 10), event("GrantRejected", { grantId: "gx", reason: "x", rejectedAt: "2009-09-01T10:00:00Z" })])).toThrow(/grant gx/);
    expect(() => fold([opened("r1", "R", 10), event("FundsCommitted", { roundId: "r1", grantId: "g", amount: 11 })])).toThrow(/budget/);
    expect(() => fold([opened("r1", "R", 10), event("FundsReleased", { roundId: "r1", grantId: "g", amount: 1, reason: "x" })])).toThrow(/negative/);
    expect(() => fold([opened("r1", "R", 10), opened("r1", "R", 10)])).toThrow(/twice/);
  });

  describe("over the whole life of grants and rounds", () => {
    const at = "2010-01-01T10:00:00Z";
    const committed = (grantId: string, amount: number, roundId = "r1") => event("FundsCommitted", { roundId, grantId, amount, committedAt: at });
    const released = (grantId: string, amount: number, reason: string) => event("FundsReleased", { roundId: "r1", grantId, amount, reason, releasedAt: at });
    const lifecycle = grantEvent;
    const evaluated = (grantId: string) => lifecycle("ApplicationEvaluated", grantId, { score: 80, recommendation: "award", evaluator: "Panel", evaluatedAt: at });
    const rejected = (grantId: string) => lifecycle("GrantRejected", grantId, { reason: "Weak plan", rejectedAt: at });
    const appealed = (grantId: string) => lifecycle("DecisionAppealed", grantId, { grounds: "The plan was overlooked", appealedAt: at });
    const paid = (grantId: string, amount: number, paymentRef: string) => lifecycle("GrantDisbursed", grantId, { amount, paymentRef, disbursedAt: at, valueDate: at.slice(0, 10) });
    const amended = (grantId: string, previousAmount: number, amount: number) =>
      lifecycle("AwardAmended", grantId, { roundId: "r1", previousAmount, amount, disbursementPlan: [{ due: "2010-06-01", amount }], reason: "New costs", amendedAt: at });
    const lifeHistory = [
      opened("r1", "Runde 1", 1_000_000, "s"),
      opened("r2", "Runde 2", 500_000, "s"),
      opened("r0", "Pilot", 50_000),
      ...["g1", "g2", "g3", "g4", "g5", "g6", "g7"].map((grantId) => applied(grantId)),
      applied("h1", "r2"),
      event("RoundBudgetAdjusted", { roundId: "r1", budget: 900_000, previousBudget: 1_000_000, reason: "Revised budget", adjustedAt: at }),
      // g1: paid twice, one payment reversed, part repaid, then closed: the unpaid rest goes back.
      committed("g1", 300_000),
      event("GrantAwarded", award("g1", 300_000)),
      paid("g1", 100_000, "p1"),
      paid("g1", 50_000, "p2"),
      lifecycle("DisbursementReversed", "g1", { paymentRef: "p2", amount: 50_000, reason: "Wrong recipient", reversedAt: at }),
      lifecycle("RepaymentClaimed", "g1", { claimId: "c1", amount: 20_000, reason: "Condition broken", claimedAt: at }),
      lifecycle("RepaymentReceived", "g1", { claimId: "c1", amount: 20_000, receivedAt: at }),
      lifecycle("GrantClosed", "g1", { roundId: "r1", finalReport: { summary: "Done" }, unpaid: 220_000, closedAt: at }),
      released("g1", 220_000, "grant g1 was closed with money unpaid"),
      // g2: amended up (a further commitment first), then down (a release after).
      committed("g2", 200_000),
      event("GrantAwarded", award("g2", 200_000)),
      committed("g2", 50_000),
      amended("g2", 200_000, 250_000),
      amended("g2", 250_000, 150_000),
      released("g2", 100_000, "grant g2 was amended down"),
      // g3: rejected, appealed, upheld, evaluated and awarded anew.
      rejected("g3"),
      appealed("g3"),
      lifecycle("AppealUpheld", "g3", { reason: "Overlooked", decidedAt: at }),
      evaluated("g3"),
      committed("g3", 100_000),
      event("GrantAwarded", award("g3", 100_000)),
      // g4: dismissed, appealed in vain. g5: withdrawn. g6: renounced. g7: under appeal.
      lifecycle("ApplicationDismissed", "g4", { reason: "Incomplete", dismissedAt: at }),
      appealed("g4"),
      lifecycle("AppealDismissed", "g4", { reason: "Still incomplete", decidedAt: at }),
      lifecycle("ApplicationWithdrawn", "g5", { reason: "Postponed", withdrawnAt: at }),
      committed("g6", 50_000),
      event("GrantAwarded", award("g6", 50_000)),
      lifecycle("AwardRenounced", "g6", { roundId: "r1", reason: "No co-financing", renouncedAt: at }),
      released("g6", 50_000, "grant g6 had its award renounced"),
      rejected("g7"),
      appealed("g7"),
      event("RoundClosed", { roundId: "r1", closedAt: "2010-12-31T12:00:00Z" }),
      event("FundsCarriedOver", { roundId: "r1", toRoundId: "r2", amount: 100_000, carriedAt: at }),
      event("FundsCarriedIn", { roundId: "r2", fromRoundId: "r1", amount: 100_000, carriedAt: at }),
    ];

    it("answers the budget as opened, adjusted and carried, what is committed, released and paid net, and the applications by status", () => {
      const state = fold(lifeHistory);
      expect(getRoundBudget(state, "r1")).toEqual({
        roundId: "r1",
        name: "Runde 1",
        schemeId: "s",
        openedBudget: 1_000_000,
        adjustments: -100_000,
        carriedOver: 100_000,
        carriedIn: 0,
        budget: 800_000,
        // g1 holds what it was paid net (80 000), g2 its amended award, g3 its award.
        committed: 80_000 + 150_000 + 100_000,
        released: 220_000 + 100_000 + 50_000,
        remaining: 800_000 - 330_000,
        disbursed: 80_000,
        reversed: 50_000,
        repaid: 20_000,
        applications: 7,
        awarded: 3,
        rejected: 0,
        dismissed: 1,
        appealed: 1,
        withdrawn: 1,
        renounced: 1,
        closed: 1,
        pending: 0,
        closedAt: "2010-12-31T12:00:00Z",
      });
      expect(getRoundBudget(state, "r2")).toMatchObject({ openedBudget: 500_000, carriedIn: 100_000, budget: 600_000, applications: 1, pending: 1 });
    });

    it("sums a scheme's rounds; rounds of no scheme belong to none", () => {
      const state = fold(lifeHistory);
      const scheme = {
        schemeId: "s",
        roundIds: ["r1", "r2"],
        openedBudget: 1_500_000,
        adjustments: -100_000,
        carriedOver: 100_000,
        carriedIn: 100_000,
        budget: 1_400_000,
        committed: 330_000,
        released: 370_000,
        remaining: 1_070_000,
        disbursed: 80_000,
        reversed: 50_000,
        repaid: 20_000,
        applications: 8,
        awarded: 3,
        rejected: 0,
        dismissed: 1,
        appealed: 1,
        withdrawn: 1,
        renounced: 1,
        closed: 1,
        pending: 1,
      };
      expect(getSchemeBudget(state, "s")).toEqual(scheme);
      expect(listSchemeBudgets(state)).toEqual([scheme]);
      expect(getSchemeBudget(state, "nope")).toBeUndefined();
      expect(getRoundBudget(state, "r0")).not.toHaveProperty("schemeId");
    });

    it("counts a grant once, by where it stands, as its status changes", () => {
      const upTo = (count: number) => getRoundBudget(fold(lifeHistory.slice(0, count)), "r1");
      const appealOfG3 = lifeHistory.findIndex((e) => e.event.type === "DecisionAppealed");
      expect(upTo(appealOfG3)).toMatchObject({ rejected: 1, appealed: 0 });
      expect(upTo(appealOfG3 + 1)).toMatchObject({ rejected: 0, appealed: 1 });
      // Upheld: g3 is to be decided anew, pending with g4 to g7, which are not decided yet.
      expect(upTo(appealOfG3 + 2)).toMatchObject({ rejected: 0, appealed: 0, awarded: 2, pending: 5 });
    });

    it("stops at an adjustment from another budget than the round's, a budget below what is committed, a carry-over of committed money", () => {
      const start = [opened("r1", "R", 1_000), applied("g1"), committed("g1", 600)];
      const adjusted = (budget: number, previousBudget: number) => event("RoundBudgetAdjusted", { roundId: "r1", budget, previousBudget, reason: "x", adjustedAt: at });
      expect(() => fold([...start, adjusted(900, 950)])).toThrow(/adjustment from 950/);
      expect(() => fold([...start, adjusted(500, 1_000)])).toThrow(/budget of 500/);
      expect(() => fold([...start, event("FundsCarriedOver", { roundId: "r1", toRoundId: "r2", amount: 500, carriedAt: at })])).toThrow(/budget of 500/);
      expect(() => fold([...start, event("FundsCarriedIn", { roundId: "r9", fromRoundId: "r1", amount: 5, carriedAt: at })])).toThrow(/round r9/);
    });
  });
});
