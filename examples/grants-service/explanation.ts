/**
 * What the HTTP edge says about one error: a status and one sentence a case handler can act
 * on. The core's errors carry figures, not words or statuses (STYLE.md); this is where they get
 * both.
 */
export interface Explanation {
  readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 500 | 503;
  readonly detail: string;
}

/** The request is well-formed, but the ledger's state refuses it (a broken rule, a lost race). */
export const conflict = (detail: string): Explanation => ({ status: 409, detail });
/** The grant or round the request names does not exist. */
export const notFound = (detail: string): Explanation => ({ status: 404, detail });
/** The stream was deleted for good (EventStoreDB's tombstone): it can never be written again. */
export const gone = (detail: string): Explanation => ({ status: 410, detail });
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
/** The store cannot be reached now; the same request may well succeed later. */
export const unavailable = (detail: string): Explanation => ({ status: 503, detail });
/** The history or the service itself is broken; retrying will not help. */
export const internal = (detail: string): Explanation => ({ status: 500, detail });

/**
 * The `default` of a switch that has handled every tag. Its parameter is `never`, so a tag
 * added to an error union and not handled is a compile error here, not a 500 at run time.
 */
export const unhandled = (error: never): never => {
  throw new Error(`no explanation for ${JSON.stringify(error)}`);
};
