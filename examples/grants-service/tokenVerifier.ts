import * as E from "fp-ts/lib/Either.js";
import { errors, jwtVerify, type JWTPayload } from "jose";
import type { AuthError } from "./authErrors.js";
import { ROLES_CLAIM, rolesOf, type Role } from "./roles.js";
import type { TokenKeys } from "./tokenKeys.js";

/** Who sent a request, as its token says: the subject becomes the command's actor. */
export interface Caller {
  /** The token's `sub`: recorded as every event's `metadata.actor`. */
  readonly subject: string;
  /** The roles the service knows among the token's `roles` claim. */
  readonly roles: ReadonlySet<Role>;
}

/** What a token must say besides being signed by one of the keys. */
export interface TokenPolicy {
  /** The `iss` a token must name. */
  readonly issuer: string;
  /** An `aud` the token must name (it may name others too). */
  readonly audience: string;
  /** How far `exp` and `nbf` may be off the service's clock, in seconds. */
  readonly clockToleranceSeconds: number;
  /** The longest `sub`, in characters: it is written into every event's metadata. */
  readonly maxSubjectLength: number;
}

/** Checks a bearer token; the caller it names, or why it is refused. */
export type TokenVerifier = (token: string) => Promise<E.Either<Extract<AuthError, { _tag: "InvalidToken" }>, Caller>>;

const invalid = (reason: string): E.Either<Extract<AuthError, { _tag: "InvalidToken" }>, never> => E.left({ _tag: "InvalidToken", reason });

const CLAIM_REASONS: Readonly<Record<string, string>> = {
  iss: "it was issued by another issuer than the one the service trusts",
  aud: "it is meant for another audience than this service",
  nbf: "it is not valid yet",
};

/**
 * A fixed phrase for each way jose refuses a token: the client learns which check failed, but
 * never the service's expected issuer or audience, nor jose's own message.
 */
const reasonOf = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return "it has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    return CLAIM_REASONS[error.claim] ?? (error.reason === "missing" ? `it has no "${error.claim}" claim` : `its "${error.claim}" claim is malformed`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "its signature does not verify with the service's key";
  if (error instanceof errors.JWKSNoMatchingKey) return "no key of the service's key set matches it";
  if (error instanceof errors.JOSEAlgNotAllowed) return "it is signed with an algorithm the service does not accept";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return "it is not a well-formed signed JWT";
  // Fail closed: whatever else jose throws (an unsupported header, a key that does not fit the
  // algorithm) means the token was not verified.
  return "it could not be verified";
};

const callerOf = (payload: JWTPayload, policy: TokenPolicy): E.Either<Extract<AuthError, { _tag: "InvalidToken" }>, Caller> => {
  const subject = payload.sub;
  if (typeof subject !== "string" || subject.trim() === "") return invalid('its "sub" claim is not a name');
  if (subject.length > policy.maxSubjectLength) return invalid(`its "sub" claim is longer than ${policy.maxSubjectLength} characters`);
  const roles = rolesOf(payload[ROLES_CLAIM]);
  return roles === undefined ? invalid(`its "${ROLES_CLAIM}" claim is not an array of strings`) : E.right({ subject, roles });
};

/**
 * A verifier over `keys`: the signature (with one of the keys' algorithms only), the issuer,
 * the audience, `exp` (required) and `nbf` within the clock tolerance, a subject, and roles.
 */
export const createTokenVerifier = (keys: TokenKeys, policy: TokenPolicy): TokenVerifier => async (token) => {
  const options = {
    issuer: policy.issuer,
    audience: policy.audience,
    algorithms: [...keys.algorithms],
    clockTolerance: policy.clockToleranceSeconds,
    requiredClaims: ["exp", "sub"],
  };
  try {
    // Two calls, not one over a union: jose overloads `jwtVerify` for a key and for a key getter.
    const { payload } = typeof keys.key === "function" ? await jwtVerify(token, keys.key, options) : await jwtVerify(token, keys.key, options);
    return callerOf(payload, policy);
  } catch (error) {
    return invalid(reasonOf(error));
  }
};
