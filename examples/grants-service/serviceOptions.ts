import { parseArgs } from "node:util";
import { DEFAULT_SERVICE_LIMITS, type ServiceLimits } from "./serviceLimits.js";
import { parseAuthOptions, type AuthOptions } from "./authOptions.js";
import { UsageError } from "./usageError.js";

export { UsageError } from "./usageError.js";

/** How the service is started: which store, where it listens, what it takes, whom it lets in. */
export interface ServiceOptions {
  /** `memory:`, `pglite:DIR`, `postgres://…` or `esdb://…`. */
  readonly storeUrl: string;
  /** 0 asks the system for a free port (tests do). */
  readonly port: number;
  readonly host: string;
  /** What one request may bring; see {@link ServiceLimits}. */
  readonly limits: ServiceLimits;
  /** Bearer tokens, or development mode; see {@link AuthOptions}. */
  readonly auth: AuthOptions;
}

/** The command line's usage, printed for `--help` and with any usage error. */
export const USAGE =
  "usage: pnpm service [--store <url>] [--port <n>] [--host <address>] [--max-body-bytes <n>] [--max-actor-length <n>] [--max-json-depth <n>]\n" +
  "                    [--max-prose-length <n>] [--max-text-length <n>] [--max-list-length <n>]\n" +
  "                    [--auth jwt|dev] [--auth-public-key <pem-or-file> | --auth-jwks <file>] [--auth-issuer <iss>] [--auth-audience <aud>]\n" +
  "                    [--auth-clock-tolerance <seconds>]\n" +
  "  --store                 memory: (default), pglite:DIR, postgres://… or esdb://…  (env GRANTLEDGER_STORE_URL)\n" +
  "  --port                  0-65535, default 3000; 0 picks a free one                (env PORT)\n" +
  "  --host                  default 127.0.0.1; 0.0.0.0 listens on every interface    (env HOST)\n" +
  "  --max-body-bytes        largest request body, default 1048576 (413 above)       (env GRANTLEDGER_MAX_BODY_BYTES)\n" +
  "  --max-actor-length      longest X-Actor or token subject, default 200           (env GRANTLEDGER_MAX_ACTOR_LENGTH)\n" +
  "  --max-json-depth        deepest nesting of a body, default 32 (422 above)       (env GRANTLEDGER_MAX_JSON_DEPTH)\n" +
  "  --max-prose-length      longest summary, notes, reason…, default 20000 chars    (env GRANTLEDGER_MAX_PROSE_LENGTH)\n" +
  "  --max-text-length       longest other text (names, titles…), default 500 chars  (env GRANTLEDGER_MAX_TEXT_LENGTH)\n" +
  "  --max-list-length       most items of one list, default 1000                    (env GRANTLEDGER_MAX_LIST_LENGTH)\n" +
  "  --auth                  jwt: bearer tokens; dev: trust X-Actor, no auth (local only)  (env GRANTLEDGER_AUTH)\n" +
  "                          default: jwt if a key is given, else dev on a loopback host\n" +
  "  --auth-public-key       PEM public key (Ed25519, P-256 or RSA), or its file      (env GRANTLEDGER_AUTH_PUBLIC_KEY)\n" +
  "  --auth-jwks             a JWKS file, keys picked by the token's kid              (env GRANTLEDGER_AUTH_JWKS)\n" +
  "  --auth-issuer           the iss every token must name (required with jwt)        (env GRANTLEDGER_AUTH_ISSUER)\n" +
  "  --auth-audience         an aud every token must name (required with jwt)         (env GRANTLEDGER_AUTH_AUDIENCE)\n" +
  "  --auth-clock-tolerance  seconds exp and nbf may be off, 0-300, default 30        (env GRANTLEDGER_AUTH_CLOCK_TOLERANCE)";

const limitOf = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const value = /^\d{1,12}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1)) throw new UsageError(`--${name} "${text}" is not a whole number of at least 1`);
  return value;
};

const portOf = (text: string): number => {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65_535)) throw new UsageError(`"${text}" is not a port (0-65535)`);
  return port;
};

// An empty variable counts as unset, as it does for most servers: `PORT= pnpm service` is a
// common way to clear one.
const fromEnv = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
};

/**
 * The options from the command line, then the environment, then the defaults: a flag wins over
 * a variable, so a one-off run can override a deployment's settings. `undefined` for `--help`.
 */
export const parseServiceOptions = (argv: readonly string[], env: NodeJS.ProcessEnv): ServiceOptions | undefined => {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help === true) return undefined;
  const option = (flag: keyof typeof values & string, variable: string): string | undefined => {
    const value = values[flag];
    return typeof value === "string" ? value : fromEnv(env, variable);
  };
  const limit = (
    flag: "max-body-bytes" | "max-actor-length" | "max-json-depth" | "max-prose-length" | "max-text-length" | "max-list-length",
    variable: string,
    fallback: number,
  ): number =>
    limitOf(flag, option(flag, variable), fallback);
  const host = option("host", "HOST") ?? "127.0.0.1";
  return {
    storeUrl: option("store", "GRANTLEDGER_STORE_URL") ?? "memory:",
    port: portOf(option("port", "PORT") ?? "3000"),
    host,
    limits: {
      maxBodyBytes: limit("max-body-bytes", "GRANTLEDGER_MAX_BODY_BYTES", DEFAULT_SERVICE_LIMITS.maxBodyBytes),
      maxActorLength: limit("max-actor-length", "GRANTLEDGER_MAX_ACTOR_LENGTH", DEFAULT_SERVICE_LIMITS.maxActorLength),
      maxJsonDepth: limit("max-json-depth", "GRANTLEDGER_MAX_JSON_DEPTH", DEFAULT_SERVICE_LIMITS.maxJsonDepth),
      maxProseLength: limit("max-prose-length", "GRANTLEDGER_MAX_PROSE_LENGTH", DEFAULT_SERVICE_LIMITS.maxProseLength),
      maxTextLength: limit("max-text-length", "GRANTLEDGER_MAX_TEXT_LENGTH", DEFAULT_SERVICE_LIMITS.maxTextLength),
      maxListLength: limit("max-list-length", "GRANTLEDGER_MAX_LIST_LENGTH", DEFAULT_SERVICE_LIMITS.maxListLength),
    },
    auth: parseAuthOptions(
      {
        mode: option("auth", "GRANTLEDGER_AUTH"),
        publicKey: option("auth-public-key", "GRANTLEDGER_AUTH_PUBLIC_KEY"),
        jwksFile: option("auth-jwks", "GRANTLEDGER_AUTH_JWKS"),
        issuer: option("auth-issuer", "GRANTLEDGER_AUTH_ISSUER"),
        audience: option("auth-audience", "GRANTLEDGER_AUTH_AUDIENCE"),
        clockTolerance: option("auth-clock-tolerance", "GRANTLEDGER_AUTH_CLOCK_TOLERANCE"),
      },
      host,
    ),
  };
};

const parseFlags = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    options: {
      store: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      "max-body-bytes": { type: "string" },
      "max-actor-length": { type: "string" },
      "max-json-depth": { type: "string" },
      "max-prose-length": { type: "string" },
      "max-text-length": { type: "string" },
      "max-list-length": { type: "string" },
      auth: { type: "string" },
      "auth-public-key": { type: "string" },
      "auth-jwks": { type: "string" },
      "auth-issuer": { type: "string" },
      "auth-audience": { type: "string" },
      "auth-clock-tolerance": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: false,
    strict: true,
  });
