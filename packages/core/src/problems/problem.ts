/**
 * Where the problem types are documented unless told otherwise: each type is this base and the
 * error's tag in kebab case (`…/award-exceeds-remaining-budget`). A service that publishes its
 * own pages passes its own base ({@link ProblemOptions.typeBase}).
 */
export const DEFAULT_PROBLEM_TYPE_BASE = "https://grantledger.example/problems/";

/**
 * An RFC 9457 problem, ready to be sent as `application/problem+json`: the standard members,
 * `code` (the error's tag, for a client's `switch`) and, as extension members, the error's own
 * fields with their figures. Money stays a number of øre (a safe integer by construction);
 * every `bigint` (a revision, a global position) is a decimal string, since a JSON number
 * above 2^53 is rounded by most clients; a field left `undefined` is left out.
 */
export interface Problem {
  /** A URI naming the kind of problem: {@link ProblemOptions.typeBase} and the tag in kebab case. */
  readonly type: string;
  /** The tag in words: `AwardExceedsRemainingBudget` is "Award exceeds remaining budget". */
  readonly title: string;
  /** The HTTP status the problem is sent with. */
  readonly status: number;
  /** One sentence for a person, with the figures (money as `formatMoney` writes it). */
  readonly detail: string;
  /** The occurrence, when given ({@link ProblemOptions.instance}): a request's path, say. */
  readonly instance?: string;
  /** The error's tag, e.g. `AwardExceedsRemainingBudget`. */
  readonly code: string;
  /** The error's fields (a field named like a standard member is renamed, see {@link PROBLEM_RENAMED_FIELDS}). */
  readonly [extension: string]: unknown;
}

/** A tagged error, as every error of grantledger is (and as a service's own can be). */
export interface TaggedError {
  /** Which error: `GrantNotFound`, `AwardExceedsRemainingBudget`, … */
  readonly _tag: string;
}

/** How a problem is made beyond the error itself. */
export interface ProblemOptions {
  /** The problem's `instance` (an HTTP service: the request's path as sent); left out if not given. */
  readonly instance?: string;
  /** The base of every `type` URI; {@link DEFAULT_PROBLEM_TYPE_BASE} if not given. */
  readonly typeBase?: string;
}

/** What an error becomes at the HTTP edge, before it is a {@link Problem}: a status and a sentence. */
export interface ProblemExplanation {
  /** The HTTP status. */
  readonly status: number;
  /** One sentence for a person. */
  readonly detail: string;
}

/**
 * Fields of an error named like a standard member (a grant's `status`, an event's `type`) would
 * overwrite it, so they travel under these names.
 */
export const PROBLEM_RENAMED_FIELDS: Readonly<Record<string, string>> = {
  type: "eventType",
  status: "grantStatus",
  title: "errorTitle",
  detail: "errorDetail",
  instance: "errorInstance",
  code: "errorCode",
};

// Runs of capitals stay together, so `MalformedJSON` reads "Malformed JSON".
const wordsOf = (tag: string): string[] => tag.match(/[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? [tag];
const isAcronym = (word: string): boolean => word.length > 1 && word === word.toUpperCase();

/** A problem's title from its tag: `AwardExceedsRemainingBudget` → "Award exceeds remaining budget". */
export const problemTitleOf = (tag: string): string =>
  wordsOf(tag)
    .map((word, index) => (index === 0 || isAcronym(word) ? word : word.toLowerCase()))
    .join(" ");

/** A problem's type URI from its tag: `AwardExceedsRemainingBudget` → `<typeBase>award-exceeds-remaining-budget`. */
export const problemTypeOf = (tag: string, typeBase: string = DEFAULT_PROBLEM_TYPE_BASE): string =>
  typeBase + wordsOf(tag).join("-").toLowerCase();

/** A value as JSON keeps it: bigints as decimal strings, `undefined` members left out. */
const jsonReady = (value: unknown): unknown => {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonReady);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, field]) => field !== undefined)
        .map(([key, field]) => [key, jsonReady(field)]),
    );
  }
  return value;
};

/**
 * The problem for any tagged error, explained: the way to make a service's own errors (a
 * request's, an authentication's) into problems of the same shape as the ledger's. The error's
 * fields other than `_tag` become extension members.
 */
export const toProblem = (error: TaggedError, explanation: ProblemExplanation, options: ProblemOptions = {}): Problem => {
  const { _tag, ...fields } = error as { readonly _tag: string; readonly [field: string]: unknown };
  const extensions = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [PROBLEM_RENAMED_FIELDS[key] ?? key, jsonReady(value)] as const);
  return {
    type: problemTypeOf(_tag, options.typeBase),
    title: problemTitleOf(_tag),
    status: explanation.status,
    detail: explanation.detail,
    ...(options.instance === undefined ? {} : { instance: options.instance }),
    code: _tag,
    ...Object.fromEntries(extensions),
  };
};
