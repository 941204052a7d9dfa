import {
  AccessDeniedError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  UnsupportedError,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import type { AppendError, ExpectedRevision, ReadStreamError, StoreUnavailable } from "@grantledger/core";
import { DeadlineElapsed } from "./deadline.js";
import { fromEsdbCurrentRevision } from "./expectedRevisionMapping.js";

// gRPC status codes, by number: the adapter does not import @grpc/grpc-js at run time.
const CANCELLED = 1;
const INVALID_ARGUMENT = 3;
const UNAVAILABLE = 14;

/** Why an append to a tombstoned stream is refused, whether the server or a read found it so. */
export const TOMBSTONED = "the stream is deleted (tombstoned) in EventStoreDB and cannot be written again";

/** The port's "could not reach the store" error. */
export const unavailable = (operation: string, reason: string): StoreUnavailable => ({
  _tag: "StoreUnavailable",
  operation,
  reason,
});

const grpcCode = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "number" ? error.code : undefined;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Why the store could not be used, as one sentence. A refused port reaches the adapter as a plain
 * `Error` with gRPC code 14 (the append path never converts it to `UnavailableError`), so the code
 * is what is checked, not the class.
 */
export const unavailabilityReason = (error: unknown): string => {
  if (error instanceof DeadlineElapsed) return error.message;
  if (error instanceof NotLeaderError) {
    return `the node is not the leader (leader: ${error.leader.address}:${error.leader.port}); the next call goes to the leader`;
  }
  if (error instanceof AccessDeniedError) return `access denied: ${messageOf(error)}`;
  if (grpcCode(error) === UNAVAILABLE) return `unreachable: ${messageOf(error)}`;
  return messageOf(error);
};

/** The port's error for a failed append. `expected` is what was sent, which the error must echo. */
export const toAppendError = (error: unknown, streamName: string, expected: ExpectedRevision): AppendError => {
  if (error instanceof WrongExpectedVersionError) {
    return { _tag: "WrongExpectedVersion", streamName, expected, actual: fromEsdbCurrentRevision(error.actualVersion) };
  }
  if (error instanceof StreamDeletedError) {
    return { _tag: "InvalidAppend", streamName, reason: TOMBSTONED };
  }
  // A user without write access to the stream: waiting will not help, so not StoreUnavailable.
  if (error instanceof AccessDeniedError) return { _tag: "AccessDenied", operation: "appendToStream", reason: `access denied: ${messageOf(error)}` };
  if (error instanceof MaxAppendSizeExceededError) {
    return { _tag: "InvalidAppend", streamName, reason: `the batch exceeds the server's maximum append size of ${error.maxAppendSize} bytes` };
  }
  return unavailable("appendToStream", unavailabilityReason(error));
};

/**
 * The port's error for a failed stream read. A tombstoned stream is `StreamDeleted`, not "not
 * found": it can never be written again, so no writer may take it for a new, empty stream.
 */
export const toReadStreamError = (error: unknown, streamName: string): ReadStreamError => {
  if (error instanceof StreamNotFoundError) return { _tag: "StreamNotFound", streamName };
  if (error instanceof StreamDeletedError) return { _tag: "StreamDeleted", streamName };
  return unavailable("readStream", unavailabilityReason(error));
};

/**
 * Whether a call failed on the way, before the server could answer: the connection was refused
 * or dropped. The client caches its batch-append stream, so the first append after a dropped
 * connection fails on the dead stream (CANCELLED) while the client reconnects behind it; such a
 * failure is worth one more try, which event ids make safe.
 */
export const isTransportFailure = (error: unknown): boolean => {
  const code = grpcCode(error);
  return code === UNAVAILABLE || code === CANCELLED;
};

/**
 * Whether a read of `$all` failed only because it started between two records: EventStoreDB can
 * start only at a record's position, while the port accepts any position to read after.
 */
export const isInvalidPosition = (error: unknown): boolean =>
  grpcCode(error) === INVALID_ARGUMENT && /invalid position/i.test(messageOf(error));

/**
 * Whether a broken subscription is worth opening again. Refusals that will not change by waiting
 * (access, a feature the server lacks) are final; everything else (a dropped connection, a
 * restart, a leader change, a server-side timeout) is retried from the last event delivered.
 */
export const isRetryableSubscriptionError = (error: unknown): boolean =>
  !(error instanceof AccessDeniedError || error instanceof UnsupportedError || error instanceof StreamDeletedError);
