import * as E from "fp-ts/lib/Either.js";
import type { Context } from "hono";
import {
  getGrant,
  getGrantBenefits,
  getReportObligations,
  getRoundBudget,
  getSchemeBudget,
  listMunicipalities,
  listOtherParticipants,
  listReportObligationsOn,
  type ReadModelStates,
  type TotalsScope,
} from "@grantledger/projections";
import { jsonResponse } from "./json.js";
import { ledgerProblemFor, problemFor } from "./problem.js";
import { businessDateOf, totalsScopeOf } from "./queryParameters.js";
import { explainRequestError, type RequestError } from "./requestErrors.js";

/** A read endpoint's answer from the settled read models. */
export type Query = (models: ReadModelStates, c: Context) => Response | Promise<Response>;

/** 200 with the read model's value as it is: every figure it has, new ones included. */
export const ok = (body: unknown): Response => jsonResponse(200, body);

const refused = (c: Context, error: RequestError): Response => problemFor(error, explainRequestError(error), c);

/** 404 for a grant never applied for. */
export const unknownGrant = (c: Context, grantId: string): Response => ledgerProblemFor({ _tag: "GrantNotFound", grantId }, c);

/** 404 for a round never opened. */
export const unknownRound = (c: Context, roundId: string): Response => ledgerProblemFor({ _tag: "RoundNotFound", roundId }, c);

/** GET /grants/:grantId/benefits: 404 for an unknown grant, and for one not awarded (yet). */
export const grantBenefits: Query = (models, c) => {
  const grantId = c.req.param("grantId") ?? "";
  const grant = getGrant(models.grantRegister, grantId);
  if (grant === undefined) return unknownGrant(c, grantId);
  const benefits = getGrantBenefits(models.benefitsRealisation, grantId);
  return benefits !== undefined ? ok(benefits) : refused(c, { _tag: "GrantHasNoBenefits", grantId, grantStatus: grant.status });
};

/** GET /grants/:grantId/obligations: each report due and whether it was made; 404 for a grant never awarded. */
export const grantObligations: Query = (models, c) => {
  const grantId = c.req.param("grantId") ?? "";
  const grant = getGrant(models.grantRegister, grantId);
  if (grant === undefined) return unknownGrant(c, grantId);
  const obligations = getReportObligations(models.reportObligations, grantId);
  return obligations !== undefined ? ok(obligations) : refused(c, { _tag: "GrantHasNoReportObligations", grantId, grantStatus: grant.status });
};

/** GET /obligations?on=YYYY-MM-DD: what is overdue and due on that business date, over all grants. */
export const obligationsOn: Query = (models, c) => {
  const on = businessDateOf(c);
  return E.isLeft(on) ? refused(c, on.left) : ok(listReportObligationsOn(models.reportObligations, on.right));
};

/** A scope that names a round or scheme nobody opened is a 404, not an empty list. */
const unknownScope = (models: ReadModelStates, c: Context, scope: TotalsScope | undefined): Response | undefined => {
  if (scope === undefined) return undefined;
  if ("roundId" in scope) return getRoundBudget(models.roundBudget, scope.roundId) === undefined ? unknownRound(c, scope.roundId) : undefined;
  return getSchemeBudget(models.roundBudget, scope.schemeId) === undefined ? refused(c, { _tag: "SchemeNotFound", schemeId: scope.schemeId }) : undefined;
};

/** GET /municipalities and /other-participants, over all rounds or `?round=` or `?scheme=`. */
export const participants =
  (kind: "municipalities" | "otherParticipants"): Query =>
  (models, c) => {
    const scope = totalsScopeOf(c);
    if (E.isLeft(scope)) return refused(c, scope.left);
    const unknown = unknownScope(models, c, scope.right);
    if (unknown !== undefined) return unknown;
    const rows = kind === "municipalities" ? listMunicipalities(models.municipalityTotals, scope.right) : listOtherParticipants(models.municipalityTotals, scope.right);
    return ok({ [kind]: rows });
  };

/** GET /schemes/:schemeId: the sums over a scheme's rounds; 404 if no round names it. */
export const schemeBudget: Query = (models, c) => {
  const schemeId = c.req.param("schemeId") ?? "";
  const scheme = getSchemeBudget(models.roundBudget, schemeId);
  return scheme === undefined ? refused(c, { _tag: "SchemeNotFound", schemeId }) : ok(scheme);
};
