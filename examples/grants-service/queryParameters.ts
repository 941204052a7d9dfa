import * as E from "fp-ts/lib/Either.js";
import type { Context } from "hono";
import { IsoDate } from "@grantledger/core";
import type { TotalsScope } from "@grantledger/projections";
import type { RequestError } from "./requestErrors.js";

/**
 * The totals a participants' endpoint is asked for: over all rounds (no parameter), of one round
 * (`?round=`) or of one scheme's rounds (`?scheme=`), not both.
 */
export const totalsScopeOf = (c: Context): E.Either<RequestError, TotalsScope | undefined> => {
  const roundId = c.req.query("round");
  const schemeId = c.req.query("scheme");
  if (roundId !== undefined && schemeId !== undefined) {
    return E.left({ _tag: "InvalidQuery", parameter: "round", reason: "and scheme cannot be given together: a round is of one scheme" });
  }
  return E.right(roundId !== undefined ? { roundId } : schemeId !== undefined ? { schemeId } : undefined);
};

/** The business date of `?on=YYYY-MM-DD`, which is required. */
export const businessDateOf = (c: Context): E.Either<RequestError, IsoDate> => {
  const on = c.req.query("on");
  if (on === undefined) return E.left({ _tag: "InvalidQuery", parameter: "on", reason: "is required: the business date, as YYYY-MM-DD" });
  return IsoDate.is(on) ? E.right(on) : E.left({ _tag: "InvalidQuery", parameter: "on", reason: `must be a date as YYYY-MM-DD, not ${JSON.stringify(on)}` });
};
