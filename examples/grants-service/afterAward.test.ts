import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getGrant, getRoundBudget } from "@grantledger/projections";
import { applyAndEvaluate, awardOf, expectProblem, openSchemeRound, payment, recorded } from "./lifecycleRequests.testkit.js";
import { startTestService, type TestService } from "./testService.testkit.js";

const ROUND = "round-krise-2009-1";
const EBYGG = "grant-ebygg";

/** Plain JSON, as a read model's value travels over HTTP. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * An award's life over HTTP: acceptance, a payment reversed and paid again, an amendment up,
 * a claim repaid in parts, renouncing, closing. eByggesak is awarded 3 000 000 kr, raised to
 * 3 300 000 kr; Kartportal's 1 000 000 kr is renounced.
 */
describe("a grant's life after its award, over HTTP", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
    expect((await service.post("/rounds", openSchemeRound("krise-2009-1", 2_000_000_000, { requiresAcceptance: true }))).status).toBe(201);
    for (const [grantId, amount] of [["ebygg", 300_000_000], ["kartportal", 100_000_000]] as const) {
      await applyAndEvaluate(service, grantId, "krise-2009-1");
      expect((await service.post(`/grants/${grantId}/award`, awardOf(amount))).status).toBe(200);
    }
  });
  afterAll(() => service.close());

  it("POST /grants/:grantId/acceptance: no payment before the recipient accepts the conditions", async () => {
    const early = await service.post("/grants/ebygg/disbursements", payment("DIFI-2009-0001", 180_000_000, "2009-09-01T12:00:00+02:00"));
    expectProblem(early, 409, "conditions-not-accepted", "ConditionsNotAccepted", { grantId: "ebygg", instance: "/grants/ebygg/disbursements" });
    const acceptance = { acceptedBy: "Bergen kommune v/ rådmannen", acceptedAt: "2009-06-25T10:00:00+02:00" };
    const accepted = await service.post("/grants/ebygg/acceptance", acceptance);
    expect(accepted.status).toBe(200);
    expect(recorded(accepted)).toEqual([[EBYGG, "ConditionsAccepted"]]);
    expectProblem(await service.post("/grants/ebygg/acceptance", acceptance), 409, "conditions-already-accepted", "ConditionsAlreadyAccepted", { grantId: "ebygg" });
    expect((await service.post("/grants/ebygg/disbursements", payment("DIFI-2009-0001", 180_000_000, "2009-09-01T12:00:00+02:00"))).status).toBe(200);
  });

  it("POST /grants/:grantId/reversals: a payment is reversed whole, and its reference paid again", async () => {
    const reversal = { paymentRef: "DIFI-2009-0001", amount: 180_000_000, reason: "Feil mottakerkonto", reversedAt: "2009-09-03T12:00:00+02:00" };
    const partial = await service.post("/grants/ebygg/reversals", { ...reversal, amount: 150_000_000 });
    expectProblem(partial, 409, "reversal-amount-mismatch", "ReversalAmountMismatch", { paymentRef: "DIFI-2009-0001", amount: 150_000_000, paid: 180_000_000 });
    const reversed = await service.post("/grants/ebygg/reversals", reversal);
    expect(recorded(reversed)).toEqual([[EBYGG, "DisbursementReversed"]]);
    expectProblem(await service.post("/grants/ebygg/reversals", reversal), 409, "payment-not-found", "PaymentNotFound", { paymentRef: "DIFI-2009-0001" });
    expect((await service.post("/grants/ebygg/disbursements", payment("DIFI-2009-0001", 180_000_000, "2009-09-04T12:00:00+02:00"))).status).toBe(200);
  });

  it("POST /grants/:grantId/amendments: an increase is committed in the round first; never below what is paid", async () => {
    const amendment = {
      amount: 330_000_000,
      disbursementPlan: [{ due: "2009-09-01", amount: 180_000_000 }, { due: "2010-09-01", amount: 150_000_000 }],
      reason: "Askøy er med i fase 2",
      amendedAt: "2009-10-01T12:00:00+02:00",
    };
    const amended = await service.post("/grants/ebygg/amendments", amendment);
    expect(amended.status).toBe(200);
    expect(recorded(amended)).toEqual([[ROUND, "FundsCommitted"], [EBYGG, "AwardAmended"]]);
    expect(amended.body.events).toMatchObject([{ data: { grantId: "ebygg", amount: 30_000_000 } }, { data: { previousAmount: 300_000_000, amount: 330_000_000 } }]);

    const below = await service.post("/grants/ebygg/amendments", { ...amendment, amount: 100_000_000, disbursementPlan: [{ due: "2010-09-01", amount: 100_000_000 }] });
    expectProblem(below, 409, "amendment-below-paid", "AmendmentBelowPaid", { grantId: "ebygg", amount: 100_000_000, paidNet: 180_000_000 });
    expect(below.body.detail).toBe("An award of 1 000 000,00 kr is less than the 1 800 000,00 kr already paid to ebygg, net of reversals and repayments.");
    const { reason: _reason, ...noReason } = amendment;
    expectProblem(await service.post("/grants/ebygg/amendments", noReason), 422, "invalid-command", "InvalidCommand", { command: "AmendAward", path: "reason" });
  });

  it("POST /grants/:grantId/repayment-claims and …/:claimId/repayments: a claim repaid in parts, never beyond it", async () => {
    const claim = { claimId: "krav-2010-1", amount: 50_000_000, reason: "Midler brukt til drift", claimedAt: "2010-03-01T12:00:00+01:00" };
    expect(recorded(await service.post("/grants/ebygg/repayment-claims", claim))).toEqual([[EBYGG, "RepaymentClaimed"]]);
    const tooMuch = await service.post("/grants/ebygg/repayment-claims", { ...claim, claimId: "krav-2010-2", amount: 150_000_000 });
    expectProblem(tooMuch, 409, "claim-exceeds-paid", "ClaimExceedsPaid", { amount: 150_000_000, paidNet: 180_000_000, openClaims: 50_000_000 });

    const repaid = await service.post("/grants/ebygg/repayment-claims/krav-2010-1/repayments", { amount: 20_000_000, receivedAt: "2010-04-01T12:00:00+02:00" });
    expect(recorded(repaid)).toEqual([[EBYGG, "RepaymentReceived"]]);
    expect(repaid.body.events).toMatchObject([{ data: { grantId: "ebygg", claimId: "krav-2010-1", amount: 20_000_000 } }]);
    const beyond = await service.post("/grants/ebygg/repayment-claims/krav-2010-1/repayments", { amount: 40_000_000, receivedAt: "2010-05-01T12:00:00+02:00" });
    expectProblem(beyond, 409, "repayment-exceeds-claim", "RepaymentExceedsClaim", { claimId: "krav-2010-1", amount: 40_000_000, outstanding: 30_000_000 });
    const unknown = await service.post("/grants/ebygg/repayment-claims/nope/repayments", { amount: 1_000, receivedAt: "2010-05-01T12:00:00+02:00" });
    expectProblem(unknown, 409, "claim-not-found", "ClaimNotFound", { claimId: "nope", instance: "/grants/ebygg/repayment-claims/nope/repayments" });
  });

  it("POST /grants/:grantId/renunciation: releases the commitment, but not of an award with money paid", async () => {
    const renouncing = { reason: "Prosjektet er lagt ned", renouncedAt: "2010-06-01T12:00:00+02:00" };
    expectProblem(await service.post("/grants/ebygg/renunciation", renouncing), 409, "renounce-after-payment", "RenounceAfterPayment", { paidNet: 160_000_000 });
    const renounced = await service.post("/grants/kartportal/renunciation", renouncing);
    expect(recorded(renounced)).toEqual([["grant-kartportal", "AwardRenounced"], [ROUND, "FundsReleased"]]);
    expect(renounced.body.events).toMatchObject([{ data: { roundId: "krise-2009-1" } }, { data: { grantId: "kartportal", amount: 100_000_000 } }]);
  });

  it("POST /grants/:grantId/closure: the unpaid award returns to the round; after it only repayments", async () => {
    const closing = { finalReport: { summary: "eByggesak er i drift i Bergen og Askøy" }, closedAt: "2011-12-01T12:00:00+01:00" };
    const closed = await service.post("/grants/ebygg/closure", closing);
    expect(recorded(closed)).toEqual([[EBYGG, "GrantClosed"], [ROUND, "FundsReleased"]]);
    // 3 300 000 kr awarded, 1 800 000 kr paid and 200 000 kr of it repaid: 1 700 000 kr unpaid.
    expect(closed.body.events).toMatchObject([{ data: { unpaid: 170_000_000 } }, { data: { amount: 170_000_000 } }]);
    expectProblem(await service.post("/grants/ebygg/closure", closing), 409, "grant-not-awarded", "GrantNotAwarded", { grantStatus: "closed" });
    const late = await service.post("/grants/ebygg/disbursements", payment("DIFI-2011-0001", 1_000, "2011-12-02T12:00:00+01:00"));
    expectProblem(late, 409, "grant-not-awarded", "GrantNotAwarded", { grantStatus: "closed" });
    // What is repaid after closing is the round's again.
    const repaid = await service.post("/grants/ebygg/repayment-claims/krav-2010-1/repayments", { amount: 30_000_000, receivedAt: "2011-12-15T12:00:00+01:00" });
    expect(recorded(repaid)).toEqual([[EBYGG, "RepaymentReceived"], [ROUND, "FundsReleased"]]);
    expect(repaid.body.events).toMatchObject([{ data: { amount: 30_000_000 } }, { data: { amount: 30_000_000 } }]);
  });

  it("GET /grants/:grantId and /rounds/:roundId give the read models' rows whole, new figures included", async () => {
    const models = await service.engine.settle();
    expect((await service.get("/grants/ebygg")).body).toEqual(asJson(getGrant(models.grantRegister, "ebygg")));
    expect((await service.get("/grants/kartportal")).body).toEqual(asJson(getGrant(models.grantRegister, "kartportal")));
    expect((await service.get("/rounds/krise-2009-1")).body).toEqual(asJson(getRoundBudget(models.roundBudget, "krise-2009-1")));
    // Paid 1 800 000 kr twice, one of them reversed, and 500 000 kr repaid: 1 300 000 kr net.
    expect((await service.get("/grants/ebygg")).body).toMatchObject({ status: "closed", awarded: 330_000_000, paidNet: 130_000_000, conditionsAccepted: true });
    expect((await service.get("/grants/kartportal")).body).toMatchObject({ status: "renounced" });
    // What the round holds is what was paid net: the rest went back with the renouncing, the closing and the late repayment.
    expect((await service.get("/rounds/krise-2009-1")).body).toMatchObject({ committed: 130_000_000, remaining: 1_870_000_000 });
  });

  it("GET /grants/:grantId/history tells every new event in words", async () => {
    const history = await service.get("/grants/ebygg/history");
    const events = history.body.events as readonly { type: string; summary: string }[];
    expect(events.map((e) => e.type)).toEqual([
      "GrantApplied",
      "ApplicationEvaluated",
      "FundsCommitted",
      "GrantAwarded",
      "ConditionsAccepted",
      "GrantDisbursed",
      "DisbursementReversed",
      "GrantDisbursed",
      "FundsCommitted",
      "AwardAmended",
      "RepaymentClaimed",
      "RepaymentReceived",
      "GrantClosed",
      "FundsReleased",
      "RepaymentReceived",
      "FundsReleased",
    ]);
    expect(events.slice(4).map((e) => e.summary)).toEqual([
      "Conditions accepted (vilkår akseptert) by Bergen kommune v/ rådmannen.",
      "Disbursed (utbetalt) 1 800 000,00 kr, payment DIFI-2009-0001.",
      "Payment DIFI-2009-0001 of 1 800 000,00 kr reversed (tilbakeført): Feil mottakerkonto.",
      "Disbursed (utbetalt) 1 800 000,00 kr, payment DIFI-2009-0001.",
      "Committed (bundet) 300 000,00 kr of round krise-2009-1's budget.",
      "Award amended (endret tildeling) from 3 000 000,00 kr to 3 300 000,00 kr in 2 instalments: Askøy er med i fase 2.",
      "Repayment claimed (krav om tilbakebetaling) krav-2010-1: 500 000,00 kr, Midler brukt til drift.",
      "Repaid (tilbakebetalt) 200 000,00 kr against claim krav-2010-1.",
      "Closed (avsluttet) with its final report (sluttrapport); 1 700 000,00 kr awarded and not paid returns to round krise-2009-1.",
      expect.stringMatching(/^Released \(frigitt\) 1 700 000,00 kr back to round krise-2009-1: /),
      "Repaid (tilbakebetalt) 300 000,00 kr against claim krav-2010-1.",
      expect.stringMatching(/^Released \(frigitt\) 300 000,00 kr back to round krise-2009-1: /),
    ]);
  });
});
