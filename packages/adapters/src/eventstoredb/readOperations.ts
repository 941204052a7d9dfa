import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import { BACKWARDS, END, FORWARDS, START } from "@eventstore/db-client";
import type { Position, ReadPosition } from "@eventstore/db-client";
import type { ReadAllOptions, ReadStreamError, ReadStreamOptions, RecordedEvent, StoreUnavailable } from "@grantledger/core";
import { isInvalidPosition, toReadStreamError, unavailable } from "./errorMapping.js";
import { countLimit, isAfter, planStreamRead, startAfter } from "./readOptionsMapping.js";
import { isSystemEvent, positionOf, toRecordedEvent } from "./recordedEventMapping.js";
import { collect } from "./storeContext.js";
import type { OnDeadline, StoreContext } from "./storeContext.js";

/** Thrown out of a read when an event cannot be mapped; caught where the read's result is built. */
class UnreadableEvent extends Error {}

const mapOrThrow = (resolved: Parameters<typeof toRecordedEvent>[0]): RecordedEvent => {
  const mapped = toRecordedEvent(resolved);
  if (E.isLeft(mapped)) throw new UnreadableEvent(mapped.left);
  return mapped.right;
};

/**
 * One stream's events as the port reads them. An event that is not the port's JSON (written by
 * another tool) is reported as `StoreUnavailable` naming it, since the port has no error of its
 * own for that; it is never skipped.
 */
export const readStreamEvents = async (
  context: StoreContext,
  streamName: string,
  options: ReadStreamOptions | undefined,
  onDeadline: OnDeadline,
): Promise<Either<ReadStreamError, readonly RecordedEvent[]>> => {
  const plan = planStreamRead(options);
  if (plan.kind === "existence") {
    const head = await readHead(context, streamName, onDeadline);
    return E.isLeft(head) ? head : E.right([]);
  }
  const events: RecordedEvent[] = [];
  try {
    const maxCount = Number.isFinite(plan.limit) ? plan.limit : undefined;
    const read = context.client.readStream(streamName, { direction: plan.direction, fromRevision: plan.fromRevision, maxCount });
    await collect(read, onDeadline, (resolved) => events.push(mapOrThrow(resolved)));
    return E.right(events);
  } catch (error) {
    if (error instanceof UnreadableEvent) return E.left(unavailable("readStream", error.message));
    return E.left(toReadStreamError(error, streamName));
  }
};

/** The last event of a stream, or `StreamNotFound`. */
export const readHead = async (
  context: StoreContext,
  streamName: string,
  onDeadline: OnDeadline,
): Promise<Either<ReadStreamError, RecordedEvent>> => {
  const read = await readStreamEvents(context, streamName, { direction: "backwards", maxCount: 1 }, onDeadline);
  if (E.isLeft(read)) return read;
  const [head] = read.right;
  return head === undefined ? E.left({ _tag: "StreamNotFound", streamName }) : E.right(head);
};

/**
 * Application events of all streams after `after`, in global order, at most `maxCount`.
 * EventStoreDB's own events are passed over and not counted. A start between two records, which
 * the server refuses, is moved back to the nearest record at or before it.
 */
export const readAllEvents = async (
  context: StoreContext,
  options: ReadAllOptions | undefined,
  onDeadline: OnDeadline,
): Promise<Either<StoreUnavailable, readonly RecordedEvent[]>> => {
  const limit = countLimit(options?.maxCount);
  const after = options?.after;
  if (limit === 0) return E.right([]);
  try {
    try {
      return E.right(await readAllFrom(context, startAfter(after), after, limit, onDeadline));
    } catch (error) {
      if (!isInvalidPosition(error) || after === undefined) throw error;
      return E.right(await readAllFrom(context, await alignAfter(context, after, onDeadline), after, limit, onDeadline));
    }
  } catch (error) {
    if (error instanceof UnreadableEvent) return E.left(unavailable("readAll", error.message));
    throw error;
  }
};

/**
 * Reads `$all` forwards in pages the server bounds. EventStoreDB's own events are passed over
 * and do not count, so a page may bring fewer than wanted: the next page starts at the last
 * position seen (included by the server, skipped here).
 */
const readAllFrom = async (
  context: StoreContext,
  start: ReadPosition,
  after: bigint | undefined,
  limit: number,
  onDeadline: OnDeadline,
): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let from = start;
  let seenUpTo = after;
  for (;;) {
    // One more than still wanted: the page's first event may be the one at `from`, already passed.
    const want = Number.isFinite(limit) ? limit - events.length + 1 : undefined;
    let received = 0;
    let last: ReadPosition | undefined;
    await collect(context.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: want }), onDeadline, (resolved) => {
      received += 1;
      const event = resolved.event;
      const position = positionOf(resolved);
      if (event === undefined || position === undefined || !isAfter(position, seenUpTo)) return;
      seenUpTo = position;
      last = event.position;
      if (events.length < limit && !isSystemEvent(event.streamId, event.type)) events.push(mapOrThrow(resolved));
    });
    if (want === undefined || received < want || events.length >= limit || last === undefined) return events;
    from = last;
  }
};

// Events per page when walking `$all` backwards to find a valid start.
const ALIGN_PAGE = 256;

/**
 * The position of the last record at or before `after`, found by reading `$all` backwards from
 * its end: a valid place to start a read meant to begin after `after`. Only needed for positions
 * this adapter did not hand out, so the walk is over events newer than `after`.
 */
export const alignAfter = async (context: StoreContext, after: bigint, onDeadline: OnDeadline): Promise<ReadPosition> => {
  let from: ReadPosition = END;
  let lowest: Position | undefined;
  for (;;) {
    let received = 0;
    let found: Position | undefined;
    await collect(context.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: ALIGN_PAGE }), onDeadline, (resolved) => {
      received += 1;
      const position = resolved.event?.position;
      if (found !== undefined || position === undefined || (lowest !== undefined && position.commit >= lowest.commit)) return;
      lowest = position;
      if (position.commit <= after) found = position;
    });
    if (found !== undefined) return found;
    if (received < ALIGN_PAGE || lowest === undefined) return START;
    from = lowest;
  }
};
