import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { PGlite } from "@electric-sql/pglite";
import type { PgliteSource } from "./pgliteDriver.js";
import { DEFAULT_SCHEMA, schemaNameProblem } from "./sqlNames.js";

/** How to open a PostgreSQL event store; every field but one of `url` and `pglite` is optional. */
export interface PostgresStoreOptions {
  /**
   * `postgres://…` or `postgresql://…` for a server; `pglite:memory` for an embedded database in
   * memory; `pglite:<directory>` (`pglite:./data/ledger`) for one kept in a folder. The query
   * string may set `schema`, `poolSize`, `connectTimeoutMs` and `statementTimeoutMs`; options
   * given here win. Other parameters (`sslmode`, …) go to the driver.
   */
  readonly url?: string;
  /** An open PGlite instance to work in instead of a URL; the store leaves closing it to its owner. */
  readonly pglite?: PGlite;
  /** Where the store's tables live; default `grantledger`. Lower-case letters, digits and `_`. */
  readonly schema?: string;
  /** Connections in the pool (server only); default 10. */
  readonly poolSize?: number;
  /** How long to wait for a connection before `StoreUnavailable`; default 5 000 ms, at least 1. */
  readonly connectTimeoutMs?: number;
  /** The server-side limit on one statement; default 30 000 ms, 0 for none. */
  readonly statementTimeoutMs?: number;
  /** The longest a caught-up subscription waits without a notification; default 250 ms. */
  readonly pollIntervalMs?: number;
  /** How long a subscription retries through connection failures before it fails; default 30 000 ms. */
  readonly reconnectTimeoutMs?: number;
  /** How the store's sessions are named in `pg_stat_activity` (server only); default `grantledger`. */
  readonly applicationName?: string;
  /**
   * Whether opening may create the schema or bring it up to date; default `true`. Opening reads
   * the schema's version first either way, so a current schema opens without a write and a role
   * with read rights only can open it. With `false` (a tool that only reads, an auditor) a schema
   * that is behind is used as it is, and one holding no store is `SchemaNotMigrated`: nothing is
   * ever created or changed by opening.
   */
  readonly migrate?: boolean;
}

/** The options were not usable; nothing was opened. */
export interface InvalidStoreConfig {
  readonly _tag: "InvalidStoreConfig";
  /** What is wrong, naming the option or URL parameter. */
  readonly reason: string;
}

/** Where the database is. */
export type StoreTarget =
  | {
      /** A PostgreSQL server, through `pg`. */
      readonly kind: "server";
      /** The `postgres://` URL, without the parameters grantledger reads itself. */
      readonly connectionString: string;
    }
  | PgliteSource;

/** Options with every default filled in and checked. */
export interface StoreConfig {
  /** Where the database is. */
  readonly target: StoreTarget;
  /** The schema the store's tables live in. */
  readonly schema: string;
  /** Connections in the pool (server only). */
  readonly poolSize: number;
  /** How long to wait for a connection, in milliseconds. */
  readonly connectTimeoutMs: number;
  /** The server-side limit on one statement, in milliseconds; 0 for none. */
  readonly statementTimeoutMs: number;
  /** The longest a caught-up subscription waits without a notification, in milliseconds. */
  readonly pollIntervalMs: number;
  /** How long a subscription retries through connection failures, in milliseconds. */
  readonly reconnectTimeoutMs: number;
  /** The sessions' name in `pg_stat_activity`. */
  readonly applicationName: string;
  /** Whether opening may create the schema or bring it up to date. */
  readonly migrate: boolean;
}

const NUMERIC_PARAMETERS = ["poolSize", "connectTimeoutMs", "statementTimeoutMs"] as const;

// A connect timeout of 0 would mean none: connecting would no longer fail in bounded time.
const MINIMUM: Readonly<Record<(typeof NUMERIC_PARAMETERS)[number], number>> = { poolSize: 1, connectTimeoutMs: 1, statementTimeoutMs: 0 };

