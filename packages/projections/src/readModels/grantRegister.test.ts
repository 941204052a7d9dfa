import { describe, expect, it } from "vitest";
import type { DecodedEvent } from "@grantledger/core";
import { application, award, event, participant } from "../testkit/fixtures.testkit.js";
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
    event("GrantDisbursed", { grantId: "g1", amount: 500_000, paymentRef: "p-2", disbursedAt: "2010-06-01T10:00:00Z" }),
    // Recorded later, paid earlier: the latest payment date stays the June one.
    event("GrantDisbursed", { grantId: "g1", amount: 100_000, paymentRef: "p-1", disbursedAt: "2010-01-01T10:00:00Z" }),
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
      disbursed: 600_000,
      appliedAt: "2009-03-02T08:30:00Z",
      evaluatedAt: "2009-08-01T12:00:00Z",
      decidedAt: "2009-09-01T10:00:00Z",
      lastDisbursedAt: "2010-06-01T10:00:00Z",
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
