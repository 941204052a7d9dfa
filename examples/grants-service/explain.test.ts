import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAndEvaluate, awardOf, expectProblem, openSchemeRound } from "./lifecycleRequests.testkit.js";
import { startTestService, type TestService } from "./testService.testkit.js";

interface Part {
  readonly streamName: string;
  readonly revision: string;
  readonly position: string;
  readonly type: string;
  readonly eventAmount: number;
  readonly shareBps?: number;
  readonly exactShare?: string;
  readonly part: number;
  readonly rounding?: number;
}

/** eByggesak (Bergen and Askøy, 50 % each) awarded 3,3 MNOK less 1 øre (so the split has an øre left over), explained over HTTP. */
describe("GET …/explain", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
    expect((await service.post("/rounds", openSchemeRound("krise-2009-1", 1_000_000_000))).status).toBe(201);
    await applyAndEvaluate(service, "ebygg", "krise-2009-1");
    expect((await service.post("/grants/ebygg/award", awardOf(329_999_999))).status).toBe(200);
  });
  afterAll(() => service.close());

  const partsOf = (body: Record<string, unknown>): readonly Part[] => body["parts"] as Part[];

  it("explains a municipality's figure, with its share and the largest-remainder rounding", async () => {
    const bergen = await service.get("/municipalities/1201/explain?field=awarded");
    expect(bergen.status).toBe(200);
    expect(bergen.body["figure"]).toBe(165_000_000);
    expect(partsOf(bergen.body).map(({ streamName, type, eventAmount, shareBps, exactShare, part, rounding }) => ({ streamName, type, eventAmount, shareBps, exactShare, part, rounding }))).toEqual([
      { streamName: "grant-ebygg", type: "GrantAwarded", eventAmount: 329_999_999, shareBps: 5000, exactShare: "164999999,5", part: 165_000_000, rounding: 1 },
    ]);
    const askoy = await service.get("/participants/municipality%3A1247/explain?field=awarded&round=krise-2009-1");
    expect(askoy.body["figure"]).toBe(164_999_999);
    expect(partsOf(askoy.body)[0]?.rounding).toBe(0);
    expect(typeof partsOf(bergen.body)[0]?.position).toBe("string");
  });

  it("explains a round's, a grant's and a payee's figures", async () => {
    const committed = await service.get("/rounds/krise-2009-1/explain?field=committed");
    expect(committed.body["figure"]).toBe(329_999_999);
    expect(partsOf(committed.body).map((part) => part.type)).toEqual(["FundsCommitted"]);
    const grant = await service.get("/grants/ebygg/explain?field=requested");
    expect(grant.body["figure"]).toBe(330_000_000);
    expect(partsOf(grant.body).map((part) => [part.type, part.part])).toEqual([["GrantApplied", 330_000_000]]);
    const payee = await service.get("/payees/964338531/explain?field=awarded");
    expect(payee.body["figure"]).toBe(329_999_999);
    const before = await service.get("/rounds/krise-2009-1/explain?field=committed&atPosition=0");
    expect(before.body["figure"]).toBe(0);
  });

  it("answers 404 for what the history does not hold and 400 for a bad field or parameter, as problem+json", async () => {
    expectProblem(await service.get("/municipalities/0301/explain?field=awarded"), 404, "subject-not-found", "SubjectNotFound", { subject: { kind: "municipality", municipalityNo: "0301" } });
    expectProblem(await service.get("/grants/nope/explain?field=awarded"), 404, "subject-not-found", "SubjectNotFound");
    expectProblem(await service.get("/municipalities/1201/explain?field=awarded&scheme=nope"), 404, "scope-not-found", "ScopeNotFound", { scope: "scheme", id: "nope" });
    const field = await service.get("/rounds/krise-2009-1/explain?field=awarded");
    expectProblem(field, 400, "unknown-figure-field", "UnknownFigureField", { field: "awarded" });
    expect(field.body["fields"]).toContain("committed");
    expectProblem(await service.get("/rounds/krise-2009-1/explain"), 400, "invalid-query", "InvalidQuery", { parameter: "field" });
    expectProblem(await service.get("/rounds/krise-2009-1/explain?field=budget&knownAt=yesterday"), 400, "invalid-query", "InvalidQuery", { parameter: "knownAt" });
  });
});
