import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { GrantEngine } from "@grantledger/projections";
import { authenticate, DEV_AUTH, type GrantsEnv, type ServiceAuth } from "./authentication.js";
import { addCommandRoutes } from "./commandRoutes.js";
import { problemFor } from "./problem.js";
import { addQueryRoutes } from "./queryRoutes.js";
import { addExplainRoutes } from "./explainRoutes.js";
import { explainRequestError, type RequestError } from "./requestErrors.js";
import { DEFAULT_SERVICE_LIMITS, type ServiceLimits } from "./serviceLimits.js";

/**
 * The grants service as a Hono app over a running engine: POST a command, GET a read model.
 * Every error is an `application/problem+json` answer. The app neither starts nor stops the
 * engine, so a test can run it over `createTestEngine()` and a server over any store. `limits`
 * bound what one request may bring (see {@link ServiceLimits}); `auth` says how callers are known
 * (see {@link ServiceAuth}: development mode, trusting `X-Actor`, unless tokens are asked for).
 */
export const createGrantsApp = (engine: GrantEngine, limits: Partial<ServiceLimits> = {}, auth: ServiceAuth = DEV_AUTH): Hono<GrantsEnv> => {
  const { maxBodyBytes, maxActorLength, maxJsonDepth } = { ...DEFAULT_SERVICE_LIMITS, ...limits };
  const app = new Hono<GrantsEnv>();
  // First of all: a caller without a valid token is refused before its body is read or any
  // route looks at the store (and cannot learn which paths exist).
  if (auth.mode === "jwt") app.use("*", authenticate(auth.verify));
  // Counted as the body streams in (or from Content-Length), so an oversized body is refused
  // without being held whole.
  app.use(
    "*",
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => {
        const error: RequestError = { _tag: "BodyTooLarge", limitBytes: maxBodyBytes };
        return problemFor(error, explainRequestError(error), c);
      },
    }),
  );
  addCommandRoutes(app, engine.ledger, { maxActorLength, maxJsonDepth });
  addQueryRoutes(app, engine);
  addExplainRoutes(app, engine);
  app.notFound((c) => {
    const error: RequestError = { _tag: "RouteNotFound", method: c.req.method, path: c.req.path };
    return problemFor(error, explainRequestError(error), c);
  });
  // The client learns that it failed, not how: the cause can name hosts or internals, so it
  // goes to the operator's log only.
  app.onError((cause, c) => {
    console.error(`${c.req.method} ${c.req.path} failed:`, cause);
    const error: RequestError = { _tag: "UnexpectedFailure" };
    return problemFor(error, explainRequestError(error), c);
  });
  return app;
};
