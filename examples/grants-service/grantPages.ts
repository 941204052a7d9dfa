import * as E from "fp-ts/lib/Either.js";
import type { Context } from "hono";
import { readModelQueriesOfStates, type GrantPageRequest, type ReadModelStates } from "@grantledger/projections";
import type { GrantStatus } from "@grantledger/core";
import { jsonResponse } from "./json.js";
import { problemFor } from "./problem.js";
import { explainRequestError, type RequestError } from "./requestErrors.js";

// Keyed by every status, so that a new one fails to compile here until `?status=` takes it.
const STATUS_KEYS: { readonly [K in GrantStatus]: true } = {
  applied: true,
  evaluated: true,
  awarded: true,
  rejected: true,
  dismissed: true,
  appealed: true,
  withdrawn: true,
  renounced: true,
  closed: true,
};
const STATUSES: ReadonlySet<string> = new Set(Object.keys(STATUS_KEYS));

/** The page `?after=&limit=&round=&status=` asks for, or the parameter that is wrong. */
const pageRequestOf = (c: Context): E.Either<RequestError, GrantPageRequest> => {
  const after = c.req.query("after");
  const limitText = c.req.query("limit");
  const round = c.req.query("round");
  const status = c.req.query("status");
  const limit = limitText === undefined ? undefined : /^\d{1,6}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (status !== undefined && !STATUSES.has(status)) {
    return E.left({ _tag: "InvalidQuery", parameter: "status", reason: `must be one of ${[...STATUSES].join(", ")}, not ${JSON.stringify(status)}` });
  }
  return E.right({
    ...(after === undefined ? {} : { after }),
    ...(limit === undefined ? {} : { limit }),
    ...(round === undefined ? {} : { roundId: round }),
    ...(status === undefined ? {} : { status: status as GrantStatus }),
  });
};

/** The link to the page after `next`, with the same limit and filters. */
const nextLink = (c: Context, next: string): string => {
  const query = new URLSearchParams();
  query.set("after", next);
  for (const name of ["limit", "round", "status"]) {
    const value = c.req.query(name);
    if (value !== undefined) query.set(name, value);
  }
  return `/grants?${query.toString()}`;
};

/**
 * GET /grants: one page of the grant register in grant-id order (`?limit=`, default 100, at most
 * 1 000; `?after=` the `next` of the page before; `?round=` and `?status=` filter). The body's
 * `next` (and a `Link: <…>; rel="next"` header) is the next page's URL, `null` on the last page.
 */
export const grantsPage = async (models: ReadModelStates, c: Context): Promise<Response> => {
  const request = pageRequestOf(c);
  if (E.isLeft(request)) return problemFor(request.left, explainRequestError(request.left), c);
  const page = await readModelQueriesOfStates(() => models).listGrants(request.right)();
  if (E.isLeft(page)) {
    const error: RequestError =
      page.left._tag === "InvalidPageRequest"
        ? { _tag: "InvalidQuery", parameter: page.left.field, reason: `must be ${page.left.reason}` }
        : { _tag: "UnexpectedFailure" };
    return problemFor(error, explainRequestError(error), c);
  }
  const next = page.right.next === undefined ? null : nextLink(c, page.right.next);
  return jsonResponse(200, { grants: page.right.rows, next }, next === null ? {} : { link: `<${next}>; rel="next"` });
};
