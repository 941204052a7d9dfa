import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as request from "./requests.testkit.js";
import { applyAndEvaluate, awardOf, expectProblem } from "./lifecycleRequests.testkit.js";
import { startTestService, type TestService } from "./testService.testkit.js";

/**
 * Report obligations over HTTP: eByggesak's benefits reports are due at the end of each January
 * 2010-2012, and only the first was made; Kartportal was rejected, so owes none.
 */
describe("report obligations over HTTP", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
    expect((await service.post("/rounds", request.openRound())).status).toBe(201);
    await applyAndEvaluate(service, "ebygg", "krise-2009-1");
    const reportsDue = ["2010-01-31", "2011-01-31", "2012-01-31"];
    expect((await service.post("/grants/ebygg/award", { ...awardOf(330_000_000), reportsDue })).status).toBe(200);
    expect((await service.post("/grants/ebygg/benefit-reports", request.reportBenefits())).status).toBe(200);
    expect((await service.post("/grants", request.apply("kartportal"))).status).toBe(201);
    expect((await service.post("/grants/kartportal/rejection", { reason: "Ikke samordnet", rejectedAt: "2009-06-19T12:00:00+02:00" })).status).toBe(200);
  });
  afterAll(() => service.close());

  it("GET /obligations?on= lists what is overdue and what is still due on that business date", async () => {
    expect(await service.get("/obligations?on=2011-06-01")).toMatchObject({
      status: 200,
      body: { businessDate: "2011-06-01", overdue: 1, due: 1, grants: [{ grantId: "ebygg", roundId: "krise-2009-1", overdue: ["2011-01-31"], due: ["2012-01-31"] }] },
    });
    expect((await service.get("/obligations?on=2010-01-01")).body).toMatchObject({ overdue: 0, due: 2, grants: [{ grantId: "ebygg", due: ["2011-01-31", "2012-01-31"] }] });
  });

  it("GET /obligations without a business date, or with another kind of value, is a 400", async () => {
    expectProblem(await service.get("/obligations"), 400, "invalid-query", "InvalidQuery", { parameter: "on", instance: "/obligations" });
    expectProblem(await service.get("/obligations?on=31.01.2011"), 400, "invalid-query", "InvalidQuery", { parameter: "on" });
  });

  it("GET /grants/:grantId/obligations gives each date due and whether a report met it", async () => {
    expect((await service.get("/grants/ebygg/obligations")).body).toEqual({
      grantId: "ebygg",
      roundId: "krise-2009-1",
      obligations: [
        { due: "2010-01-31", state: "reported", reportedAt: "2010-01-15T10:00:00+01:00" },
        { due: "2011-01-31", state: "open" },
        { due: "2012-01-31", state: "open" },
      ],
      extraReports: 0,
    });
    expectProblem(await service.get("/grants/kartportal/obligations"), 404, "grant-has-no-report-obligations", "GrantHasNoReportObligations", { grantStatus: "rejected" });
    expectProblem(await service.get("/grants/nope/obligations"), 404, "grant-not-found", "GrantNotFound", { grantId: "nope" });
  });
});
