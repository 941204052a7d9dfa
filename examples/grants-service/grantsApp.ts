import { Hono } from "hono";
import type { GrantEngine } from "@grantledger/projections";
import { addCommandRoutes } from "./commandRoutes.js";
import { problemFor } from "./problem.js";
import { addQueryRoutes } from "./queryRoutes.js";
import { explainRequestError, type RequestError } from "./requestErrors.js";

/**
 * The grants service as a Hono app over a running engine: POST a command, GET a read model.
 * Every error is an `application/problem+json` answer. The app neither starts nor stops the
 * engine, so a test can run it over `createTestEngine()` and a server over any store.
 */
export const createGrantsApp = (engine: GrantEngine): Hono => {
  const app = new Hono();
  addCommandRoutes(app, engine.ledger);
  addQueryRoutes(app, engine);
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
