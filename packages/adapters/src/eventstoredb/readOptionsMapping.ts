import { BACKWARDS, END, FORWARDS, START } from "@eventstore/db-client";
import type { ReadPosition, ReadRevision } from "@eventstore/db-client";
import type { ReadStreamOptions } from "@grantledger/core";

// EventStoreDB keeps revisions and positions as signed 64-bit numbers.
const MAX_INT64 = 2n ** 63n - 1n;

/** `maxCount` as a count: absent means all, and nonsense (negative, NaN) means none, as the memory store reads it. */
export const countLimit = (maxCount: number | undefined): number =>
  maxCount === undefined ? Infinity : Number.isNaN(maxCount) ? 0 : Math.max(0, Math.floor(maxCount));

/** What a stream read asks of the server: a read, or only whether the stream exists. */
export type StreamReadPlan =
  | { readonly kind: "read"; readonly direction: typeof FORWARDS | typeof BACKWARDS; readonly fromRevision: ReadRevision; readonly limit: number }
  | { readonly kind: "existence" };

/**
 * The port's stream-read options in the client's terms. Windows the server cannot express (no
 * events wanted, a negative start backwards) become an existence check, because even an empty
 * answer must still say `StreamNotFound` for a stream without events.
 */
export const planStreamRead = (options: ReadStreamOptions | undefined): StreamReadPlan => {
  const limit = countLimit(options?.maxCount);
  const from = options?.fromRevision;
  const backwards = options?.direction === "backwards";
  if (limit === 0 || (backwards && from !== undefined && from < 0n)) return { kind: "existence" };
  if (from === undefined || (!backwards && from < 0n)) return { kind: "read", direction: backwards ? BACKWARDS : FORWARDS, fromRevision: backwards ? END : START, limit };
  if (from > MAX_INT64) return backwards ? { kind: "read", direction: BACKWARDS, fromRevision: END, limit } : { kind: "existence" };
  return { kind: "read", direction: backwards ? BACKWARDS : FORWARDS, fromRevision: from, limit };
};

/**
 * Where a read of `$all` starts to return events strictly after `after`: at `after` itself (the
 * server includes the event there; the caller skips it). Events written through gRPC have equal
 * commit and prepare positions, so the one number names a record.
 */
export const startAfter = (after: bigint | undefined): ReadPosition => {
  if (after === undefined || after < 0n) return START;
  if (after > MAX_INT64) return END;
  return { commit: after, prepare: after };
};

/** Whether an event at `position` lies strictly after `after`. */
export const isAfter = (position: bigint, after: bigint | undefined): boolean => after === undefined || position > after;
