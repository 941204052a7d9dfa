import { describe, expect, it } from "vitest";
import type { DecodedEvent } from "@grantledger/core";
import { application, award, event, grantEvent, participant } from "../testkit/fixtures.testkit.js";
import { getGrant, grantRegister, listGrants, type GrantRegisterState } from "./grantRegister.js";

const fold = (events: readonly DecodedEvent[]): GrantRegisterState => events.reduce(grantRegister.apply, grantRegister.initialState);
const bergen = [participant.municipality("1201", "Bergen", 10_000)];

describe("grantRegister", () => {
  const history = [
    event("GrantApplied", { ...application("g2", bergen, 400_000), appliedAt: "2009-03-02T10:00:00+01:00" }),
    event("GrantApplied", { ...application("g1", bergen, 900_000), appliedAt: "2009-03-02T08:30:00Z" }),
    event("GrantApplied", application("g3", bergen, 100_000)),
    event("ApplicationEvaluated", { grantId: "g1", score: 85, recommendation: "award", recommendedAmount: 800_000, evaluator: "Panel", evaluatedAt: "2009-08-01T12:00:00Z" }),
    event("GrantAwarded", award("g1", 750_000)),
    event("GrantDisbursed", { grantId: "g1", amount: 500_000, paymentRef: "p-2", disbursedAt: "2010-06-01T10:00:00Z", valueDate: "2010-06-03" }),
    // Recorded later, paid earlier: the latest payment date stays the June one.
    event("GrantDisbursed", { grantId: "g1", amount: 100_000, paymentRef: "p-1", disbursedAt: "2010-01-01T10:00:00Z", valueDate: "2010-01-01" }),
    event("GrantRejected", { grantId: "g2", reason: "Outside the scheme", rejectedAt: "2009-09-05T10:00:00Z" }),
  ];

  it("keeps one row per grant with its status, amounts and dates", () => {
    const state = fold(history);
    expect(getGrant(state, "g1")).toEqual({
      grantId: "g1",
      roundId: "r1",
      status: "awarded",
      applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
      title: "Project g1",
      totalCost: 4_500_000,
      requested: 900_000,
      score: 85,
      recommendation: "award",
      recommendedAmount: 800_000,
      awarded: 750_000,
      amendments: 0,
      disbursed: 600_000,
      reversed: 0,
      repaid: 0,
      paidNet: 600_000,
      claimed: 0,
      openClaims: 0,
      conditionsAccepted: false,
      appeals: 0,
      appliedAt: "2009-03-02T08:30:00Z",
      evaluatedAt: "2009-08-01T12:00:00Z",
      decidedAt: "2009-09-01T10:00:00Z",
      lastDisbursedAt: "2010-06-01T10:00:00Z",
      // The latest value date, which need not be the booking day's.
      lastValueDate: "2010-06-03",
    });
    expect(getGrant(state, "g2")).toMatchObject({ status: "rejected", awarded: 0, disbursed: 0, decidedAt: "2009-09-05T10:00:00Z", rejectionReason: "Outside the scheme" });
    expect(getGrant(state, "g3")).toMatchObject({ status: "applied" });
    expect(getGrant(state, "g3")).not.toHaveProperty("evaluatedAt");
    expect(getGrant(state, "nope")).toBeUndefined();
  });

  it("lists grants by application time, time zones taken into account", () => {
    // g3 at 10:00Z on 1 March; g2 at 09:00Z on 2 March (10:00+01:00); g1 at 08:30Z on 2 March.
    expect(listGrants(fold(history)).map((row) => row.grantId)).toEqual(["g3", "g1", "g2"]);
  });

  it("stops at an event of a grant it never saw applied for", () => {
    expect(() => fold([event("GrantAwarded", award("gx", 1))])).toThrow(/grant gx/);
  });
});