/** Checks `input` (a URL or options) and fills in the defaults. */
export const resolveStoreConfig = (input: string | PostgresStoreOptions): Either<InvalidStoreConfig, StoreConfig> => {
  const options: PostgresStoreOptions = typeof input === "string" ? { url: input } : input;
  const invalid = (reason: string): Either<InvalidStoreConfig, never> => E.left({ _tag: "InvalidStoreConfig", reason });
  const parsed =
    options.url === undefined
      ? options.pglite === undefined
        ? "give a url or a pglite instance"
        : { target: { kind: "instance", db: options.pglite } as const, parameters: new Map<string, string>() }
      : options.pglite === undefined
        ? parseUrl(options.url)
        : "give a url or a pglite instance, not both";
  if (typeof parsed === "string") return invalid(parsed);
  const { target, parameters: fromUrl } = parsed;

  const numbers = new Map<string, number>();
  for (const name of NUMERIC_PARAMETERS) {
    const text = fromUrl.get(name);
    const value = options[name] ?? (text === undefined ? undefined : Number(text));
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < MINIMUM[name]) {
      return invalid(`${name} must be a whole number of at least ${MINIMUM[name]}: ${options[name] === undefined ? String(text) : value}`);
    }
    numbers.set(name, value);
  }
  for (const name of ["pollIntervalMs", "reconnectTimeoutMs"] as const) {
    const value = options[name];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) return invalid(`${name} must be a whole number of at least 1: ${value}`);
  }
  const schema = options.schema ?? fromUrl.get("schema") ?? DEFAULT_SCHEMA;
  const problem = schemaNameProblem(schema);
  if (problem !== undefined) return invalid(problem);
  return E.right({
    target,
    schema,
    poolSize: numbers.get("poolSize") ?? 10,
    connectTimeoutMs: numbers.get("connectTimeoutMs") ?? 5_000,
    statementTimeoutMs: numbers.get("statementTimeoutMs") ?? 30_000,
    pollIntervalMs: options.pollIntervalMs ?? 250,
    reconnectTimeoutMs: options.reconnectTimeoutMs ?? 30_000,
    applicationName: options.applicationName ?? "grantledger",
    migrate: options.migrate ?? true,
  });
};

const OUR_PARAMETERS: readonly string[] = ["schema", ...NUMERIC_PARAMETERS];

/** A parameter of ours given more than once (`?schema=a&schema=b`): which one wins would be a guess. */
const repeatedParameter = (search: URLSearchParams): string | undefined => {
  const name = OUR_PARAMETERS.find((parameter) => search.getAll(parameter).length > 1);
  return name === undefined ? undefined : `${name} is given ${search.getAll(name).length} times in the URL; give it once`;
};

/** The target and our own query parameters, or why the URL is not one we take. */
const parseUrl = (url: string): { target: StoreTarget; parameters: Map<string, string> } | string => {
  if (url.startsWith("pglite:")) {
    const [location = "", query = ""] = url.slice("pglite:".length).split("?", 2);
    const search = new URLSearchParams(query);
    const repeated = repeatedParameter(search);
    if (repeated !== undefined) return repeated;
    const parameters = new Map(search);
    if (location === "") return "pglite: needs a place: pglite:memory or pglite:<directory>";
    const target: StoreTarget = location === "memory" ? { kind: "memory" } : { kind: "directory", directory: location };
    return { target, parameters };
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    return `unsupported URL ${JSON.stringify(redact(url))}: use postgres://…, postgresql://…, pglite:memory or pglite:<directory>`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `not a valid URL: ${JSON.stringify(redact(url))}`;
  }
  const repeated = repeatedParameter(parsed.searchParams);
  if (repeated !== undefined) return repeated;
  const parameters = new Map<string, string>();
  for (const name of OUR_PARAMETERS) {
    const value = parsed.searchParams.get(name);
    if (value === null) continue;
    parameters.set(name, value);
    parsed.searchParams.delete(name);
  }
  // Untouched unless we took parameters out: re-serialising may re-encode a password.
  return { target: { kind: "server", connectionString: parameters.size === 0 ? url : parsed.toString() }, parameters };
};

/** The URL without its password, for messages. */
export const redact = (url: string): string => url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, "$1***@");
