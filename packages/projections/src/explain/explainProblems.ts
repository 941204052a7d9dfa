import { problemBy, type Problem, type ProblemOptions, type ProblemRules } from "@grantledger/core";
import { ENGINE_PROBLEMS } from "../engine/engineProblems.js";
import { describeExplainError, type ExplainError } from "./explainError.js";

const sentence = (error: ExplainError): string => `${describeExplainError(error)}.`;

/**
 * The problems of an explanation, beside the engine's ({@link ENGINE_PROBLEMS}, whose rules it
 * takes for the fold's own errors): a subject, round or scheme the history does not hold is 404;
 * a field the subject has not, or a query that cannot be asked, is the caller's to correct (400);
 * parts that do not sum (never expected) are 500.
 */
export const EXPLAIN_PROBLEMS: ProblemRules<ExplainError> = {
  EventStoreFailed: ENGINE_PROBLEMS.EventStoreFailed,
  ReadModelStoreFailed: ENGINE_PROBLEMS.ReadModelStoreFailed,
  RunnerNotRunning: ENGINE_PROBLEMS.RunnerNotRunning,
  PoisonEvent: ENGINE_PROBLEMS.PoisonEvent,
  InvalidAsOf: ENGINE_PROBLEMS.InvalidAsOf,
  UnknownFigureField: { status: 400, detail: sentence },
  InvalidFigureQuery: { status: 400, detail: sentence },
  SubjectNotFound: { status: 404, detail: sentence },
  ScopeNotFound: { status: 404, detail: sentence },
  PartsDoNotSum: { status: 500, detail: sentence },
};

/** The RFC 9457 problem for an explain error, made as `engineProblem` makes the engine's. */
export const explainProblem = (error: ExplainError, options?: ProblemOptions): Problem => problemBy(EXPLAIN_PROBLEMS, error, options);
