import type { Context } from "hono";
import { DEFAULT_PROBLEM_TYPE_BASE, ledgerProblem, toProblem, type LedgerProblemError, type Problem, type ProblemOptions, type TaggedError } from "@grantledger/core";
import { engineProblem, type GrantEngineError } from "@grantledger/projections";
import type { Explanation } from "./explanation.js";
import { jsonResponse } from "./json.js";

/**
 * Where the problem types are documented. Each type is this base and the error's tag in kebab
 * case (`…/award-exceeds-remaining-budget`); a team that deploys the service points it at its
 * own pages.
 */
export const PROBLEM_TYPE_BASE = DEFAULT_PROBLEM_TYPE_BASE;

/**
 * The problem's `instance`: the request's path as sent, still percent-encoded, since it must be
 * a URI reference.
 */
const optionsFor = (c: Context): ProblemOptions => ({ instance: new URL(c.req.url).pathname, typeBase: PROBLEM_TYPE_BASE });

/** A problem as an `application/problem+json` response with its status, and any `headers` it needs. */
export const problemResponse = (problem: Problem, headers: Readonly<Record<string, string>> = {}): Response =>
  jsonResponse(problem.status, problem, headers, "application/problem+json");

/**
 * The problem response for one of the service's own errors (a request's, an authentication's),
 * explained here, about request `c`; `headers` go with it (a 401's `WWW-Authenticate`).
 */
export const problemFor = (error: TaggedError, explanation: Explanation, c: Context, headers: Readonly<Record<string, string>> = {}): Response =>
  problemResponse(toProblem(error, explanation, optionsFor(c)), headers);

/** The problem response for an error of the ledger or the store, by the library's mapping (`ledgerProblem`). */
export const ledgerProblemFor = (error: LedgerProblemError, c: Context): Response => problemResponse(ledgerProblem(error, optionsFor(c)));

/** The problem response for an error of the read models, by the library's mapping (`engineProblem`). */
export const engineProblemFor = (error: GrantEngineError, c: Context): Response => problemResponse(engineProblem(error, optionsFor(c)));
