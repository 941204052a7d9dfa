import type { TokenKeySource } from "./tokenKeys.js";
import { UsageError } from "./usageError.js";

/**
 * How the service is told to know its callers: bearer tokens (`jwt`) verified with the keys
 * given, from the issuer given, for the audience given; or development mode (`dev`), which
 * trusts `X-Actor` and lets everyone give every command.
 */
export type AuthOptions =
  | { readonly mode: "dev" }
  | {
      readonly mode: "jwt";
      readonly keys: TokenKeySource;
      readonly issuer: string;
      readonly audience: string;
      /** How far `exp` and `nbf` may be off the service's clock, in seconds. */
      readonly clockToleranceSeconds: number;
    };

/** The auth settings as given, each from its flag or its variable; `undefined` when not given. */
export interface AuthSettings {
  readonly mode: string | undefined;
  readonly publicKey: string | undefined;
  readonly jwksFile: string | undefined;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly clockTolerance: string | undefined;
}

/** Small: clocks of servers kept by NTP agree within a second; 30 s covers a slow one. */
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
const MAX_CLOCK_TOLERANCE_SECONDS = 300;

/** A host only this machine can reach: there, and only there, no configuration means `dev`. */
const isLoopback = (host: string): boolean => host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

const toleranceOf = (text: string | undefined): number => {
  if (text === undefined) return DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const seconds = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(seconds <= MAX_CLOCK_TOLERANCE_SECONDS)) throw new UsageError(`--auth-clock-tolerance "${text}" is not a whole number of seconds from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  return seconds;
};

const jwtOptions = (settings: AuthSettings): AuthOptions => {
  const { publicKey, jwksFile, issuer, audience } = settings;
  if (publicKey !== undefined && jwksFile !== undefined) throw new UsageError("give --auth-public-key or --auth-jwks, not both");
  if (publicKey === undefined && jwksFile === undefined) throw new UsageError("--auth jwt needs a key: --auth-public-key or --auth-jwks");
  if (issuer === undefined) throw new UsageError("--auth jwt needs --auth-issuer: the iss every token must name");
  if (audience === undefined) throw new UsageError("--auth jwt needs --auth-audience: the aud every token must name");
  const keys: TokenKeySource = publicKey !== undefined ? { publicKey } : { jwksFile: jwksFile as string };
  return { mode: "jwt", keys, issuer, audience, clockToleranceSeconds: toleranceOf(settings.clockTolerance) };
};

/**
 * The auth options. `--auth dev` or `--auth jwt` says which, or else the settings do: any token
 * setting means `jwt`, none means `dev`, but only on a loopback `host`: a service that other
 * machines can reach never runs without tokens unless told so in words (`--auth dev`).
 */
export const parseAuthOptions = (settings: AuthSettings, host: string): AuthOptions => {
  const configured = [settings.publicKey, settings.jwksFile, settings.issuer, settings.audience].some((value) => value !== undefined);
  switch (settings.mode) {
    case "dev":
      return { mode: "dev" };
    case "jwt":
      return jwtOptions(settings);
    case undefined:
      if (configured) return jwtOptions(settings);
      if (isLoopback(host)) return { mode: "dev" };
      throw new UsageError(
        `on ${host} the service needs bearer tokens: give --auth-public-key or --auth-jwks with --auth-issuer and --auth-audience, or say --auth dev to trust X-Actor without authentication`,
      );
    default:
      throw new UsageError(`--auth "${settings.mode}" is not jwt or dev`);
  }
};
