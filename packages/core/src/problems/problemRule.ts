import { toProblem, type Problem, type ProblemOptions, type TaggedError } from "./problem.js";

/**
 * The statuses the library's mappings give. 400: the input cannot be read as a command; 404: the
 * grant or round named does not exist; 409: the ledger's state refuses the command (a broken
 * rule, a lost race, a command id used for another command); 410: the stream was deleted for
 * good; 422: the command does not pass its codec, or names a time after the ledger's clock; 500:
 * the history or the store's set-up is broken, retrying will not help; 503: the store or a read
 * model is not there now, the same request may well pass later.
 */
export type ProblemStatus = 400 | 404 | 409 | 410 | 422 | 500 | 503;

/** How one error tag becomes a problem: its status (fixed, or chosen by the error) and its sentence. */
export interface ProblemRule<E> {
  /** The HTTP status; a function where the error's figures decide it. */
  readonly status: ProblemStatus | ((error: E) => ProblemStatus);
  /** One sentence for a person, with the error's figures. */
  readonly detail: (error: E) => string;
}

/**
 * One {@link ProblemRule} for every tag of the error union `U`, keyed by tag: a tag added to `U`
 * and not given a rule is a compile error, not a 500 at run time.
 */
export type ProblemRules<U extends TaggedError> = {
  readonly [K in U["_tag"]]: ProblemRule<Extract<U, Readonly<Record<"_tag", K>>>>;
};

/** The status a rule gives this error. */
export const statusOf = <E>(rule: ProblemRule<E>, error: E): ProblemStatus =>
  typeof rule.status === "function" ? rule.status(error) : rule.status;

/**
 * The problem for an error of union `U` by its rule in `rules`: how each mapping (the ledger's,
 * the engine's, a service's own) turns an error into a {@link Problem}.
 */
export const problemBy = <U extends TaggedError>(rules: ProblemRules<U>, error: U, options?: ProblemOptions): Problem => {
  // The record is keyed by every tag of U, so the rule for error's tag takes that error.
  const rule = rules[error._tag as U["_tag"]] as unknown as ProblemRule<U>;
  return toProblem(error, { status: statusOf(rule, error), detail: rule.detail(error) }, options);
};
