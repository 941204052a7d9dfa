import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { rawRequest, send, type RawAnswer, type RawRequest } from "./httpFuzz.testkit.js";
import * as request from "./requests.testkit.js";
import { DEFAULT_SERVICE_LIMITS } from "./serviceLimits.js";
import { startTestService, type TestService } from "./testService.testkit.js";
import { createTestIdentityProvider } from "./tokens.testkit.js";

/*
 * The HTTP API under random requests: any method, path, id, query, header and body (random
 * JSON, random bytes, deep nesting, strings up to and past the body limit, valid commands with
 * one field gone wrong). Whatever comes, the service answers: never a 500, never a crash or an
 * unhandled rejection, every refusal an RFC 9457 problem, and a refused request (4xx), or any
 * request that is not a POST, leaves the store exactly as it was.
 */

// `GRANTLEDGER_FUZZ_RUNS=5000 pnpm vitest run examples/grants-service/httpFuzz.test.ts` hunts longer.
const RUNS_PER_MODE = Number(process.env.GRANTLEDGER_FUZZ_RUNS ?? 150);

/** Every recorded event, with its bigints as text, to compare one export with another. */
const exportOf = async (service: TestService): Promise<string> =>
  JSON.stringify(await service.engine.history(), (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));

const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);
beforeAll(() => void process.on("unhandledRejection", onRejection));
afterAll(() => void process.off("unhandledRejection", onRejection));

/** Runs the property over `service`, whose seed is already recorded. */
const fuzz = async (service: TestService, authorization: fc.Arbitrary<string>): Promise<void> => {
  const logged = vi.spyOn(console, "error");
  const statuses = new Set<number>();
  await fc.assert(
    fc.asyncProperty(rawRequest(authorization, DEFAULT_SERVICE_LIMITS.maxBodyBytes), async (sent: RawRequest) => {
      const before = await exportOf(service);
      const answer: RawAnswer = await send(service.url, sent);
      statuses.add(answer.status);
      expect(answer.status, answer.body).toBeGreaterThanOrEqual(200);
      expect(answer.status, answer.body).toBeLessThan(500);
      if (answer.status >= 400) expect(answer.contentType).toBe("application/problem+json; charset=utf-8");
      if (answer.status >= 400 || sent.method !== "POST") expect(await exportOf(service)).toBe(before);
      expect(rejections).toEqual([]);
      // A 500 would have logged its cause; so would any other failure the app caught.
      expect(logged).not.toHaveBeenCalled();
    }),
    { numRuns: RUNS_PER_MODE },
  );
  logged.mockRestore();
  // The requests reached past the framing: some were taken, some were refused.
  expect([...statuses].some((status) => status < 300)).toBe(true);
  expect([...statuses].some((status) => status >= 400)).toBe(true);
};

/** The README's round and eByggesak applied for and evaluated, for commands to meet. */
const seed = async (service: TestService, headers: Readonly<Record<string, string>> = {}): Promise<void> => {
  expect((await service.post("/rounds", request.openRound(), headers)).status).toBe(201);
  expect((await service.post("/grants", request.apply(), headers)).status).toBe(201);
  expect((await service.post("/grants/ebygg/evaluation", request.evaluate(), headers)).status).toBe(200);
};

describe("the HTTP API under random requests", () => {
  let service: TestService;
  afterEach(() => service.close());

  describe("in development mode", () => {
    beforeEach(async () => {
      service = await startTestService();
      await seed(service);
    });

    it(`answers ${RUNS_PER_MODE} random requests without a 500, and a refused one changes nothing`, async () => {
      await fuzz(service, fc.constantFrom("Bearer x", "Basic eDp5"));
    });
  });

  describe("with bearer tokens", () => {
    let tokens: readonly string[];
    beforeEach(async () => {
      const idp = await createTestIdentityProvider();
      const forger = await createTestIdentityProvider();
      service = await startTestService({}, idp.auth);
      const everyone = await idp.sign({ sub: "alle@difi.no", roles: ["case-officer", "approver", "payer"] });
      await seed(service, { Authorization: everyone });
      tokens = [
        everyone,
        await idp.sign({ sub: "saksbehandler@difi.no", roles: ["case-officer"] }),
        await idp.sign({ sub: "leder@difi.no", roles: ["approver"] }),
        await idp.sign({ sub: "utbetaling@difi.no", roles: ["payer"] }),
        await idp.sign({ sub: "revisjon@riksrevisjonen.no", roles: ["auditor"] }),
        await idp.sign({ sub: "ukjent@difi.no", roles: [] }),
        await idp.sign({ expiresIn: -3600 }),
        await idp.sign({ aud: "another-service" }),
        await forger.sign({ roles: ["approver", "payer"] }),
        "Bearer not.a.jwt",
      ];
    });

    it(`answers ${RUNS_PER_MODE} random requests without a 500, and a refused one changes nothing`, async () => {
      const mangled = fc.tuple(fc.constantFrom(...tokens), fc.nat(), fc.string({ minLength: 1, maxLength: 4 })).map(([token, at, text]) => {
        const index = 7 + (at % (token.length - 7));
        return token.slice(0, index) + text.replace(/[^\x21-\x7e]/g, "A") + token.slice(index + 1);
      });
      await fuzz(service, fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...tokens) }, { weight: 1, arbitrary: mangled }));
    });
  });
});
