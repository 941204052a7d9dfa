import * as E from "fp-ts/lib/Either.js";
import type { AllSubscription, EventStore, RecordedEvent } from "@grantledger/core";

/** The index of the first element for which `isAfter` holds, in an array ordered so that it holds for a suffix. */
const firstIndex = <T>(items: readonly T[], isAfter: (item: T) => boolean): number => {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAfter(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
};

const limitOf = (maxCount: number | undefined): number =>
  maxCount === undefined ? Infinity : Number.isNaN(maxCount) ? 0 : Math.max(0, Math.floor(maxCount));

/**
 * A read-only {@link EventStore} over an exported history, holding each event exactly as the
 * file gives it. The memory store would renumber positions from 0 and stamp its own
 * `recordedAt`; here the file's positions and times stay, so `--at-position`, `--as-of` and the
 * positions that seals name mean what they meant in the store the history came from.
 * `events` must be in strictly increasing position order (the caller checks).
 */
export const createHistoryStore = (events: readonly RecordedEvent[]): EventStore => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const stream = streams.get(event.streamName);
    if (stream === undefined) streams.set(event.streamName, [event]);
    else stream.push(event);
  }
  let closed = false;
  const open = new Set<() => void>();

  return {
    appendToStream: (streamName) => async () =>
      E.left({ _tag: "InvalidAppend", streamName, reason: "a history read from a file is read-only" }),

    readStream: (streamName, options) => async () => {
      if (closed) return E.left({ _tag: "StoreClosed", operation: "readStream" });
      const stream = streams.get(streamName);
      if (stream === undefined) return E.left({ _tag: "StreamNotFound", streamName });
      const limit = limitOf(options?.maxCount);
      const from = options?.fromRevision;
      if (options?.direction !== "backwards") {
        const start = from === undefined ? 0 : firstIndex(stream, (e) => e.revision >= from);
        return E.right(stream.slice(start, start + limit));
      }
      const end = from === undefined ? stream.length : firstIndex(stream, (e) => e.revision > from);
      const window: RecordedEvent[] = [];
      for (let index = end - 1; index >= 0 && window.length < limit; index--) window.push(stream[index] as RecordedEvent);
      return E.right(window);
    },

    readAll: (options) => async () => {
      if (closed) return E.left({ _tag: "StoreClosed", operation: "readAll" });
      const after = options?.after;
      const start = after === undefined ? 0 : firstIndex(events, (e) => e.position > after);
      return E.right(events.slice(start, start + limitOf(options?.maxCount)));
    },

    subscribeToAll: (options): AllSubscription => {
      // A file never grows: deliver what it holds, then wait, as a live subscription would, until closed.
      let stop: () => void = () => undefined;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      open.add(stop);
      const after = options?.after;
      const prefix = options?.streamNamePrefix ?? "";
      const start = after === undefined ? 0 : firstIndex(events, (e) => e.position > after);
      return {
        async *[Symbol.asyncIterator]() {
          for (let index = start; index < events.length && !closed; index++) {
            const event = events[index] as RecordedEvent;
            if (event.streamName.startsWith(prefix)) yield event;
          }
          await stopped;
        },
        close: async () => {
          open.delete(stop);
          stop();
        },
      };
    },

    close: async () => {
      closed = true;
      for (const stop of open) stop();
      open.clear();
    },
  };
};
