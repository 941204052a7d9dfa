import type { Context, MiddlewareHandler } from "hono";
import { AUTHORIZATION_HEADER, challengeOf, explainAuthError, type AuthError } from "./authErrors.js";
import { problemFor } from "./problem.js";
import type { Caller, TokenVerifier } from "./tokenVerifier.js";

/**
 * How the service knows who calls it.
 * - `jwt`: every request needs a bearer token that `verify` accepts; the token's subject is the
 *   actor and its roles decide which commands the caller may give (see `COMMAND_ROLES`).
 * - `dev`: development mode, for one's own machine: no token, `X-Actor` is trusted as sent, and
 *   every caller may give every command.
 */
export type ServiceAuth = { readonly mode: "dev" } | { readonly mode: "jwt"; readonly verify: TokenVerifier };

/** Development mode: no authentication at all. */
export const DEV_AUTH: ServiceAuth = { mode: "dev" };

/** The Hono environment of the grants app: the authenticated caller, if any (never in `dev`). */
export interface GrantsEnv {
  /** What a handler reads from the request's context. */
  readonly Variables: {
    /** Set by {@link authenticate} once the token is verified; `undefined` in development mode. */
    readonly caller: Caller | undefined;
  };
}

// RFC 6750 section 2.1: the scheme (case-insensitive), spaces, and a b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The problem for an auth error, with its `WWW-Authenticate` challenge. */
export const authProblem = (error: AuthError, c: Context): Response =>
  problemFor(error, explainAuthError(error), c, { "WWW-Authenticate": challengeOf(error) });

/**
 * Lets a request in only with a token `verify` accepts, and puts its caller in the context.
 * It runs before the body is read or anything is looked up, so a refused request costs the
 * service a header and touches nothing.
 */
export const authenticate = (verify: TokenVerifier): MiddlewareHandler<GrantsEnv> => async (c, next) => {
  const header = c.req.header(AUTHORIZATION_HEADER)?.trim();
  if (header === undefined || header === "") return authProblem({ _tag: "MissingToken", header: AUTHORIZATION_HEADER }, c);
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return authProblem({ _tag: "InvalidToken", reason: `the ${AUTHORIZATION_HEADER} header is not "Bearer <token>"` }, c);
  const caller = await verify(token);
  if (caller._tag === "Left") return authProblem(caller.left, c);
  c.set("caller", caller.right);
  await next();
  return undefined;
};
