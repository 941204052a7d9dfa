import type { AccessDenied, StoreUnavailable } from "@grantledger/core";

/** The SQLSTATE of a driver error (`23505`, `57P01`, …), if it is a server error. */
export const sqlState = (error: unknown): string | undefined => {
  const code = errorCode(error);
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

/**
 * Whether trying again later may succeed: the connection failed or was cut (a socket error such
 * as ECONNRESET, pg's "Connection terminated", or SQLSTATE class 08), the server is shutting down
 * or was told to end this session (57P0x), or it is out of connections or resources (53).
 * Anything else (a missing table, a syntax error, a bug) will not heal by waiting.
 */
export const isTransient = (error: unknown): boolean => {
  const state = sqlState(error);
  if (state !== undefined) return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
  const code = errorCode(error);
  if (code !== undefined) return /^E[A-Z_]+$/.test(code);
  // pg reports a lost or timed-out connection with a message only.
  return error instanceof Error && /connect|terminated|timeout|not queryable/i.test(error.message);
};

/**
 * Whether the error is about reaching the database at all: a transient failure, or the server
 * refusing the session (class 28: wrong role or password; 3D000: no such database).
 */
export const isConnectionFailure = (error: unknown): boolean => {
  const state = sqlState(error);
  return isTransient(error) || state?.startsWith("28") === true || state === "3D000";
};

/**
 * Whether the server refused a write to this session for good: a role without the privilege
 * (42501), or a read-only transaction (25006: a standby, `default_transaction_read_only`).
 */
export const isAccessDenied = (error: unknown): boolean => {
  const state = sqlState(error);
  return state === "42501" || state === "25006";
};

/** Whether the server refused a value in a statement (SQLSTATE class 22: bad text, bad JSON, …). */
export const isDataException = (error: unknown): boolean => sqlState(error)?.startsWith("22") ?? false;

/** One line for a person: the code, the driver's message, and the detail the server gave. */
export const describeSqlError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = errorCode(error);
  const detail = "detail" in error && typeof error.detail === "string" && error.detail !== "" ? ` (${error.detail})` : "";
  const message = error.message === "" && error instanceof AggregateError ? describeAggregate(error) : error.message;
  return `${code === undefined ? "" : `${code}: `}${message}${detail}`;
};

/** The typed error every operation returns when the database cannot be reached or fails. */
export const unavailable = (operation: string, error: unknown): StoreUnavailable => ({
  _tag: "StoreUnavailable",
  operation,
  reason: describeSqlError(error),
});

const errorCode = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;

// Node reports "localhost" refused on both ::1 and 127.0.0.1 as one AggregateError with no message.
const describeAggregate = (error: AggregateError): string =>
  error.errors.map((inner: unknown) => (inner instanceof Error ? inner.message : String(inner))).join("; ");

/** The typed error for a write this session may not make (see {@link isAccessDenied}). */
export const accessDenied = (operation: string, error: unknown): AccessDenied => ({
  _tag: "AccessDenied",
  operation,
  reason: describeSqlError(error),
});
