import { expect, it } from "vitest";
import { grantDecider } from "@grantledger/core";
import { scenario } from "@grantledger/core/testing";
import { createTestEngine } from "@grantledger/adapters/testing";
import { getRoundBudget } from "@grantledger/projections";

const round = { roundId: "r1", name: "Krisepakke 2009", funder: { orgNo: "991825827", name: "Difi" },
  budget: 2_000_000_000, // øre: 20 MNOK
  policy: { maxShareBps: 2000, eligibleApplicants: ["municipality" as const], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
  applicationDeadline: "2009-04-15T23:59:59+02:00", disbursementWindow: { from: "2009-01-01", to: "2011-12-31" } };
const award = { grantId: "g1", amount: 100_000_00, conditions: [], awardedAt: "2009-06-19T12:00:00+02:00",
  disbursementPlan: [{ due: "2009-09-01", amount: 100_000_00 }] };

it("refuses to award a grant nobody applied for", () => {
  scenario(grantDecider).given([{ type: "RoundOpened", data: round }])
    .when({ type: "AwardGrant", data: award }).thenFails("GrantNotFound", { grantId: "g1" });
});

it("shows an opened round's budget in the read model", async () => {
  const engine = await createTestEngine(); // memory store, ledger, read models running live
  await engine.ledger.openRound(round, { commandId: "open-r1", actor: "saksbehandler@difi" })();
  const { roundBudget } = await engine.settle();
  expect(getRoundBudget(roundBudget, "r1")?.remaining).toBe(2_000_000_000);
  await engine.close();
});
