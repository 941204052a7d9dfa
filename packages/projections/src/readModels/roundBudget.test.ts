import { describe, expect, it } from "vitest";
import type { DecodedEvent } from "@grantledger/core";
import { application, award, event, participant } from "../testkit/fixtures.testkit.js";
import { getRoundBudget, listRoundBudgets, roundBudget, type RoundBudgetState } from "./roundBudget.js";

const fold = (events: readonly DecodedEvent[]): RoundBudgetState => events.reduce(roundBudget.apply, roundBudget.initialState);

const opened = (roundId: string, name: string, budget: number) =>
  event("RoundOpened", {
    roundId,
    name,
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
    event("GrantDisbursed", { grantId: "g1", amount: 250_000, paymentRef: "p-1", disbursedAt: "2010-01-10T10:00:00Z" }),
    event("GrantDisbursed", { grantId: "g1", amount: 50_000, paymentRef: "p-2", disbursedAt: "2010-06-10T10:00:00Z" }),
    event("RoundClosed", { roundId: "r0", closedAt: "2009-12-31T12:00:00Z" }),
  ];

  it("answers budget, committed, disbursed, remaining and the applications by outcome", () => {
    const state = fold(history);
    expect(getRoundBudget(state, "r1")).toEqual({
      roundId: "r1",
      name: "Kriselaget 2009",
      budget: 2_000_000_000,
      committed: 1_000_000,
      disbursed: 300_000,
      remaining: 1_999_000_000,
      applications: 4,
      awarded: 2,
      rejected: 1,
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
});
