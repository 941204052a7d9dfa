import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as request from "./requests.testkit.js";
import { ACTOR, startTestService, type TestService } from "./testService.testkit.js";

/** A grant's whole life over HTTP, then every read endpoint with its exact figures (øre). */
describe("a grant's life over HTTP", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it("opens the round: 201, its Location and the event recorded", async () => {
    const opened = await service.post("/rounds", request.openRound(), { "Idempotency-Key": "open-krise-2009-1" });
    expect(opened.status).toBe(201);
    expect(opened.headers.get("location")).toBe("/rounds/krise-2009-1");
    expect(opened.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(opened.body).toMatchObject({ commandId: "open-krise-2009-1", events: [{ streamName: "round-krise-2009-1", revision: "0", type: "RoundOpened" }] });
  });

  it("applies, evaluates, awards, disburses and reports, each answered with its events", async () => {
    const applied = await service.post("/grants", request.apply());
    expect([applied.status, applied.headers.get("location")]).toEqual([201, "/grants/ebygg"]);
    expect((await service.post("/grants/ebygg/evaluation", request.evaluate())).status).toBe(200);
    const awarded = await service.post("/grants/ebygg/award", request.award());
    expect(awarded.status).toBe(200);
    // The award binds the money in the round first, then records the award on the grant.
    expect(awarded.body.events).toMatchObject([
      { streamName: "round-krise-2009-1", revision: "1", type: "FundsCommitted", data: { grantId: "ebygg", amount: 330_000_000 } },
      { streamName: "grant-ebygg", revision: "2", type: "GrantAwarded", data: { amount: 330_000_000, roundId: "krise-2009-1" } },
    ]);
    expect((await service.post("/grants/ebygg/disbursements", request.disburse())).status).toBe(200);
    expect((await service.post("/grants/ebygg/benefit-reports", request.reportBenefits())).status).toBe(200);
  });

  it("GET /municipalities splits every amount over the participants by share", async () => {
    const row = { countyNo: "12", projects: 1, requested: 165_000_000, awarded: 165_000_000, disbursed: 99_000_000, benefitsNok: 25_000_000 };
    expect(await service.get("/municipalities")).toMatchObject({
      status: 200,
      body: { municipalities: [{ municipalityNo: "1201", name: "Bergen", ...row }, { municipalityNo: "1247", name: "Askøy", ...row }] },
    });
    expect((await service.get("/other-participants")).body).toEqual({ otherParticipants: [] });
  });

  it("GET /rounds/:roundId and /rounds give the budget, committed and remaining", async () => {
    const budget = {
      roundId: "krise-2009-1",
      name: "Krisepakke 2009, runde 1",
      openedBudget: 2_000_000_000,
      adjustments: 0,
      carriedOver: 0,
      carriedIn: 0,
      budget: 2_000_000_000,
      committed: 330_000_000,
      released: 0,
      disbursed: 198_000_000,
      reversed: 0,
      repaid: 0,
      remaining: 1_670_000_000,
      applications: 1,
      awarded: 1,
      rejected: 0,
      dismissed: 0,
      appealed: 0,
      withdrawn: 0,
      renounced: 0,
      closed: 0,
      pending: 0,
    };
    expect(await service.get("/rounds/krise-2009-1")).toMatchObject({ status: 200, body: budget });
    expect((await service.get("/rounds")).body).toEqual({ rounds: [budget] });
  });

  it("GET /grants/:grantId and /grants give the register's row", async () => {
    const row = {
      grantId: "ebygg",
      roundId: "krise-2009-1",
      status: "awarded",
      applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
      title: "eByggesak",
      totalCost: 1_650_000_000,
      requested: 330_000_000,
      score: 90,
      recommendation: "award",
      recommendedAmount: 330_000_000,
      awarded: 330_000_000,
      amendments: 0,
      disbursed: 198_000_000,
      reversed: 0,
      repaid: 0,
      paidNet: 198_000_000,
      claimed: 0,
      openClaims: 0,
      conditionsAccepted: false,
      appeals: 0,
      appliedAt: "2009-04-01T10:00:00+02:00",
      evaluatedAt: "2009-05-20T10:00:00+02:00",
      decidedAt: "2009-06-19T12:00:00+02:00",
      lastDisbursedAt: "2009-09-01T12:00:00+02:00",
      // The payment named no value date: it is of value on the day it was booked.
      lastValueDate: "2009-09-01",
    };
    expect(await service.get("/grants/ebygg")).toMatchObject({ status: 200, body: row });
    expect((await service.get("/grants")).body).toEqual({ grants: [row], next: null });
  });

  it("GET /grants/:grantId/benefits gives planned against reported", async () => {
    expect((await service.get("/grants/ebygg/benefits")).body).toEqual({
      grantId: "ebygg",
      roundId: "krise-2009-1",
      reports: 1,
      lastReportedAt: "2010-01-15T10:00:00+01:00",
      figures: [
        { category: "cost-saving", unit: "NOK", planned: 0, reported: 50_000_000 },
        { category: "time-saving", unit: "hours", planned: 0, reported: 1_200 },
      ],
    });
  });

  it("GET /grants/:grantId/history tells every event in words, with the round's commitment, in recorded order", async () => {
    const history = await service.get("/grants/ebygg/history");
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ grantId: "ebygg", roundId: "krise-2009-1" });
    const events = history.body.events as { position: string; type: string; summary: string; actor: string; commandId: string }[];
    expect(events.map((e) => [e.position, e.type])).toEqual([
      ["1", "GrantApplied"],
      ["2", "ApplicationEvaluated"],
      ["3", "FundsCommitted"],
      ["4", "GrantAwarded"],
      ["5", "GrantDisbursed"],
      ["6", "BenefitsReported"],
    ]);
    expect(events.map((e) => e.summary)).toEqual([
      'Applied (søknad) by Bergen kommune for "eByggesak" with 2 participants: total cost 16 500 000,00 kr, requested 3 300 000,00 kr.',
      "Evaluated (vurdert) by Difi fagpanel: score 90/100, recommends an award of 3 300 000,00 kr (innstilt til tilskudd).",
      "Committed (bundet) 3 300 000,00 kr of round krise-2009-1's budget.",
      "Awarded (tildelt) 3 300 000,00 kr in 2 instalments, with 1 condition.",
      "Disbursed (utbetalt) 1 980 000,00 kr, payment DIFI-2009-0001.",
      "Benefits reported (gevinstrapport) for 2009-01-01 to 2009-12-31: 2 benefits.",
    ]);
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set([ACTOR]));
    // One award command recorded both the commitment and the award.
    expect(events[2]?.commandId).toBe(events[3]?.commandId);
  });

  it("closes the round, after which it takes no applications", async () => {
    expect((await service.post("/rounds/krise-2009-1/closure", { closedAt: "2009-04-16T00:00:00+02:00" })).status).toBe(200);
    expect((await service.get("/rounds/krise-2009-1")).body).toMatchObject({ closedAt: "2009-04-16T00:00:00+02:00" });
    expect(await service.post("/grants", request.apply("late"))).toMatchObject({ status: 409, body: { code: "RoundIsClosed", roundId: "krise-2009-1" } });
  });
});
