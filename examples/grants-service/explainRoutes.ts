import * as E from "fp-ts/lib/Either.js";
import type { Context, Hono } from "hono";
import { IsoDateTime, isIsoDate } from "@grantledger/core";
import { explainFigure, explainProblem, type AsOfOptions, type ExplainError, type ExplainSubject, type GrantEngine } from "@grantledger/projections";
import type { GrantsEnv } from "./authentication.js";
import { engineProblemFor, PROBLEM_TYPE_BASE, problemFor, problemResponse } from "./problem.js";
import { explainRequestError, type RequestError } from "./requestErrors.js";
import { ok } from "./readModelQueries.js";
import { totalsScopeOf } from "./queryParameters.js";

// The problem's `instance`: the request's path as sent, as the other problems of the service have it.
const explainProblemFor = (error: ExplainError, c: Context): Response =>
  problemResponse(explainProblem(error, { instance: new URL(c.req.url).pathname, typeBase: PROBLEM_TYPE_BASE }));

// `?knownAt=`, `?inEffectOn=` and `?atPosition=`: the two clocks, as the CLI's flags.
const asOfOf = (c: Context): E.Either<RequestError, AsOfOptions> => {
  const knownAt = c.req.query("knownAt");
  const inEffectOn = c.req.query("inEffectOn");
  const atPosition = c.req.query("atPosition");
  if (knownAt !== undefined && !IsoDateTime.is(knownAt)) return E.left({ _tag: "InvalidQuery", parameter: "knownAt", reason: `must be an ISO-8601 time with a zone, not ${JSON.stringify(knownAt)}` });
  if (inEffectOn !== undefined && !IsoDateTime.is(inEffectOn) && !isIsoDate(inEffectOn)) {
    return E.left({ _tag: "InvalidQuery", parameter: "inEffectOn", reason: `must be a date as YYYY-MM-DD or an ISO-8601 time with a zone, not ${JSON.stringify(inEffectOn)}` });
  }
  if (atPosition !== undefined && !/^(0|[1-9]\d*)$/.test(atPosition)) return E.left({ _tag: "InvalidQuery", parameter: "atPosition", reason: `must be a whole number (a global position), not ${JSON.stringify(atPosition)}` });
  return E.right({
    ...(knownAt === undefined ? {} : { knownAt }),
    ...(inEffectOn === undefined ? {} : { inEffectOn }),
    ...(atPosition === undefined ? {} : { position: BigInt(atPosition) }),
  });
};

const refused = (c: Context, error: RequestError): Response => problemFor(error, explainRequestError(error), c);

/**
 * Adds `GET /municipalities/:no/explain`, `/participants/:key/explain`, `/rounds/:id/explain`,
 * `/grants/:id/explain` and `/payees/:orgNo/explain`, each `?field=` (required), with `?round=` or
 * `?scheme=` for a municipality or participant, and `?knownAt=`, `?inEffectOn=`, `?atPosition=`.
 * Each waits for the read models to settle (read your own write), then explains the figure from
 * the store: `{ query, figure, parts, position }`, money in øre, positions and revisions as strings.
 */
export const addExplainRoutes = (app: Hono<GrantsEnv>, engine: GrantEngine): void => {
  const explain = (subjectOf: (c: Context) => ExplainSubject, scoped: boolean) => async (c: Context<GrantsEnv>) => {
    const settled = await engine.settled()();
    if (E.isLeft(settled)) return engineProblemFor(settled.left, c);
    const field = c.req.query("field");
    if (field === undefined || field === "") return refused(c, { _tag: "InvalidQuery", parameter: "field", reason: "is required: the money field to explain, e.g. awarded" });
    const scope = scoped ? totalsScopeOf(c) : E.right(undefined);
    if (E.isLeft(scope)) return refused(c, scope.left);
    const asOf = asOfOf(c);
    if (E.isLeft(asOf)) return refused(c, asOf.left);
    const explained = await explainFigure(engine.store, { subject: subjectOf(c), field, ...scope.right }, asOf.right)();
    return E.isLeft(explained) ? explainProblemFor(explained.left, c) : ok(explained.right);
  };
  app.get("/municipalities/:no/explain", explain((c) => ({ kind: "municipality", municipalityNo: c.req.param("no") ?? "" }), true));
  app.get("/participants/:key/explain", explain((c) => ({ kind: "participant", key: c.req.param("key") ?? "" }), true));
  app.get("/rounds/:roundId/explain", explain((c) => ({ kind: "round", roundId: c.req.param("roundId") ?? "" }), false));
  app.get("/grants/:grantId/explain", explain((c) => ({ kind: "grant", grantId: c.req.param("grantId") ?? "" }), false));
  app.get("/payees/:orgNo/explain", explain((c) => ({ kind: "payee", orgNo: c.req.param("orgNo") ?? "" }), false));
};
