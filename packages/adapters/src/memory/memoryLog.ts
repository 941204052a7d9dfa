import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import { matchesExpectedRevision } from "@grantledger/core";
import type { AppendError, AppendResult, CurrentRevision, ExpectedRevision, RecordedEvent } from "@grantledger/core";
import type { PreparedEvent } from "../shared/prepareAppend.js";

/**
 * Everything the memory store holds. An event's global position is its index in `events`, and a
 * stream is the array of its events in revision order, so every look-up is by number or by key
 * and an append only pushes: its cost depends on the batch, never on the size of the store.
 *
 * What many events hold alike is held once (a store of 100 000 events is mostly these): a
 * stream's name is its first event's, each event type is one string, and `revisions[n]` is the
 * one bigint `n` that every event at revision `n` (and at position `n`) points to. A bigint is
 * immutable, so sharing one is as safe as sharing a string.
 */
export interface MemoryLog {
  readonly events: RecordedEvent[];
  readonly streams: Map<string, RecordedEvent[]>;
  readonly byId: Map<string, RecordedEvent>;
  readonly revisions: bigint[];
  readonly types: Map<string, string>;
}

/** An empty log. */
export const emptyLog = (): MemoryLog => ({ events: [], streams: new Map(), byId: new Map(), revisions: [], types: new Map() });

/** The shared bigint `n`, made the first time a stream grows to revision `n`. */
const revisionAt = (log: MemoryLog, n: number): bigint => {
  const { revisions } = log;
  while (revisions.length <= n) revisions.push(BigInt(revisions.length));
  return revisions[n] as bigint;
};

/** Position `n`: the shared bigint if some stream has reached revision `n`, else a new one. */
const positionAt = (log: MemoryLog, n: number): bigint => (n < log.revisions.length ? (log.revisions[n] as bigint) : BigInt(n));

/** The one copy of `type` the log holds. */
const internedType = (log: MemoryLog, type: string): string => {
  const held = log.types.get(type);
  if (held !== undefined) return held;
  log.types.set(type, type);
  return type;
};

/** What an empty append to a stream without events returns, as EventStoreDB does: revision -1. */
const NOTHING_WRITTEN: AppendResult = Object.freeze({ nextExpectedRevision: -1n, position: -1n });

/**
 * Checks `batch` against the stream and, if it passes, writes it, all in one synchronous step, so
 * no other append can slip between the check and the write. Already-checked input only: see
 * `prepareAppend`. `recordedAt` is asked at most once, and only when an event about to be written
 * brings no time of its own (see `EventToAppend.recordedAt`): an import keeps the times it names.
 */
export const commitAppend = (
  log: MemoryLog,
  streamName: string,
  batch: readonly PreparedEvent[],
  expected: ExpectedRevision,
  recordedAt: () => string,
): Either<AppendError, AppendResult> => {
  const stream = log.streams.get(streamName);
  const head = batch[0];
  // One look-up for the first id serves both a retry (it is recorded here) and a fresh append (it is not).
  const first = head === undefined ? undefined : log.byId.get(head.id);
  const replayed = first === undefined || stream === undefined ? undefined : replay(stream, first, batch, expected);
  if (replayed !== undefined) return E.right(replayed);

  const current: CurrentRevision = stream === undefined ? "no_stream" : revisionAt(log, stream.length - 1);
  if (!matchesExpectedRevision(expected, current)) {
    return E.left({ _tag: "WrongExpectedVersion", streamName, expected, actual: current });
  }
  for (let index = 0; index < batch.length; index++) {
    const id = (batch[index] as PreparedEvent).id;
    const existing = index === 0 ? first : log.byId.get(id);
    if (existing !== undefined) {
      return E.left({
        _tag: "DuplicateEventId",
        streamName,
        eventId: id,
        existingStreamName: existing.streamName,
        existingRevision: existing.revision,
      });
    }
  }
  const last = stream?.[stream.length - 1];
  if (batch.length === 0) {
    return E.right(last === undefined ? NOTHING_WRITTEN : { nextExpectedRevision: last.revision, position: last.position });
  }
  return E.right(write(log, streamName, stream, batch, recordedAt));
};

/**
 * The original result if `batch`, whose first event is recorded as `first`, is already recorded
 * in `stream`, whole and in order, at the place where a writer expecting `expected` would have
 * put it: the retry of an append whose answer was lost.
 */
const replay = (
  stream: readonly RecordedEvent[],
  first: RecordedEvent,
  batch: readonly PreparedEvent[],
  expected: ExpectedRevision,
): AppendResult | undefined => {
  const start = Number(first.revision);
  // Recorded in this stream, not merely under the same id in another.
  if (stream[start] !== first) return undefined;
  for (let offset = 1; offset < batch.length; offset++) {
    if (stream[start + offset]?.id !== batch[offset]?.id) return undefined;
  }
  const revisionBefore: CurrentRevision = first.revision === 0n ? "no_stream" : first.revision - 1n;
  // `stream_exists` is retried as EventStoreDB retries it: like `any`, wherever the batch is
  // (the stream's first batch included: the stream exists now because of it).
  if (expected !== "stream_exists" && !matchesExpectedRevision(expected, revisionBefore)) return undefined;
  const last = stream[start + batch.length - 1];
  return last === undefined ? undefined : { nextExpectedRevision: last.revision, position: last.position };
};

const write = (
  log: MemoryLog,
  streamName: string,
  existing: RecordedEvent[] | undefined,
  batch: readonly PreparedEvent[],
  clock: () => string,
): AppendResult => {
  // Asked before anything changes: a clock that throws must leave the log as it was.
  const now = batch.some(needsStamp) ? clock() : "";
  const stream = existing ?? [];
  if (existing === undefined) log.streams.set(streamName, stream);
  // The name this stream was created with: the caller's string may be a fresh copy each time.
  const name = stream[0]?.streamName ?? streamName;
  let last: RecordedEvent | undefined;
  for (const { id, type, data, metadata, recordedAt } of batch) {
    last = Object.freeze({
      id,
      type: internedType(log, type),
      data,
      metadata,
      streamName: name,
      revision: revisionAt(log, stream.length),
      position: positionAt(log, log.events.length),
      recordedAt: recordedAt ?? now,
    });
    stream.push(last);
    log.events.push(last);
    log.byId.set(id, last);
  }
  // commitAppend answers an empty batch itself, so `last` is set here; the fallback only satisfies the types.
  return last === undefined ? NOTHING_WRITTEN : { nextExpectedRevision: last.revision, position: last.position };
};

/** Whether the store must stamp `event`: it brings no time of its own. */
const needsStamp = (event: PreparedEvent): boolean => event.recordedAt === undefined;
