import * as E from "fp-ts/lib/Either.js";
import type { Context, Hono } from "hono";
import {
  getGrant,
  getGrantBenefits,
  getRoundBudget,
  listGrants,
  listMunicipalities,
  listOtherParticipants,
  listRoundBudgets,
  type GrantEngine,
  type ReadModelStates,
} from "@grantledger/projections";
import { explainEngineError } from "./explainEngineError.js";
import { explainGrantError } from "./explainGrantError.js";
import { explainHandlerError } from "./explainHandlerError.js";
import { explainRoundError } from "./explainRoundError.js";
import { readGrantHistory } from "./grantHistory.js";
import { jsonResponse } from "./json.js";
import { problemFor } from "./problem.js";
import { explainRequestError } from "./requestErrors.js";

type Query = (models: ReadModelStates, c: Context) => Response;

const ok = (body: unknown): Response => jsonResponse(200, body);

const unknownGrant = (c: Context, grantId: string): Response => {
  const error = { _tag: "GrantNotFound", grantId } as const;
  return problemFor(error, explainGrantError(error), c);
};

const unknownRound = (c: Context, roundId: string): Response => {
  const error = { _tag: "RoundNotFound", roundId } as const;
  return problemFor(error, explainRoundError(error), c);
};

/** GET /grants/:grantId/benefits: 404 for an unknown grant, and for one not awarded (yet). */
const grantBenefits: Query = (models, c) => {
  const grantId = c.req.param("grantId") ?? "";
  const grant = getGrant(models.grantRegister, grantId);
  if (grant === undefined) return unknownGrant(c, grantId);
  const benefits = getGrantBenefits(models.benefitsRealisation, grantId);
  if (benefits !== undefined) return ok(benefits);
  const error = { _tag: "GrantHasNoBenefits", grantId, grantStatus: grant.status } as const;
  return problemFor(error, explainRequestError(error), c);
};

/**
 * Adds the read endpoints. Each waits for the read models to settle first, so a client that
 * has just posted a command reads its own write; the history reads the store itself.
 */
export const addQueryRoutes = (app: Hono, engine: GrantEngine): void => {
  const settled = (query: Query) => async (c: Context) => {
    const models = await engine.settled()();
    return E.isLeft(models) ? problemFor(models.left, explainEngineError(models.left), c) : query(models.right, c);
  };

  app.get("/municipalities", settled((m) => ok({ municipalities: listMunicipalities(m.municipalityTotals) })));
  app.get("/other-participants", settled((m) => ok({ otherParticipants: listOtherParticipants(m.municipalityTotals) })));
  app.get("/rounds", settled((m) => ok({ rounds: listRoundBudgets(m.roundBudget) })));
  app.get("/rounds/:roundId", settled((m, c) => {
    const roundId = c.req.param("roundId") ?? "";
    const round = getRoundBudget(m.roundBudget, roundId);
    return round === undefined ? unknownRound(c, roundId) : ok(round);
  }));
  app.get("/grants", settled((m) => ok({ grants: listGrants(m.grantRegister) })));
  app.get("/grants/:grantId", settled((m, c) => {
    const grantId = c.req.param("grantId") ?? "";
    const grant = getGrant(m.grantRegister, grantId);
    return grant === undefined ? unknownGrant(c, grantId) : ok(grant);
  }));
  app.get("/grants/:grantId/benefits", settled(grantBenefits));

  app.get("/grants/:grantId/history", async (c) => {
    const history = await readGrantHistory(engine.store, c.req.param("grantId"));
    if (E.isRight(history)) return ok(history.right);
    const error = history.left;
    return problemFor(error, error._tag === "GrantNotFound" ? explainGrantError(error) : explainHandlerError(error), c);
  });
};
