import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { AppendResult as EsdbAppendResult } from "@eventstore/db-client";
import { matchesExpectedRevision } from "@grantledger/core";
import type { AppendError, AppendResult, CurrentRevision, EventToAppend, ExpectedRevision, WrongExpectedVersion } from "@grantledger/core";
import { prepareAppend } from "../shared/prepareAppend.js";
import type { PreparedEvent } from "../shared/prepareAppend.js";
import { isTransportFailure, toAppendError, TOMBSTONED, unavailable } from "./errorMapping.js";
import { isSendableExpectedRevision, toEsdbExpectedRevision } from "./expectedRevisionMapping.js";
import { readHead, readStreamEvents } from "./readOperations.js";
import { RECORDED_AT_KEY, toEsdbEvent } from "./recordedEventMapping.js";
import type { OnDeadline, StoreContext } from "./storeContext.js";

/** What an empty append to a stream without events returns, as the memory store does. */
const NOTHING_WRITTEN: AppendResult = Object.freeze({ nextExpectedRevision: -1n, position: -1n });

/**
 * Appends a batch under an expected revision. Input is checked before anything is sent, so every
 * adapter refuses the same batches with the same reasons. EventStoreDB itself answers a re-append
 * of the same ids at the same place with the original revision, so retries stay idempotent.
 *
 * A recorded time given with an event (`EventToAppend.recordedAt`, an import's) is kept in the
 * event's metadata under the reserved key `$recordedAt` (see `RECORDED_AT_KEY`), since the
 * server stamps its own `created` time and takes none from a client; reads report it as the
 * event's `recordedAt`. An event without one carries the server's time. Metadata of the caller's
 * own that holds the reserved key is refused, as its value would be read back as a time. A
 * re-append of ids already recorded is answered by the server from history, so the time first
 * recorded stays.
 */
export const appendEvents = async (
  context: StoreContext,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  onDeadline: OnDeadline,
): Promise<Either<AppendError, AppendResult>> => {
  const prepared = prepareAppend(streamName, events);
  if (E.isLeft(prepared)) return prepared;
  const reserved = prepared.right.findIndex((event) => Object.hasOwn(event.metadata, RECORDED_AT_KEY));
  if (reserved !== -1) return E.left(reservedMetadataKey(streamName, reserved));
  // Nothing to write, or an expectation no stream can meet: answer from the stream's head alone.
  if (prepared.right.length === 0 || !isSendableExpectedRevision(expected)) {
    return checkOnly(context, streamName, expected, onDeadline);
  }
  let written: EsdbAppendResult;
  try {
    written = await send(context, streamName, prepared.right, expected);
  } catch (error) {
    const mapped = toAppendError(error, streamName, expected);
    if (mapped._tag !== "WrongExpectedVersion" || !matchesExpectedRevision(expected, mapped.actual)) return E.left(mapped);
    return E.left(await explainCorruptedIdempotency(context, mapped, prepared.right, onDeadline));
  }
  // With throwOnAppendFailure=false in the connection string, a mismatch arrives as a result.
  if (!written.success) return checkOnly(context, streamName, expected, onDeadline);
  if (written.position !== undefined) return E.right({ nextExpectedRevision: written.nextExpectedRevision, position: written.position.commit });
  return positionOfRevision(context, streamName, written.nextExpectedRevision, onDeadline);
};

/**
 * The caller's metadata holds the key the adapter keeps a given recorded time under: written, it
 * would be read back as the event's time and taken out of its metadata, so it is refused whole.
 */
const reservedMetadataKey = (streamName: string, index: number): AppendError => ({
  _tag: "InvalidAppend",
  streamName,
  reason:
    `events[${index}].metadata.${RECORDED_AT_KEY} is reserved by the EventStoreDB adapter, which keeps a given recordedAt under it; ` +
    "give the time as the event's recordedAt, or rename the key",
});

/**
 * Sends the batch, once more if the first try failed on the way: a batch that did arrive the
 * first time is then answered from history, as a re-append of the same ids.
 */
const send = async (
  context: StoreContext,
  streamName: string,
  batch: readonly PreparedEvent[],
  expected: ExpectedRevision,
): Promise<EsdbAppendResult> => {
  const attempt = (): Promise<EsdbAppendResult> =>
    context.client.appendToStream(streamName, batch.map(toEsdbEvent), {
      expectedRevision: toEsdbExpectedRevision(expected),
      deadline: context.deadlineMs,
    });
  try {
    return await attempt();
  } catch (error) {
    if (!isTransportFailure(error) || context.isClosed()) throw error;
    return attempt();
  }
};

/** The result of an append that writes nothing: the expectation checked against the stream's head. */
const checkOnly = async (
  context: StoreContext,
  streamName: string,
  expected: ExpectedRevision,
  onDeadline: OnDeadline,
): Promise<Either<AppendError, AppendResult>> => {
  const head = await readHead(context, streamName, onDeadline);
  if (E.isLeft(head) && head.left._tag === "StreamDeleted") return E.left({ _tag: "InvalidAppend", streamName, reason: TOMBSTONED });
  if (E.isLeft(head) && head.left._tag !== "StreamNotFound") return E.left(unavailable("appendToStream", describeRead(head.left)));
  const actual: CurrentRevision = E.isLeft(head) ? "no_stream" : head.right.revision;
  if (!matchesExpectedRevision(expected, actual)) return E.left({ _tag: "WrongExpectedVersion", streamName, expected, actual });
  return E.right(E.isLeft(head) ? NOTHING_WRITTEN : { nextExpectedRevision: head.right.revision, position: head.right.position });
};

/**
 * An idempotent re-append answered without a position (older servers send none for it): the
 * position is that of the event at the returned revision.
 */
const positionOfRevision = async (
  context: StoreContext,
  streamName: string,
  revision: bigint,
  onDeadline: OnDeadline,
): Promise<Either<AppendError, AppendResult>> => {
  const read = await readStreamEvents(context, streamName, { fromRevision: revision, maxCount: 1 }, onDeadline);
  const [event] = E.isRight(read) ? read.right : [];
  if (event === undefined) return E.left(unavailable("appendToStream", `the append succeeded without a position, and the event at ${streamName}@${revision} could not be read back`));
  return E.right({ nextExpectedRevision: revision, position: event.position });
};

/**
 * EventStoreDB answers "wrong expected version" when a batch repeats some ids already in the
 * stream but not all (its "corrupted idempotency"), even though the stream is where the writer
 * expected. The port calls that a duplicate id: find the first such id and where it is.
 */
const explainCorruptedIdempotency = async (
  context: StoreContext,
  mismatch: WrongExpectedVersion,
  batch: readonly PreparedEvent[],
  onDeadline: OnDeadline,
): Promise<AppendError> => {
  const read = await readStreamEvents(context, mismatch.streamName, undefined, onDeadline);
  if (E.isLeft(read)) return mismatch;
  const recorded = new Map(read.right.map((event) => [event.id, event]));
  const existing = batch.map((event) => recorded.get(event.id)).find((event) => event !== undefined);
  if (existing === undefined) return mismatch;
  return {
    _tag: "DuplicateEventId",
    streamName: mismatch.streamName,
    eventId: existing.id,
    existingStreamName: existing.streamName,
    existingRevision: existing.revision,
  };
};

const describeRead = (error: { readonly _tag: string; readonly reason?: string }): string =>
  error.reason === undefined ? error._tag : `reading the stream's head: ${error.reason}`;
