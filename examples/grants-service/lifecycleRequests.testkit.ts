import { expect } from "vitest";
import { PROBLEM_TYPE_BASE } from "./problem.js";
import * as request from "./requests.testkit.js";
import type { Answer, TestService } from "./testService.testkit.js";

/*
 * Request bodies and checks for the tests of a grant's life after its decision. Money in øre.
 * Every business time is in 2009-2011, so none lies in the future of the ledger's clock.
 */

/** POST /rounds: the README's round in scheme `krisepakke-2009`, with the policy given added. */
export const openSchemeRound = (roundId: string, budget: number, policy: Readonly<Record<string, unknown>> = {}, schemeId = "krisepakke-2009") => {
  const round = request.openRound(roundId, budget);
  return { ...round, schemeId, policy: { ...round.policy, ...policy } };
};

/** POST /grants/:grantId/award: `amount` in two instalments, 60 % in 2009 and 40 % in 2010. */
export const awardOf = (amount: number, awardedAt = "2009-06-19T12:00:00+02:00") => ({ ...request.award(amount), awardedAt });

/** POST /grants/:grantId/disbursements */
export const payment = (paymentRef: string, amount: number, disbursedAt: string) => ({ paymentRef, amount, disbursedAt });

/** Applies for a grant and evaluates it, both as the default actor unless `evaluator` says otherwise. */
export const applyAndEvaluate = async (service: TestService, grantId: string, roundId: string, evaluator?: string): Promise<void> => {
  expect((await service.post("/grants", request.apply(grantId, roundId))).status).toBe(201);
  const headers = evaluator === undefined ? undefined : { "X-Actor": evaluator };
  expect((await service.post(`/grants/${grantId}/evaluation`, request.evaluate(), headers)).status).toBe(200);
};

/** The stream and type of each event an accepted command recorded, in order. */
export const recorded = (answer: Answer): readonly (readonly [string, string])[] =>
  (answer.body.events as readonly { streamName: string; type: string }[]).map((event) => [event.streamName, event.type] as const);

/**
 * A refusal as a client sees it: the status, the problem's `type` (the documented URL, given in
 * kebab case here so a renamed tag shows), its `code`, and the figures it names.
 */
export const expectProblem = (answer: Answer, status: number, slug: string, code: string, figures: Readonly<Record<string, unknown>> = {}): void => {
  expect(answer.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
  expect(answer.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}${slug}`, status, code, ...figures });
  expect(answer.body.detail).toEqual(expect.any(String));
  expect(answer.status).toBe(status);
};
