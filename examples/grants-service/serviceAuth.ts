import type { AuthOptions } from "./authOptions.js";
import { DEV_AUTH, type ServiceAuth } from "./authentication.js";
import { loadTokenKeys } from "./tokenKeys.js";
import { createTokenVerifier } from "./tokenVerifier.js";

/** The app's auth for the options given, and the line the start log says it with. */
export interface StartedAuth {
  readonly auth: ServiceAuth;
  readonly banner: string;
}

/** Said at every start in development mode, so no one runs it so by accident and unawares. */
const DEV_MODE_BANNER =
  "grants-service: WARNING: DEVELOPMENT MODE (--auth dev): NO AUTHENTICATION. X-Actor is trusted as sent and every caller may give every command. For your own machine only; give --auth-public-key or --auth-jwks with --auth-issuer and --auth-audience to require tokens.";

/**
 * Loads the keys the options name and builds the verifier (a `TokenKeyError` if the keys cannot
 * be used); a token's `sub` may be at most `maxSubjectLength` characters, as an `X-Actor` is.
 */
export const serviceAuthOf = async (options: AuthOptions, maxSubjectLength: number): Promise<StartedAuth> => {
  if (options.mode === "dev") return { auth: DEV_AUTH, banner: DEV_MODE_BANNER };
  const keys = await loadTokenKeys(options.keys);
  const verify = createTokenVerifier(keys, { issuer: options.issuer, audience: options.audience, clockToleranceSeconds: options.clockToleranceSeconds, maxSubjectLength });
  return {
    auth: { mode: "jwt", verify },
    banner: `grants-service: bearer tokens required: iss ${options.issuer}, aud ${options.audience}, verified with ${keys.description}, clock tolerance ${options.clockToleranceSeconds} s`,
  };
};
