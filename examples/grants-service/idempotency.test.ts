import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as request from "./requests.testkit.js";
import { startTestService, type TestService } from "./testService.testkit.js";

describe("Idempotency-Key", () => {
  let service: TestService;
  beforeEach(async () => {
    service = await startTestService();
    expect((await service.post("/rounds", request.openRound())).status).toBe(201);
  });
  afterEach(() => service.close());

  it("answers a retry with the same status and body and appends nothing twice", async () => {
    const key = { "Idempotency-Key": "3f0e2a9c-apply-ebygg" };
    const first = await service.post("/grants", request.apply(), key);
    const recorded = await service.engine.history();
    const retry = await service.post("/grants", request.apply(), key);

    expect(await service.engine.history()).toHaveLength(recorded.length);
    expect(recorded).toHaveLength(2);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("location")).toBe("/grants/ebygg");
    expect([first.headers.get("idempotent-replayed"), retry.headers.get("idempotent-replayed")]).toEqual([null, "true"]);
    expect(first.body.commandId).toBe("3f0e2a9c-apply-ebygg");
  });

  it("replays an award, which writes to two streams, as one", async () => {
    await service.post("/grants", request.apply());
    await service.post("/grants/ebygg/evaluation", request.evaluate());
    const key = { "Idempotency-Key": '"award-ebygg"' };
    const first = await service.post("/grants/ebygg/award", request.award(), key);
    const retry = await service.post("/grants/ebygg/award", request.award(), key);

    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    // The same answer, the round's FundsCommitted included, as for every one-stream command.
    expect(retry.body).toEqual(first.body);
    expect((first.body.events as readonly { type: string }[]).map((e) => e.type)).toEqual(["FundsCommitted", "GrantAwarded"]);
    // The key may be sent as a structured-field string, quoted; the quotes are not part of it.
    expect(first.body.commandId).toBe("award-ebygg");
    expect((await service.engine.history()).map((e) => e.type)).toEqual(["RoundOpened", "GrantApplied", "ApplicationEvaluated", "FundsCommitted", "GrantAwarded"]);
    expect((await service.get("/rounds/krise-2009-1")).body).toMatchObject({ committed: 330_000_000 });
  });

  it("refuses a key given before for another command (an award under the evaluation's key) with 409, recording nothing", async () => {
    await service.post("/grants", request.apply());
    const key = { "Idempotency-Key": "ebygg-step-2" };
    expect((await service.post("/grants/ebygg/evaluation", request.evaluate(), key)).status).toBe(200);
    const reused = await service.post("/grants/ebygg/award", request.award(), key);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: "CommandIdReused", commandId: "ebygg-step-2", recordedCommand: "EvaluateApplication", command: "AwardGrant" });
    expect(reused.headers.get("idempotent-replayed")).toBeNull();
    expect((await service.engine.history()).map((e) => e.type)).toEqual(["RoundOpened", "GrantApplied", "ApplicationEvaluated"]);
  });

  it("treats another key as another command: the same application twice is refused", async () => {
    expect((await service.post("/grants", request.apply(), { "Idempotency-Key": "first" })).status).toBe(201);
    const second = await service.post("/grants", request.apply(), { "Idempotency-Key": "second" });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: "GrantAlreadyApplied", grantId: "ebygg", detail: "Grant ebygg has already been applied for." });
    expect(await service.engine.history()).toHaveLength(2);
  });

  it("without a key, gives each request a new command id", async () => {
    const applied = await service.post("/grants", request.apply());
    expect(applied.body.commandId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await service.post("/grants", request.apply())).body.code).toBe("GrantAlreadyApplied");
  });

  it("refuses an empty key with 400", async () => {
    const answer = await service.post("/grants", request.apply(), { "Idempotency-Key": '""' });
    expect(answer).toMatchObject({ status: 400, body: { code: "InvalidIdempotencyKey", header: "Idempotency-Key" } });
    expect(await service.engine.history()).toHaveLength(1);
  });
});
