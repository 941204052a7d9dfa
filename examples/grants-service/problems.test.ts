import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "./httpFuzz.testkit.js";
import * as request from "./requests.testkit.js";
import { startTestService, type TestService, type Answer } from "./testService.testkit.js";

const PROBLEM_JSON = "application/problem+json; charset=utf-8";

/** The standard members every problem has, for the status and code a test expects. */
const problem = (answer: Answer, status: number, code: string, instance: string) => {
  expect(answer.headers.get("content-type")).toBe(PROBLEM_JSON);
  expect(answer.body).toMatchObject({ status, code, instance, type: expect.stringMatching(/^https:\/\/.+\/problems\/[a-z0-9-]+$/) });
  expect(answer.body.title).toEqual(expect.any(String));
  expect(answer.body.detail).toEqual(expect.any(String));
  expect(answer.status).toBe(status);
};

describe("problems over HTTP (RFC 9457)", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
    expect((await service.post("/rounds", request.openRound())).status).toBe(201);
    expect((await service.post("/rounds", request.openRound("liten", 100_000_000))).status).toBe(201);
  });
  afterAll(() => service.close());

  it("422 names the path of a bad field, within the body as sent", async () => {
    const answer = await service.post("/grants", { ...request.apply(), applicant: { orgNo: "964338532", name: "Bergen kommune", kind: "municipality" } });
    problem(answer, 422, "InvalidCommand", "/grants");
    expect(answer.body).toMatchObject({ title: "Invalid command", command: "ApplyForGrant", path: "applicant.orgNo", reason: 'expected OrganisationNumber, found "964338532"' });
  });

  it("422, not 500, for text no store keeps (a lone surrogate, U+0000), naming the field; nothing is recorded", async () => {
    const before = (await service.engine.history()).length;
    for (const summary of ["\\ud800", "a\\u0000b"]) {
      const body = JSON.stringify({ ...request.apply("tekst"), project: { title: "eByggesak", summary: "SUMMARY" } }).replace('"SUMMARY"', `"${summary}"`);
      const answer = await service.postRaw("/grants", body);
      problem(answer, 422, "InvalidCommand", "/grants");
      expect(answer.body).toMatchObject({ path: "project.summary" });
    }
    expect(await service.engine.history()).toHaveLength(before);
  });

  it("422 for a body that is not JSON, or not an object", async () => {
    const malformed = await service.postRaw("/grants", '{"grantId": "ebygg",');
    problem(malformed, 422, "MalformedJSON", "/grants");
    expect(malformed.body).toMatchObject({ title: "Malformed JSON", path: "" });
    problem(await service.postRaw("/grants", ""), 422, "MalformedJSON", "/grants");
    problem(await service.post("/grants", [request.apply()]), 422, "BodyNotAnObject", "/grants");
  });

  it("422 for a field the command does not know, which is refused rather than recorded", async () => {
    const answer = await service.post("/grants", { ...request.apply(), project: { title: "eByggesak", budgetLine: "1400.21" } });
    problem(answer, 422, "InvalidCommand", "/grants");
    expect(answer.body).toMatchObject({ command: "ApplyForGrant", path: "project.budgetLine", reason: "not a field of this command" });
    expect(await service.engine.history()).toHaveLength(2);
  });

  it("422 when the body names another grant than the URL", async () => {
    const answer = await service.post("/grants/ebygg/evaluation", { ...request.evaluate(), grantId: "other" });
    problem(answer, 422, "IdMismatch", "/grants/ebygg/evaluation");
    expect(answer.body).toMatchObject({ path: "grantId", inUrl: "ebygg", inBody: "other" });
  });

  it("400 without an X-Actor, before the body is read", async () => {
    problem(await service.postRaw("/grants", "not json", { "x-actor": " " }), 400, "MissingActor", "/grants");
  });

  it("409 for an award over the round's remaining budget, with the figures in øre", async () => {
    expect((await service.post("/grants", { ...request.apply("stor", "liten"), requested: 120_000_000, totalCost: 600_000_000 })).status).toBe(201);
    expect((await service.post("/grants/stor/evaluation", request.evaluate(120_000_000))).status).toBe(200);
    const answer = await service.post("/grants/stor/award", request.award(120_000_000));
    problem(answer, 409, "AwardExceedsRemainingBudget", "/grants/stor/award");
    expect(answer.body).toMatchObject({ roundId: "liten", grantId: "stor", award: 120_000_000, remaining: 100_000_000 });
    expect(answer.body.detail).toBe("An award of 1 200 000,00 kr to stor is more than the 1 000 000,00 kr left uncommitted in round liten.");
  });

  it("409 for a grant's state that refuses the command; its own `status` travels as grantStatus", async () => {
    const rejected = await service.post("/grants/stor/rejection", { reason: "Over budget", rejectedAt: "2009-06-20T12:00:00+02:00" });
    expect(rejected.status).toBe(200);
    const answer = await service.post("/grants/stor/evaluation", request.evaluate());
    problem(answer, 409, "GrantAlreadyDecided", "/grants/stor/evaluation");
    expect(answer.body).toMatchObject({ grantId: "stor", grantStatus: "rejected" });
  });

  it("409 for an application the ledger's clock received after the deadline, whatever time it claims", async () => {
    expect((await service.post("/rounds", { ...request.openRound("forbi"), applicationDeadline: "2009-04-15T23:59:59+02:00" })).status).toBe(201);
    const answer = await service.post("/grants", request.apply("sen", "forbi"));
    problem(answer, 409, "ApplicationReceivedAfterDeadline", "/grants");
    expect(answer.body).toMatchObject({ grantId: "sen", deadline: "2009-04-15T23:59:59+02:00", receivedAt: expect.stringMatching(/^20\d\d-/) });
  });

  it("422 for a business time in the future of the ledger's clock, named within the body", async () => {
    const answer = await service.post("/grants/stor/evaluation", { ...request.evaluate(), evaluatedAt: "2999-01-01T10:00:00+01:00" });
    problem(answer, 422, "BusinessTimeInFuture", "/grants/stor/evaluation");
    expect(answer.body).toMatchObject({ command: "EvaluateApplication", field: "evaluatedAt", at: "2999-01-01T10:00:00+01:00" });
  });

  it("404 for an unknown grant, whether read or commanded", async () => {
    for (const path of ["/grants/nope", "/grants/nope/history", "/grants/nope/benefits"]) {
      const answer = await service.get(path);
      problem(answer, 404, "GrantNotFound", path);
      expect(answer.body.grantId).toBe("nope");
    }
    problem(await service.post("/grants/nope/evaluation", request.evaluate()), 404, "GrantNotFound", "/grants/nope/evaluation");
    problem(await service.get("/grants/not%20an%20id/history"), 404, "GrantNotFound", "/grants/not%20an%20id/history");
  });

  it("404 for an unknown round, for a grant not awarded asked for its benefits, and for an unknown route", async () => {
    problem(await service.get("/rounds/nope"), 404, "RoundNotFound", "/rounds/nope");
    problem(await service.post("/rounds/nope/closure", { closedAt: "2009-04-16T00:00:00+02:00" }), 404, "RoundNotFound", "/rounds/nope/closure");
    const benefits = await service.get("/grants/stor/benefits");
    problem(benefits, 404, "GrantHasNoBenefits", "/grants/stor/benefits");
    expect(benefits.body.grantStatus).toBe("rejected");
    problem(await service.get("/payments"), 404, "RouteNotFound", "/payments");
  });

  it("400 MalformedRequest, a problem rather than a bare 400, for a request line no URL can be made of", async () => {
    const answer = await send(service.url, { method: "GET", path: "/\\", headers: {}, body: Buffer.alloc(0) });
    expect([answer.status, answer.contentType]).toEqual([400, PROBLEM_JSON]);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: "MalformedRequest", reason: "backslash in request path", instance: "" });
  });
});

describe("a store that has gone away", () => {
  it("answers 503 to reads and to commands", async () => {
    const service = await startTestService();
    await service.engine.close();
    problem(await service.get("/grants"), 503, "StoreClosed", "/grants");
    problem(await service.post("/rounds", request.openRound()), 503, "StoreClosed", "/rounds");
    await service.close();
  });
});
