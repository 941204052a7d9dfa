import type { Context } from "hono";
import type { Explanation } from "./explanation.js";
import { jsonResponse } from "./json.js";

/**
 * Where the problem types are documented. Each type is this base and the error's tag in kebab
 * case (`…/award-exceeds-remaining-budget`); a team that deploys the service points it at its
 * own pages.
 */
export const PROBLEM_TYPE_BASE = "https://grantledger.example/problems/";

/**
 * An RFC 9457 problem: the standard members, `code` (the error's tag, for a client's `switch`)
 * and, as extension members, the error's own fields with their figures (money in øre).
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly [extension: string]: unknown;
}

// A field named like a standard member would overwrite it (a grant's `status`, an event's
// `type`), so it travels under another name.
const RENAMED: Readonly<Record<string, string>> = {
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

/** `AwardExceedsRemainingBudget` → "Award exceeds remaining budget". */
export const titleOf = (tag: string): string =>
  wordsOf(tag)
    .map((word, index) => (index === 0 || isAcronym(word) ? word : word.toLowerCase()))
    .join(" ");

/** `AwardExceedsRemainingBudget` → `…/problems/award-exceeds-remaining-budget`. */
export const problemTypeOf = (tag: string): string => PROBLEM_TYPE_BASE + wordsOf(tag).join("-").toLowerCase();

/** The problem for a tagged error, explained, at `instance` (the request's path). */
export const toProblem = (error: { readonly _tag: string }, explanation: Explanation, instance: string): Problem => {
  const { _tag, ...fields } = error as { readonly _tag: string; readonly [field: string]: unknown };
  const extensions = Object.fromEntries(Object.entries(fields).map(([key, value]) => [RENAMED[key] ?? key, value]));
  return {
    type: problemTypeOf(_tag),
    title: titleOf(_tag),
    status: explanation.status,
    detail: explanation.detail,
    instance,
    code: _tag,
    ...extensions,
  };
};

/** A problem as an `application/problem+json` response with its status, and any `headers` it needs. */
export const problemResponse = (problem: Problem, headers: Readonly<Record<string, string>> = {}): Response =>
  jsonResponse(problem.status, problem, headers, "application/problem+json");

/**
 * The problem response for a tagged error, explained, about request `c`. Its `instance` is the
 * request's path as sent, still percent-encoded: it must be a URI reference. `headers` go with
 * it (a 401's `WWW-Authenticate`).
 */
export const problemFor = (
  error: { readonly _tag: string },
  explanation: Explanation,
  c: Context,
  headers: Readonly<Record<string, string>> = {},
): Response => problemResponse(toProblem(error, explanation, new URL(c.req.url).pathname), headers);
