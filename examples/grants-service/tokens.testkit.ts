import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import type { ServiceAuth } from "./authentication.js";
import { DEFAULT_SERVICE_LIMITS } from "./serviceLimits.js";
import { loadTokenKeys } from "./tokenKeys.js";
import { createTokenVerifier, type TokenPolicy } from "./tokenVerifier.js";

/** The issuer and audience the tests' service trusts. */
export const ISSUER = "https://idp.difi.example";
export const AUDIENCE = "grants-service";

/** What a test token says; every field has a default that the service accepts. */
export interface TokenClaims {
  readonly sub?: string;
  readonly roles?: unknown;
  readonly iss?: string;
  readonly aud?: string;
  /** Seconds from now; negative for a token that has expired. */
  readonly expiresIn?: number;
}

/** An identity provider for tests: its key pair, a token minter and the service's auth over it. */
export interface TestIdentityProvider {
  /** The public key as PEM (SPKI), as an operator would configure it. */
  readonly publicKeyPem: string;
  /** A token signed by this provider, `Bearer …` ready for the `Authorization` header. */
  sign(claims?: TokenClaims): Promise<string>;
  /** The service's auth, verifying this provider's tokens. */
  readonly auth: ServiceAuth;
}

const POLICY: TokenPolicy = { issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 30, maxSubjectLength: DEFAULT_SERVICE_LIMITS.maxActorLength };

/** A new Ed25519 identity provider; two of them sign with unrelated keys. */
export const createTestIdentityProvider = async (): Promise<TestIdentityProvider> => {
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { extractable: true });
  const publicKeyPem = await exportSPKI(publicKey);
  // Loaded as the service loads a configured key, so the tests go through the same path.
  const keys = await loadTokenKeys({ publicKey: publicKeyPem });
  return {
    publicKeyPem,
    auth: { mode: "jwt", verify: createTokenVerifier(keys, POLICY) },
    sign: async ({ sub = "saksbehandler@difi.no", roles = ["case-officer"], iss = ISSUER, aud = AUDIENCE, expiresIn = 600 } = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ roles: roles as string[] })
        .setProtectedHeader({ alg: "EdDSA", typ: "JWT" })
        .setSubject(sub)
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt(now)
        .setExpirationTime(now + expiresIn)
        .sign(privateKey);
      return `Bearer ${token}`;
    },
  };
};
