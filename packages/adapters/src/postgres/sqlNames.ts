import type { AdvisoryLockKey } from "./sqlDriver.js";

/** The schema the store works in unless told otherwise. */
export const DEFAULT_SCHEMA = "grantledger";

// Lower case, so a quoted and an unquoted mention name the same thing; short, so that the
// notification channel derived from it stays under PostgreSQL's 63-byte limit on names.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

// PostgreSQL's own schemas (pg_catalog, pg_toast, information_schema …), and the shared default
// one, where the store's tables would mix with everyone else's.
const NOT_OURS = /^(pg_.*|information_schema|public)$/;

/** Why `schema` cannot be used, or `undefined` if it can. */
export const schemaNameProblem = (schema: string): string | undefined => {
  if (!SCHEMA_NAME.test(schema)) return `the schema name ${JSON.stringify(schema)} must be 1-48 characters of a-z, 0-9 and _, not starting with a digit`;
  if (NOT_OURS.test(schema)) {
    return `the schema ${JSON.stringify(schema)} is ${schema === "public" ? "PostgreSQL's shared default schema" : "one of PostgreSQL's own"}: give the store a schema of its own (by default "${DEFAULT_SCHEMA}")`;
  }
  return undefined;
};

/** `name` as a quoted SQL identifier. */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The channel an append in `schema` notifies; per schema, so stores in other schemas stay quiet. */
export const appendChannel = (schema: string): string => `${schema}_appended`;

// The first half of every advisory lock key: one class per purpose, so they never collide.
const MIGRATION_LOCK = 0x476c0001;
const APPEND_LOCK = 0x476c0002;
const PROJECTION_LOCK = 0x476c0003;

/** Held (per transaction) while migrating `schema`: two processes migrating at once take turns. */
export const migrationLockKey = (schema: string): AdvisoryLockKey => [MIGRATION_LOCK, hash32(schema)];

/** Held (per transaction) by every append to `schema`; see the append function for why. */
export const appendLockKey = (schema: string): AdvisoryLockKey => [APPEND_LOCK, hash32(schema)];

/**
 * Held (per session) by the one runner of `projection` in `schema`. Two names may hash alike; their
 * runners then merely take turns, which is safe.
 */
export const projectionLockKey = (schema: string, projection: string): AdvisoryLockKey => [
  PROJECTION_LOCK,
  hash32(`${schema}/${projection}`),
];

/** FNV-1a over the UTF-16 code units, as a signed 32-bit integer (what an int4 lock key takes). */
const hash32 = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
};
