import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";

/** How many rows a page holds when the request names no `limit`. */
export const DEFAULT_PAGE_LIMIT = 100;
/** The most rows one page may hold; a larger `limit` is refused. */
export const MAX_PAGE_LIMIT = 1000;

/**
 * Which page of a list: rows are in order of their key (grant id, participant key, round id,
 * compared as strings, code unit by code unit), and a page holds the first `limit` rows whose
 * key is after `after`. The cursor is plain: the `next` of the page before, which is the last
 * key it held. A row is never on two pages, and rows added between two requests appear on a
 * later page if their key is after the cursor.
 */
export interface PageRequest {
  /** Start after this key: the `next` of the page before; absent for the first page. */
  readonly after?: string;
  /** How many rows at most: 1 to {@link MAX_PAGE_LIMIT}; {@link DEFAULT_PAGE_LIMIT} if absent. */
  readonly limit?: number;
}

/** One page of a list. */
export interface Page<Row> {
  /** The rows, in order of key. */
  readonly rows: readonly Row[];
  /** The cursor of the next page (pass it as `after`), or `undefined` when this page is the last. */
  readonly next: string | undefined;
}

/** A page request that cannot be answered: the field and why. Nothing was read. */
export interface InvalidPageRequest {
  /** Tells this error from the others. */
  readonly _tag: "InvalidPageRequest";
  /** The field at fault. */
  readonly field: "limit" | "after";
  /** What was given. */
  readonly value: unknown;
  /** What is allowed instead. */
  readonly reason: string;
}

/** A checked request: the cursor (empty string: from the start) and the limit. */
export interface CheckedPage {
  /** Start after this key; `""` for the first page (every key is longer). */
  readonly after: string;
  /** How many rows at most. */
  readonly limit: number;
}

/** Checks a page request's cursor and limit. */
export const checkPageRequest = (request: PageRequest): Either<InvalidPageRequest, CheckedPage> => {
  const { after, limit = DEFAULT_PAGE_LIMIT } = request;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT)
    return E.left({ _tag: "InvalidPageRequest", field: "limit", value: limit, reason: `a whole number from 1 to ${MAX_PAGE_LIMIT}` });
  if (after !== undefined && (typeof after !== "string" || after.length === 0 || after.length > 500))
    return E.left({ _tag: "InvalidPageRequest", field: "after", value: after, reason: "the `next` of an earlier page: a non-empty key of at most 500 characters" });
  return E.right({ after: after ?? "", limit });
};

/**
 * The page of the entries `fetched` (in key order, at most `limit + 1` of them: one more says
 * there is a next page), each turned into its row by `rowOf`.
 */
export const pageOf = <V, Row>(fetched: readonly (readonly [key: string, value: V])[], limit: number, rowOf: (value: V) => Row): Page<Row> => {
  const kept = fetched.length > limit ? fetched.slice(0, limit) : fetched;
  const last = kept[kept.length - 1];
  return { rows: kept.map(([, value]) => rowOf(value)), next: fetched.length > limit && last !== undefined ? last[0] : undefined };
};
