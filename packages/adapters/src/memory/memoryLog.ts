import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import { matchesExpectedRevision } from "@grantledger/core";
import type { AppendError, AppendResult, CurrentRevision, ExpectedRevision, RecordedEvent } from "@grantledger/core";
import type { PreparedEvent } from "../shared/prepareAppend.js";

/**
 * Everything the memory store holds. An event's global position is its index in `events`, and a
 * stream is the array of its events in revision order, so every look-up is by number or by key
 * and an append only pushes: its cost depends on the batch, never on the size of the store.
 */
export interface MemoryLog {
  readonly events: RecordedEvent[];
  readonly streams: Map<string, RecordedEvent[]>;
  readonly byId: Map<string, RecordedEvent>;
}

/** An empty log. */
export const emptyLog = (): MemoryLog => ({ events: [], streams: new Map(), byId: new Map() });

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
  const replayed = stream === undefined ? undefined : replay(log, streamName, stream, batch, expected);
  if (replayed !== undefined) return E.right(replayed);

  const current: CurrentRevision = stream === undefined ? "no_stream" : BigInt(stream.length - 1);
  if (!matchesExpectedRevision(expected, current)) {
    return E.left({ _tag: "WrongExpectedVersion", streamName, expected, actual: current });
  }
  for (const event of batch) {
    const existing = log.byId.get(event.id);
    if (existing !== undefined) {
      return E.left({
        _tag: "DuplicateEventId",
        streamName,
        eventId: event.id,
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
 * The original result if `batch` is already recorded, whole and in order, at the place where a
 * writer expecting `expected` would have put it: the retry of an append whose answer was lost.
 */
const replay = (
  log: MemoryLog,
  streamName: string,
  stream: readonly RecordedEvent[],
  batch: readonly PreparedEvent[],
  expected: ExpectedRevision,
): AppendResult | undefined => {
  const head = batch[0];
  const first = head === undefined ? undefined : log.byId.get(head.id);
  if (first === undefined || first.streamName !== streamName) return undefined;
  const start = Number(first.revision);
  for (let offset = 1; offset < batch.length; offset++) {
    if (stream[start + offset]?.id !== batch[offset]?.id) return undefined;
  }
  const revisionBefore: CurrentRevision = first.revision === 0n ? "no_stream" : first.revision - 1n;
  if (!matchesExpectedRevision(expected, revisionBefore)) return undefined;
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
  const now = batch.every((event) => event.recordedAt !== undefined) ? "" : clock();
  const stream = existing ?? [];
  if (existing === undefined) log.streams.set(streamName, stream);
  let last: RecordedEvent | undefined;
  for (const { id, type, data, metadata, recordedAt } of batch) {
    last = Object.freeze({
      id,
      type,
      data,
      metadata,
      streamName,
      revision: BigInt(stream.length),
      position: BigInt(log.events.length),
      recordedAt: recordedAt ?? now,
    });
    stream.push(last);
    log.events.push(last);
    log.byId.set(id, last);
  }
  // commitAppend answers an empty batch itself, so `last` is set here; the fallback only satisfies the types.
  return last === undefined ? NOTHING_WRITTEN : { nextExpectedRevision: last.revision, position: last.position };
};
