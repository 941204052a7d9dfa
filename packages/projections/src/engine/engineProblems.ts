import { LEDGER_PROBLEMS, problemBy, type Problem, type ProblemOptions, type ProblemRules } from "@grantledger/core";
import { describeProjectionError } from "../projectionError.js";
import type { GrantEngineError } from "./grantEngine.js";

// A store that cannot be reached or is closed may come back; any other refusal will not.
const STORE_DOWN: ReadonlySet<string> = new Set(["StoreUnavailable", "StoreClosed"]);

/**
 * The problems of the read models, beside the ledger's ({@link LEDGER_PROBLEMS}): why
 * `settled()` could not answer. A store that cannot be reached, or a read model that stopped
 * following it or cannot be loaded or saved, may come back (503); an event a read model cannot
 * take, or a store that refuses otherwise, will not (500); an as-of time that is not one is the
 * caller's to correct (400).
 */
export const ENGINE_PROBLEMS: ProblemRules<GrantEngineError> = {
  StoreUnavailable: LEDGER_PROBLEMS.StoreUnavailable,
  StoreClosed: LEDGER_PROBLEMS.StoreClosed,
  EventStoreFailed: { status: (e) => (STORE_DOWN.has(e.error._tag) ? 503 : 500), detail: (e) => `${describeProjectionError(e)}.` },
  ReadModelStoreFailed: { status: 503, detail: (e) => `${describeProjectionError(e)}.` },
  RunnerNotRunning: { status: 503, detail: (e) => `${describeProjectionError(e)}.` },
  PoisonEvent: { status: 500, detail: (e) => `${describeProjectionError(e)}.` },
  // The caller's own as-of option (a query parameter, in a service) that cannot be read.
  InvalidAsOf: { status: 400, detail: (e) => `${describeProjectionError(e)}.` },
};

/**
 * The RFC 9457 problem for an error of the engine's read models (`settled()`, `projectAsOf`),
 * made as `ledgerProblem` makes the ledger's: the same `type`, `title`, `code` and extension
 * members (bigints as decimal strings; a store error inside `EventStoreFailed` as a nested object).
 */
export const engineProblem = (error: GrantEngineError, options?: ProblemOptions): Problem => problemBy(ENGINE_PROBLEMS, error, options);
