import type { LedgerError } from "../handler/grantLedger.js";
import { GRANT_PROBLEMS } from "./grantProblems.js";
import { HANDLER_PROBLEMS, type HandlerProblemError } from "./handlerProblems.js";
import { LIFECYCLE_PROBLEMS } from "./lifecycleProblems.js";
import type { Problem, ProblemOptions } from "./problem.js";
import { problemBy, type ProblemRules } from "./problemRule.js";
import { ROUND_PROBLEMS } from "./roundProblems.js";

/** Every error the ledger's methods return ({@link LedgerError}), and every error of the `EventStore` port. */
export type LedgerProblemError = LedgerError | HandlerProblemError;

/** The tag of every error {@link LEDGER_PROBLEMS} maps. */
export type LedgerProblemTag = LedgerProblemError["_tag"];

/**
 * The one mapping from every error of the ledger and of the store to an RFC 9457 problem: for
 * each tag its HTTP status and its sentence. Data only, no HTTP library: a service sends what
 * {@link ledgerProblem} makes with the framework it has. Keyed by every tag, so a tag added to
 * an error union is a compile error here until it is mapped.
 */
export const LEDGER_PROBLEMS: ProblemRules<LedgerProblemError> = {
  ...GRANT_PROBLEMS,
  ...LIFECYCLE_PROBLEMS,
  ...ROUND_PROBLEMS,
  ...HANDLER_PROBLEMS,
};

/**
 * The RFC 9457 problem for an error of the ledger or the store: `type` (the tag in kebab case
 * under `typeBase`), `title`, `status`, `detail`, `instance` if given, `code` (the tag) and the
 * error's fields as extension members.
 *
 * @example
 * ```ts
 * const outcome = await ledger.run.awardGrant(award, context);
 * if (E.isLeft(outcome)) {
 *   const problem = ledgerProblem(outcome.left, { instance: "/grants/ebygg/award" });
 *   return new Response(JSON.stringify(problem), {
 *     status: problem.status,
 *     headers: { "content-type": "application/problem+json" },
 *   });
 * }
 * ```
 */
export const ledgerProblem = (error: LedgerProblemError, options?: ProblemOptions): Problem => problemBy(LEDGER_PROBLEMS, error, options);
