import { forbidden, unauthorized, unhandled, type Explanation } from "./explanation.js";
import type { Role } from "./roles.js";

/** The header that carries the bearer token. */
export const AUTHORIZATION_HEADER = "Authorization";

/** Why a request is not let in: no token, a token the service does not accept, or too few roles. */
export type AuthError =
  | { readonly _tag: "MissingToken"; readonly header: typeof AUTHORIZATION_HEADER }
  /** `reason` is one of a few fixed phrases (it has expired, its audience is another, …). */
  | { readonly _tag: "InvalidToken"; readonly reason: string }
  /** The caller's roles do not include the one the command needs (see `COMMAND_ROLES`). */
  | { readonly _tag: "CommandOutsideRoles"; readonly command: string; readonly requiredRole: Role; readonly roles: readonly Role[] };

/** An auth error's status and sentence. */
export const explainAuthError = (e: AuthError): Explanation => {
  switch (e._tag) {
    case "MissingToken":
      return unauthorized(`Send a bearer token in the ${e.header} header (${e.header}: Bearer <token>).`);
    case "InvalidToken":
      return unauthorized(`The bearer token is not accepted: ${e.reason}.`);
    case "CommandOutsideRoles":
      return forbidden(
        `${e.command} is given by the role ${e.requiredRole}; the token's roles are ${e.roles.length === 0 ? "none" : e.roles.join(", ")}.`,
      );
    default:
      return unhandled(e);
  }
};

/** Names what the token protects in every challenge (RFC 6750's `realm`). */
const AUTH_REALM = "grants-service";

/**
 * The `WWW-Authenticate` challenge sent with an auth error (RFC 6750 section 3): a bare
 * `Bearer` challenge without a token, `invalid_token` with a bad one, `insufficient_scope` for a
 * command outside the caller's roles. The sentence stays in the problem's `detail`.
 */
export const challengeOf = (e: AuthError): string => {
  const error = e._tag === "MissingToken" ? undefined : e._tag === "InvalidToken" ? "invalid_token" : "insufficient_scope";
  return `Bearer realm="${AUTH_REALM}"${error === undefined ? "" : `, error="${error}"`}`;
};
