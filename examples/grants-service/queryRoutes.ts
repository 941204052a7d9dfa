import * as E from "fp-ts/lib/Either.js";
import type { Context, Hono } from "hono";
import { getGrant, getRoundBudget, listRoundBudgets, listSchemeBudgets, type GrantEngine } from "@grantledger/projections";
import type { GrantsEnv } from "./authentication.js";
import { grantsPage } from "./grantPages.js";
import { readGrantHistory } from "./grantHistory.js";
import { engineProblemFor, ledgerProblemFor } from "./problem.js";
import { revealGrantRow } from "./revealGrantRow.js";
import {
  grantBenefits,
  grantObligations,
  obligationsOn,
  ok,
  participants,
  schemeBudget,
  unknownGrant,
  unknownRound,
  type Query,
} from "./readModelQueries.js";

/**
 * Adds the read endpoints. Each waits for the read models to settle first, so a client that
 * has just posted a command reads its own write; the history reads the store itself.
 */
export const addQueryRoutes = (app: Hono<GrantsEnv>, engine: GrantEngine): void => {
  const settled = (query: Query) => async (c: Context<GrantsEnv>) => {
    const models = await engine.settled()();
    return E.isLeft(models) ? engineProblemFor(models.left, c) : query(models.right, c);
  };

  app.get("/municipalities", settled(participants("municipalities")));
  app.get("/other-participants", settled(participants("otherParticipants")));
  app.get("/schemes", settled((m) => ok({ schemes: listSchemeBudgets(m.roundBudget) })));
  app.get("/schemes/:schemeId", settled(schemeBudget));
  app.get("/rounds", settled((m) => ok({ rounds: listRoundBudgets(m.roundBudget) })));
  app.get("/rounds/:roundId", settled((m, c) => {
    const roundId = c.req.param("roundId") ?? "";
    const round = getRoundBudget(m.roundBudget, roundId);
    return round === undefined ? unknownRound(c, roundId) : ok(round);
  }));
  app.get("/grants", settled(grantsPage));
  app.get("/grants/:grantId", settled((m, c) => {
    const grantId = c.req.param("grantId") ?? "";
    const grant = getGrant(m.grantRegister, grantId);
    const keys = engine.personalData?.keys;
    if (grant === undefined || keys === undefined) return grant === undefined ? unknownGrant(c, grantId) : ok(grant);
    return revealGrantRow(grant, keys).then((shown) => (E.isRight(shown) ? ok(shown.right) : ledgerProblemFor(shown.left, c)));
  }));
  app.get("/grants/:grantId/benefits", settled(grantBenefits));
  app.get("/grants/:grantId/obligations", settled(grantObligations));
  app.get("/obligations", settled(obligationsOn));

  app.get("/grants/:grantId/history", async (c) => {
    const history = await readGrantHistory(engine.store, c.req.param("grantId"), engine.personalData?.keys);
    return E.isRight(history) ? ok(history.right) : ledgerProblemFor(history.left, c);
  });
};
