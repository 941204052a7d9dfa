import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as request from "./requests.testkit.js";
import { startTestService, type TestService } from "./testService.testkit.js";

/*
 * What one request may bring is bounded, and settable: a body above the limit is refused with 413
 * as it streams in (never held whole), an X-Actor above its limit with 422 naming the header; in
 * both cases nothing is recorded.
 */
describe("request limits", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ maxBodyBytes: 4096, maxActorLength: 32, maxJsonDepth: 8 });
    expect((await service.post("/rounds", request.openRound())).status).toBe(201);
  });
  afterAll(() => service.close());

  it("413 for a body above the limit, with the limit in the problem; nothing recorded", async () => {
    const before = (await service.engine.history()).length;
    const body = JSON.stringify({ ...request.apply(), project: { title: "eByggesak", summary: "x".repeat(5000) } });
    const answer = await service.postRaw("/grants", body);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ status: 413, code: "BodyTooLarge", limitBytes: 4096 });
    expect(await service.engine.history()).toHaveLength(before);
  });

  it("422 InvalidCommand naming the field for a summary beyond the ledger's prose limit; nothing recorded", async () => {
    const before = (await service.engine.history()).length;
    const wide = await startTestService({ maxBodyBytes: 1024 * 1024 });
    expect((await wide.post("/rounds", request.openRound())).status).toBe(201);
    const answer = await wide.post("/grants", { ...request.apply(), project: { title: "eByggesak", summary: "x".repeat(20_001) } });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: "InvalidCommand", path: "project.summary" });
    expect(JSON.stringify(answer.body)).toContain("maxProseLength (20000)");
    await wide.close();
    expect(await service.engine.history()).toHaveLength(before);
  });

  it("takes a body within the limit", async () => {
    expect((await service.post("/grants", request.apply())).status).toBe(201);
  });

  it("422 for an X-Actor above its limit, naming the header", async () => {
    const answer = await service.postRaw("/grants", JSON.stringify(request.apply("lang")), { "x-actor": "a".repeat(33) });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: "HeaderTooLong", header: "X-Actor", length: 33, limit: 32 });
  });

  it("422 NestingTooDeep for a body nested deeper than the limit, before it is parsed; nothing recorded", async () => {
    const before = await service.engine.history();
    // 100 000 deep in a field the codec checks: without the limit, describing it overflowed the stack (500).
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const limits = await startTestService({ maxBodyBytes: 1024 * 1024 });
    const answer = await limits.postRaw("/grants", JSON.stringify({ ...request.apply(), project: { title: "DEEP" } }).replace('"DEEP"', deep));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: "NestingTooDeep", path: "", limit: 32 });
    expect(answer.body.detail).toBe("The body nests arrays and objects deeper than 32 levels, the most this service reads.");
    expect(await limits.engine.history()).toEqual([]);
    await limits.close();

    // At the limit (8 here) the body is read, and the codec has its say.
    const atLimit = await service.postRaw("/grants", JSON.stringify({ ...request.apply("dyp"), project: { title: [[[[[[1]]]]]] } }));
    expect(atLimit.body).toMatchObject({ code: "InvalidCommand", path: "project.title" });
    const overLimit = await service.postRaw("/grants", JSON.stringify({ ...request.apply("dyp"), project: { title: [[[[[[[1]]]]]]] } }));
    expect(overLimit.body).toMatchObject({ status: 422, code: "NestingTooDeep", limit: 8 });
    expect(await service.engine.history()).toEqual(before);
  });
});
