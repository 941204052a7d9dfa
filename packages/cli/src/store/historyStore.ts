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

/** A fresh pass over a history, in strictly increasing position order (the pass checks that). */
export type HistoryScan = () => AsyncIterable<RecordedEvent>;

/** A {@link HistoryScan} over events held in memory (tests, small histories). */
export const scanOf =
  (events: readonly RecordedEvent[]): HistoryScan =>
  async function* () {
    yield* events;
  };

/** Where the last `readAll` left its pass, so that the next page goes on from there. */
interface Cursor {
  readonly iterator: AsyncIterator<RecordedEvent>;
  /** The position of the last event handed out, `undefined` before the first. */
  served: bigint | undefined;
  /** An event read past the last page, handed out first next time. */
  pending: RecordedEvent | undefined;
}

/**
 * A read-only {@link EventStore} over an exported history, holding each event exactly as the
 * file gives it. The memory store would renumber positions from 0 and stamp its own
 * `recordedAt`; here the file's positions and times stay, so `--at-position`, `--as-of` and the
 * positions that seals name mean what they meant in the store the history came from.
 *
 * It holds none of the history: `readAll` pages are read on from one pass over it (a page after
 * another position than the last one handed out starts a new pass), and `readStream` makes a
 * pass of its own keeping only that stream. Memory is one page, or one stream, whatever the
 * size of the file; a fold over it (`totals`) holds only what the fold keeps.
 */
export const createHistoryStore = (scan: HistoryScan): EventStore => {
  let closed = false;
  const open = new Set<() => void>();
  let cursor: Cursor | undefined;
  // One page at a time: two interleaved reads of one pass would split its events between them.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <A>(work: () => Promise<A>): Promise<A> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const nextOf = async (at: Cursor): Promise<RecordedEvent | undefined> => {
    const pending = at.pending;
    if (pending !== undefined) {
      at.pending = undefined;
      return pending;
    }
    const read = await at.iterator.next();
    return read.done === true ? undefined : read.value;
  };

  const cursorAfter = async (after: bigint | undefined): Promise<Cursor> => {
    if (cursor !== undefined && cursor.served === after) return cursor;
    await cursor?.iterator.return?.();
    const fresh: Cursor = { iterator: scan()[Symbol.asyncIterator](), served: undefined, pending: undefined };
    cursor = fresh;
    if (after === undefined) return fresh;
    for (let event = await nextOf(fresh); event !== undefined; event = await nextOf(fresh)) {
      if (event.position > after) {
        fresh.pending = event;
        break;
      }
    }
    fresh.served = after;
    return fresh;
  };

  const wholeStream = async (streamName: string): Promise<RecordedEvent[]> => {
    const stream: RecordedEvent[] = [];
    for await (const event of scan()) if (event.streamName === streamName) stream.push(event);
    return stream;
  };

  return {
    appendToStream: (streamName) => async () =>
      E.left({ _tag: "InvalidAppend", streamName, reason: "a history read from a file is read-only" }),

    readStream: (streamName, options) => async () => {
      if (closed) return E.left({ _tag: "StoreClosed", operation: "readStream" });
      const stream = await wholeStream(streamName);
      if (stream.length === 0) return E.left({ _tag: "StreamNotFound", streamName });
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

    readAll: (options) => () =>
      serially(async () => {
        if (closed) return E.left({ _tag: "StoreClosed", operation: "readAll" });
        const limit = limitOf(options?.maxCount);
        if (limit === 0) return E.right([]);
        const at = await cursorAfter(options?.after);
        const page: RecordedEvent[] = [];
        for (let event = await nextOf(at); event !== undefined; event = page.length < limit ? await nextOf(at) : undefined) page.push(event);
        const last = page[page.length - 1];
        if (last !== undefined) at.served = last.position;
        return E.right(page);
      }),

    subscribeToAll: (options): AllSubscription => {
      // A file never grows: deliver what it holds, then wait, as a live subscription would, until closed.
      let stop: () => void = () => undefined;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      open.add(stop);
      const after = options?.after;
      const prefix = options?.streamNamePrefix ?? "";
      return {
        async *[Symbol.asyncIterator]() {
          for await (const event of scan()) {
            if (closed) break;
            if ((after === undefined || event.position > after) && event.streamName.startsWith(prefix)) yield event;
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
      await cursor?.iterator.return?.();
      cursor = undefined;
      for (const stop of open) stop();
      open.clear();
    },
  };
};
