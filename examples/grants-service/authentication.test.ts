import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_ROUTES } from "./commandRoutes.js";
import { awardOf, openSchemeRound, payment } from "./lifecycleRequests.testkit.js";
import * as request from "./requests.testkit.js";
import { COMMAND_ROLES, ROLES } from "./roles.js";
import { startTestService, type Answer, type TestService } from "./testService.testkit.js";
import { AUDIENCE, createTestIdentityProvider, ISSUER, type TestIdentityProvider } from "./tokens.testkit.js";

const OFFICER = "saksbehandler@difi.no";
const APPROVER = "leder@difi.no";
const PAYER = "utbetaling@difi.no";

/** A refusal before anything is read: the status, the challenge, the problem's code. */
const expectRefused = (answer: Answer, status: 401 | 403, code: string, challenge: RegExp): void => {
  expect(answer.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
  expect(answer.headers.get("www-authenticate")).toMatch(challenge);
  expect(answer.body).toMatchObject({ status, code, detail: expect.any(String) });
  expect(answer.status).toBe(status);
};

/**
 * The service with bearer tokens: a caller is who its token's `sub` says, and may give only
 * the commands of its roles. A refused request (401, 403) is refused before its body is read,
 * and leaves the store exactly as it was.
 */
describe("bearer tokens and roles", () => {
  let idp: TestIdentityProvider;
  let service: TestService;
  const as = async (sub: string, ...roles: string[]) => ({ Authorization: await idp.sign({ sub, roles }) });
  const actorsOf = async (): Promise<unknown[]> => (await service.engine.history()).map((event) => event.metadata.actor);

  beforeAll(async () => {
    idp = await createTestIdentityProvider();
    service = await startTestService({}, idp.auth);
    const round = openSchemeRound("krise-2009-1", 2_000_000_000, { separationOfDuties: true });
    expect((await service.post("/rounds", round, await as(APPROVER, "approver"))).status).toBe(201);
    expect((await service.post("/grants", request.apply(), await as(OFFICER, "case-officer"))).status).toBe(201);
    expect((await service.post("/grants/ebygg/evaluation", request.evaluate(), await as(OFFICER, "case-officer"))).status).toBe(200);
  });
  afterAll(() => service.close());

  /** Runs `send` and checks that the store holds exactly what it held before. */
  const unchanged = async (send: () => Promise<Answer>): Promise<Answer> => {
    const before = await service.engine.history();
    const answer = await send();
    expect(await service.engine.history()).toEqual(before);
    return answer;
  };

  it("records the token's subject as the actor, and ignores an X-Actor sent beside it", async () => {
    const applied = await service.post("/grants", request.apply("kartportal"), { ...(await as(OFFICER, "case-officer")), "X-Actor": "direktor@difi.no" });
    expect(applied.status).toBe(201);
    const history = await service.engine.history();
    expect(history.at(-1)).toMatchObject({ streamName: "grant-kartportal", type: "GrantApplied", metadata: { actor: OFFICER } });
    expect(await actorsOf()).not.toContain("direktor@difi.no");
  });

  it("401 with a Bearer challenge for a missing token, on commands and reads alike", async () => {
    const post = await unchanged(() => service.post("/grants", request.apply("uten")));
    expectRefused(post, 401, "MissingToken", /^Bearer realm="grants-service"$/);
    expect(post.body).toMatchObject({ header: "Authorization", instance: "/grants" });
    expectRefused(await service.get("/grants"), 401, "MissingToken", /^Bearer /);
    expectRefused(await service.get("/grants/ebygg/history"), 401, "MissingToken", /^Bearer /);
    // Not even which paths exist is told to a caller without a token.
    expectRefused(await service.get("/nowhere"), 401, "MissingToken", /^Bearer /);
  });

  it("401 for a forged token (signed with another key), naming the signature", async () => {
    const forger = await createTestIdentityProvider();
    const forged = await forger.sign({ sub: APPROVER, roles: ["approver"] });
    const answer = await unchanged(() => service.post("/grants/ebygg/award", awardOf(330_000_000), { Authorization: forged }));
    expectRefused(answer, 401, "InvalidToken", /^Bearer realm="grants-service", error="invalid_token"$/);
    expect(answer.body.reason).toBe("its signature does not verify with the service's key");
    expectRefused(await service.get("/grants", { Authorization: forged }), 401, "InvalidToken", /invalid_token/);
  });

  it("401 for an expired token; 30 s of clock skew are tolerated", async () => {
    const expired = await idp.sign({ sub: OFFICER, expiresIn: -31 });
    const answer = await unchanged(() => service.post("/grants", request.apply("sen"), { Authorization: expired }));
    expectRefused(answer, 401, "InvalidToken", /invalid_token/);
    expect(answer.body.reason).toBe("it has expired");
    const justExpired = await idp.sign({ sub: OFFICER, expiresIn: -10 });
    expect((await service.get("/grants", { Authorization: justExpired })).status).toBe(200);
  });

  it("401 for a token for another audience or from another issuer", async () => {
    const otherAudience = await unchanged(async () =>
      service.post("/grants", request.apply("aud"), { Authorization: await idp.sign({ aud: "payroll-service" }) }),
    );
    expectRefused(otherAudience, 401, "InvalidToken", /invalid_token/);
    expect(otherAudience.body.reason).toBe("it is meant for another audience than this service");
    const otherIssuer = await unchanged(async () =>
      service.post("/grants", request.apply("iss"), { Authorization: await idp.sign({ iss: "https://evil.example" }) }),
    );
    expectRefused(otherIssuer, 401, "InvalidToken", /invalid_token/);
    expect(otherIssuer.body.reason).toBe("it was issued by another issuer than the one the service trusts");
    // The expected issuer and audience are the service's to know, not the caller's.
    expect(JSON.stringify([otherAudience.body, otherIssuer.body])).not.toMatch(new RegExp(`${ISSUER}|"${AUDIENCE}"`));
  });

  it("401 for a header that is not a bearer token, a token that is not a JWT, or roles that are not strings", async () => {
    for (const authorization of ["Basic c2Frc2JlaGFuZGxlcjpoZW1tZWxpZw==", "Bearer", "Bearer not.a.jwt", "Bearer a b"]) {
      expectRefused(await unchanged(() => service.post("/grants", request.apply("rar"), { Authorization: authorization })), 401, "InvalidToken", /invalid_token/);
    }
    const badRoles = await idp.sign({ roles: "case-officer" });
    const answer = await unchanged(() => service.post("/grants", request.apply("rar"), { Authorization: badRoles }));
    expectRefused(answer, 401, "InvalidToken", /invalid_token/);
    expect(answer.body.reason).toBe('its "roles" claim is not an array of strings');
  });

  it("403 for a payer trying to award, naming the role it needs; nothing recorded", async () => {
    const answer = await unchanged(async () => service.post("/grants/ebygg/award", awardOf(330_000_000), await as(PAYER, "payer")));
    expectRefused(answer, 403, "CommandOutsideRoles", /^Bearer realm="grants-service", error="insufficient_scope"$/);
    expect(answer.body).toMatchObject({ command: "AwardGrant", requiredRole: "approver", roles: ["payer"], instance: "/grants/ebygg/award" });
  });

  it("an auditor reads everything and gives no command at all", async () => {
    const auditor = await as("revisjon@riksrevisjonen.no", "auditor");
    for (const path of ["/grants", "/grants/ebygg", "/grants/ebygg/history", "/rounds/krise-2009-1", "/municipalities"]) {
      expect((await service.get(path, auditor)).status).toBe(200);
    }
    for (const route of COMMAND_ROUTES) {
      const path = route.path.replace(":grantId", "ebygg").replace(":roundId", "krise-2009-1").replace(":claimId", "krav-1");
      const answer = await unchanged(() => service.post(path, request.apply(), auditor));
      expectRefused(answer, 403, "CommandOutsideRoles", /insufficient_scope/);
      expect(answer.body).toMatchObject({ command: route.type, requiredRole: COMMAND_ROLES[route.type], roles: ["auditor"] });
    }
  });

  it("each command is given by its role only, as COMMAND_ROLES says", async () => {
    for (const route of COMMAND_ROUTES) {
      const path = route.path.replace(":grantId", "ingen").replace(":roundId", "ingen").replace(":claimId", "ingen");
      for (const role of ROLES) {
        // An empty body: the ledger refuses it (422), so a role let in records nothing either.
        const answer = await unchanged(async () => service.post(path, {}, await as(`${role}@difi.no`, role)));
        if (role === COMMAND_ROLES[route.type]) expect([answer.status, answer.body.code]).toEqual([422, "InvalidCommand"]);
        else expect([answer.status, answer.body.code]).toEqual([403, "CommandOutsideRoles"]);
      }
    }
  });

  it("keeps the separation of duties with token subjects: the evaluator cannot award, the awarder cannot pay", async () => {
    const officerAndApprover = await as(OFFICER, "case-officer", "approver");
    const byEvaluator = await unchanged(() => service.post("/grants/ebygg/award", awardOf(330_000_000), officerAndApprover));
    expect(byEvaluator.body).toMatchObject({ status: 409, code: "EvaluatorCannotAward", evaluatedBy: OFFICER, awardedBy: OFFICER });

    const approverAndPayer = await as(APPROVER, "approver", "payer");
    expect((await service.post("/grants/ebygg/award", awardOf(330_000_000), approverAndPayer)).status).toBe(200);
    const pay = payment("DIFI-2009-0001", 198_000_000, "2009-09-01T12:00:00+02:00");
    const byAwarder = await unchanged(() => service.post("/grants/ebygg/disbursements", pay, approverAndPayer));
    expect(byAwarder.body).toMatchObject({ status: 409, code: "AwarderCannotPay", awardedBy: APPROVER, paidBy: APPROVER });
    expect((await service.post("/grants/ebygg/disbursements", pay, await as(PAYER, "payer"))).status).toBe(200);
    expect((await service.engine.history()).at(-1)?.metadata.actor).toBe(PAYER);
  });
});