describe("grantRegister over the life of a grant", () => {
  const at = (day: number) => `2010-01-${String(day).padStart(2, "0")}T10:00:00Z`;
  const applied = (grantId: string) => event("GrantApplied", application(grantId, bergen, 400_000));
  const evaluated = (grantId: string, score: number) => grantEvent("ApplicationEvaluated", grantId, { score, recommendation: "award", evaluator: "Panel", evaluatedAt: at(2) });
  const rejected = (grantId: string) => grantEvent("GrantRejected", grantId, { reason: "Weak plan", rejectedAt: at(3) });
  const appealed = (grantId: string) => grantEvent("DecisionAppealed", grantId, { grounds: "Plan overlooked", appealedAt: at(4) });
  const history = [
    applied("g1"),
    grantEvent("ConflictOfInterestDeclared", "g1", { evaluator: "Kari", reason: "Sister in the project", declaredAt: at(1) }),
    evaluated("g1", 90),
    event("GrantAwarded", award("g1", 300_000)),
    grantEvent("ConditionsAccepted", "g1", { acceptedBy: "Rådmannen", acceptedAt: at(5) }),
    grantEvent("AwardAmended", "g1", { roundId: "r1", previousAmount: 300_000, amount: 250_000, disbursementPlan: [{ due: "2010-06-01", amount: 250_000 }], reason: "Lower costs", amendedAt: at(6) }),
    grantEvent("GrantDisbursed", "g1", { amount: 100_000, paymentRef: "p1", disbursedAt: at(7), valueDate: at(7).slice(0, 10) }),
    grantEvent("GrantDisbursed", "g1", { amount: 40_000, paymentRef: "p2", disbursedAt: at(8), valueDate: at(8).slice(0, 10) }),
    grantEvent("DisbursementReversed", "g1", { paymentRef: "p2", amount: 40_000, reason: "Wrong recipient", reversedAt: at(9) }),
    grantEvent("RepaymentClaimed", "g1", { claimId: "c1", amount: 30_000, reason: "Condition broken", claimedAt: at(10) }),
    grantEvent("RepaymentReceived", "g1", { claimId: "c1", amount: 10_000, receivedAt: at(11) }),
    grantEvent("GrantClosed", "g1", { roundId: "r1", finalReport: { summary: "Done" }, unpaid: 160_000, closedAt: at(12) }),
    applied("g2"),
    evaluated("g2", 30),
    rejected("g2"),
    appealed("g2"),
    grantEvent("AppealUpheld", "g2", { reason: "The plan was overlooked", decidedAt: at(5) }),
    applied("g3"),
    grantEvent("ApplicationDismissed", "g3", { reason: "Incomplete", dismissedAt: at(3) }),
    appealed("g3"),
    grantEvent("AppealDismissed", "g3", { reason: "Still incomplete", decidedAt: at(6) }),
    applied("g4"),
    grantEvent("ApplicationWithdrawn", "g4", { reason: "Postponed", withdrawnAt: at(2) }),
    applied("g5"),
    event("GrantAwarded", award("g5", 50_000)),
    grantEvent("AwardRenounced", "g5", { roundId: "r1", reason: "No co-financing", renouncedAt: at(4) }),
    applied("g6"),
    rejected("g6"),
    appealed("g6"),
  ];

  it("keeps the award as amended, what was paid, reversed, repaid and is still claimed, the acceptance and the closing", () => {
    expect(getGrant(fold(history), "g1")).toMatchObject({
      status: "closed",
      awarded: 250_000,
      amendments: 1,
      disbursed: 100_000,
      reversed: 40_000,
      repaid: 10_000,
      paidNet: 90_000,
      claimed: 30_000,
      openClaims: 20_000,
      conditionsAccepted: true,
      conditionsAcceptedBy: "Rådmannen",
      conditionsAcceptedAt: at(5),
      closedAt: at(12),
      unpaidAtClosing: 160_000,
      conflictsOfInterest: ["Kari"],
      lastDisbursedAt: at(8),
      lastValueDate: at(8).slice(0, 10),
      appeals: 0,
    });
  });

  it("shows every status, with the appeal and how it stands", () => {
    const state = fold(history);
    // Upheld: the rejection and its evaluation are set aside; the application is to be decided anew.
    const g2 = getGrant(state, "g2");
    expect(g2).toMatchObject({ status: "applied", appeals: 1, appeal: { state: "upheld", against: "rejected", grounds: "Plan overlooked", appealedAt: at(4), decidedAt: at(5), reason: "The plan was overlooked" } });
    for (const field of ["score", "evaluatedAt", "decidedAt", "rejectionReason"]) expect(g2).not.toHaveProperty(field);
    expect(getGrant(state, "g3")).toMatchObject({ status: "dismissed", dismissalReason: "Incomplete", decidedAt: at(3), appeal: { state: "dismissed", against: "dismissed", reason: "Still incomplete" } });
    expect(getGrant(state, "g4")).toMatchObject({ status: "withdrawn", withdrawnAt: at(2), withdrawalReason: "Postponed" });
    expect(getGrant(state, "g5")).toMatchObject({ status: "renounced", awarded: 0, renouncedAmount: 50_000, renouncedAt: at(4), renunciationReason: "No co-financing" });
    expect(getGrant(state, "g6")).toMatchObject({ status: "appealed", rejectionReason: "Weak plan", appeal: { state: "pending", against: "rejected" } });
    expect(getGrant(state, "g6")?.appeal).not.toHaveProperty("decidedAt");
  });

  it("decides anew after an upheld appeal", () => {
    const anew = fold([...history, evaluated("g2", 75), event("GrantAwarded", award("g2", 200_000))]);
    expect(getGrant(anew, "g2")).toMatchObject({ status: "awarded", score: 75, awarded: 200_000, appeal: { state: "upheld" } });
  });

  it("stops at an appeal of a grant that is not rejected or dismissed, and at an appeal decided that was never lodged", () => {
    expect(() => fold([applied("g1"), appealed("g1")])).toThrow(/grant g1 is applied/);
    expect(() => fold([applied("g1"), grantEvent("AppealDismissed", "g1", { reason: "x", decidedAt: at(1) })])).toThrow(/an appeal of grant g1/);
  });
});
