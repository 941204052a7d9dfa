import { badRequest, internal, invalid, notFound, tooLarge, unhandled, type Explanation } from "./explanation.js";

/** What is wrong with a request before the ledger or a read model sees it. */
export type RequestError =
  /** The body is not JSON; `path` is empty, as for any error at the body's top level. */
  | { readonly _tag: "MalformedJSON"; readonly path: ""; readonly reason: string }
  | { readonly _tag: "BodyNotAnObject"; readonly path: ""; readonly found: string }
  /** The body's arrays and objects nest deeper than `limit` levels (the body itself is level 1). */
  | { readonly _tag: "NestingTooDeep"; readonly path: ""; readonly limit: number }
  /** The body names another grant or round than the URL does. */
  | { readonly _tag: "IdMismatch"; readonly path: string; readonly inUrl: string; readonly inBody: unknown }
  | { readonly _tag: "MissingActor"; readonly header: string }
  /** A header is longer than the service takes; `limit` in characters. */
  | { readonly _tag: "HeaderTooLong"; readonly header: string; readonly length: number; readonly limit: number }
  /** The body is larger than the service reads; `limitBytes` is the limit. */
  | { readonly _tag: "BodyTooLarge"; readonly limitBytes: number }
  | { readonly _tag: "InvalidIdempotencyKey"; readonly header: string; readonly reason: string }
  /** A grant that exists but is not awarded has no benefits realisation to show. */
  | { readonly _tag: "GrantHasNoBenefits"; readonly grantId: string; readonly grantStatus: string }
  /** A grant that exists but was never awarded has no reports due. */
  | { readonly _tag: "GrantHasNoReportObligations"; readonly grantId: string; readonly grantStatus: string }
  /** No round opened names this scheme. */
  | { readonly _tag: "SchemeNotFound"; readonly schemeId: string }
  /** A query parameter is missing, malformed, or contradicts another. */
  | { readonly _tag: "InvalidQuery"; readonly parameter: string; readonly reason: string }
  | { readonly _tag: "RouteNotFound"; readonly method: string; readonly path: string }
  /** The request line or `Host` cannot be made a URL (`GET /\\`, no `Host`): no route can be looked up. */
  | { readonly _tag: "MalformedRequest"; readonly reason: string }
  | { readonly _tag: "UnexpectedFailure" };

/** A request error's status and sentence. */
export const explainRequestError = (e: RequestError): Explanation => {
  switch (e._tag) {
    case "MalformedJSON":
      return invalid(`The body is not JSON: ${e.reason}.`);
    case "BodyNotAnObject":
      return invalid(`The body must be a JSON object, not ${e.found}.`);
    case "NestingTooDeep":
      return invalid(`The body nests arrays and objects deeper than ${e.limit} levels, the most this service reads.`);
    case "IdMismatch":
      return invalid(`The URL names ${e.path} ${e.inUrl} but the body names ${JSON.stringify(e.inBody)}; leave it out of the body.`);
    case "MissingActor":
      return badRequest(`Say who gives the command in the ${e.header} header (for example the case handler's e-mail address).`);
    case "HeaderTooLong":
      return invalid(`The ${e.header} header is ${e.length} characters long; the service takes at most ${e.limit}.`);
    case "BodyTooLarge":
      return tooLarge(`The body is larger than ${e.limitBytes} bytes, the most this service reads in one request.`);
    case "InvalidIdempotencyKey":
      return badRequest(`The ${e.header} header is not usable: ${e.reason}.`);
    case "GrantHasNoBenefits":
      return notFound(`Grant ${e.grantId} is ${e.grantStatus}, not awarded: benefits are followed from the award on.`);
    case "GrantHasNoReportObligations":
      return notFound(`Grant ${e.grantId} is ${e.grantStatus} and was never awarded: reports are due from an award on.`);
    case "SchemeNotFound":
      return notFound(`There is no scheme ${e.schemeId}: no round opened names it.`);
    case "InvalidQuery":
      return badRequest(`The query parameter ${e.parameter} ${e.reason}.`);
    case "RouteNotFound":
      return notFound(`There is no ${e.method} ${e.path}; the service's README lists its endpoints.`);
    case "MalformedRequest":
      return badRequest(`The request cannot be read: ${e.reason}.`);
    case "UnexpectedFailure":
      return internal("The service failed unexpectedly; the cause is in the service's log.");
    default:
      return unhandled(e);
  }
};
