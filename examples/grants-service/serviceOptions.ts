import { parseArgs } from "node:util";
import { DEFAULT_SERVICE_LIMITS, type ServiceLimits } from "./serviceLimits.js";

/** How the service is started: which store, and where it listens. */
export interface ServiceOptions {
  /** `memory:`, `pglite:DIR`, `postgres://…` or `esdb://…`. */
  readonly storeUrl: string;
  /** 0 asks the system for a free port (tests do). */
  readonly port: number;
  readonly host: string;
  /** What one request may bring; see {@link ServiceLimits}. */
  readonly limits: ServiceLimits;
}

/** The command line's usage, printed for `--help` and with any usage error. */
export const USAGE =
  "usage: pnpm service [--store <url>] [--port <n>] [--host <address>] [--max-body-bytes <n>] [--max-actor-length <n>]\n" +
  "  --store             memory: (default), pglite:DIR, postgres://… or esdb://…  (env GRANTLEDGER_STORE_URL)\n" +
  "  --port              0-65535, default 3000; 0 picks a free one                (env PORT)\n" +
  "  --host              default 127.0.0.1; 0.0.0.0 listens on every interface    (env HOST)\n" +
  "  --max-body-bytes    largest request body, default 1048576 (413 above)       (env GRANTLEDGER_MAX_BODY_BYTES)\n" +
  "  --max-actor-length  longest X-Actor, default 200 (422 above)                (env GRANTLEDGER_MAX_ACTOR_LENGTH)";

/** A command line the service cannot start from. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

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
  return {
    storeUrl: values.store ?? fromEnv(env, "GRANTLEDGER_STORE_URL") ?? "memory:",
    port: portOf(values.port ?? fromEnv(env, "PORT") ?? "3000"),
    host: values.host ?? fromEnv(env, "HOST") ?? "127.0.0.1",
    limits: {
      maxBodyBytes: limitOf("max-body-bytes", values["max-body-bytes"] ?? fromEnv(env, "GRANTLEDGER_MAX_BODY_BYTES"), DEFAULT_SERVICE_LIMITS.maxBodyBytes),
      maxActorLength: limitOf("max-actor-length", values["max-actor-length"] ?? fromEnv(env, "GRANTLEDGER_MAX_ACTOR_LENGTH"), DEFAULT_SERVICE_LIMITS.maxActorLength),
    },
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
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: false,
    strict: true,
  });
