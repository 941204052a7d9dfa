import { describeProjectionError, type ProjectionError } from "../projectionError.js";
import type { ExplainSubject, FigureQuery } from "./explainTypes.js";

/** A field that is not a money figure of the subject's row. */
export interface UnknownFigureField {
  /** Always `"UnknownFigureField"`. */
  readonly _tag: "UnknownFigureField";
  /** The subject asked about. */
  readonly subject: ExplainSubject;
  /** The field asked for, as given. */
  readonly field: string;
  /** The fields that can be explained for a subject of its kind. */
  readonly fields: readonly string[];
}

/** A subject the history (as of the cut asked for) does not hold. */
export interface SubjectNotFound {
  /** Always `"SubjectNotFound"`. */
  readonly _tag: "SubjectNotFound";
  /** The subject asked about. */
  readonly subject: ExplainSubject;
  /** The last global position read; `undefined` when nothing was. */
  readonly position: bigint | undefined;
}

/** A round or scheme given as a participant's scope that the history does not hold. */
export interface ScopeNotFound {
  /** Always `"ScopeNotFound"`. */
  readonly _tag: "ScopeNotFound";
  /** Whether a round (`roundId`) or a scheme (`schemeId`) was given. */
  readonly scope: "round" | "scheme";
  /** Its id, as given. */
  readonly id: string;
  /** The last global position read; `undefined` when nothing was. */
  readonly position: bigint | undefined;
}

/** A query that cannot be asked: both a round and a scheme, or a scope for a subject that has none. */
export interface InvalidFigureQuery {
  /** Always `"InvalidFigureQuery"`. */
  readonly _tag: "InvalidFigureQuery";
  /** The query. */
  readonly query: FigureQuery;
  /** What is wrong with it. */
  readonly reason: string;
}

/**
 * The parts found do not sum to the read model's figure. It cannot happen while the fold and the
 * queries agree; it is reported rather than an explanation that does not add up.
 */
export interface PartsDoNotSum {
  /** Always `"PartsDoNotSum"`. */
  readonly _tag: "PartsDoNotSum";
  /** The query. */
  readonly query: FigureQuery;
  /** The read model's figure, in øre. */
  readonly figure: number;
  /** What the parts sum to, in øre. */
  readonly sum: number;
}

/** Everything that can stop an explanation: a bad query, or the projection errors of the fold. */
export type ExplainError = UnknownFigureField | SubjectNotFound | ScopeNotFound | InvalidFigureQuery | PartsDoNotSum | ProjectionError;

/** A subject in words: `municipality 1201`, `participant county:12`, `round r1`, `grant g1`, `payee 974760673`. */
export const describeSubject = (subject: ExplainSubject): string => {
  switch (subject.kind) {
    case "municipality":
      return `municipality ${subject.municipalityNo}`;
    case "participant":
      return `participant ${subject.key}`;
    case "round":
      return `round ${subject.roundId}`;
    case "grant":
      return `grant ${subject.grantId}`;
    case "payee":
      return `payee ${subject.orgNo}`;
  }
};

const asOf = (position: bigint | undefined): string => (position === undefined ? "before the first event" : `as of position ${position}`);

/** One sentence for an explain error, for the edges (CLI, HTTP). */
export const describeExplainError = (error: ExplainError): string => {
  switch (error._tag) {
    case "UnknownFigureField":
      return `"${error.field}" is not a money figure of a ${error.subject.kind} (${describeSubject(error.subject)}); one of: ${error.fields.join(", ")}`;
    case "SubjectNotFound":
      return `no ${describeSubject(error.subject)} in the history ${asOf(error.position)}`;
    case "ScopeNotFound":
      return `no ${error.scope} ${error.id} in the history ${asOf(error.position)}`;
    case "InvalidFigureQuery":
      return `cannot explain ${describeSubject(error.query.subject)} ${error.query.field}: ${error.reason}`;
    case "PartsDoNotSum":
      return `the parts of ${describeSubject(error.query.subject)} ${error.query.field} sum to ${error.sum} øre, not ${error.figure}`;
    default:
      return describeProjectionError(error);
  }
};
