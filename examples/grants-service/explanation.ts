/**
 * What the HTTP edge says about one of the service's own errors (a request's, an
 * authentication's): a status and one sentence. The ledger's, the store's and the read models'
 * errors have theirs from the library (`ledgerProblem`, `engineProblem`); these are the
 * service's own.
 */
export interface Explanation {
  readonly status: 400 | 401 | 403 | 404 | 413 | 422 | 500;
  readonly detail: string;
}

/** The scheme, route or read model entry the request names does not exist. */
export const notFound = (detail: string): Explanation => ({ status: 404, detail });
/** The body does not pass the command's codec, or is not JSON at all. */
export const invalid = (detail: string): Explanation => ({ status: 422, detail });
/** The body is larger than the service reads in one request. */
export const tooLarge = (detail: string): Explanation => ({ status: 413, detail });
/** The request carries no valid token: who sends it is not known. */
export const unauthorized = (detail: string): Explanation => ({ status: 401, detail });
/** The caller is known, and the command is not among those its roles may give. */
export const forbidden = (detail: string): Explanation => ({ status: 403, detail });
/** The request lacks what every command needs (its actor) or has an unusable header. */
export const badRequest = (detail: string): Explanation => ({ status: 400, detail });
/** The service itself failed; retrying will not help. */
export const internal = (detail: string): Explanation => ({ status: 500, detail });

/**
 * The `default` of a switch that has handled every tag. Its parameter is `never`, so a tag
 * added to an error union and not handled is a compile error here, not a 500 at run time.
 */
export const unhandled = (error: never): never => {
  throw new Error(`no explanation for ${JSON.stringify(error)}`);
};
