import type { RecordedEvent } from "@grantledger/core";

/** Reads a subscription a batch at a time. */
export interface BatchReader {
  /** The next batch (at least one event), or `undefined` once the subscription has ended. */
  next(): Promise<readonly RecordedEvent[] | undefined>;
}

const NOT_YET: unique symbol = Symbol("not yet");

// One macrotask: events already delivered (or arriving in microtasks) come before it.
const nextTurn = (): Promise<typeof NOT_YET> => new Promise((resolve) => setImmediate(resolve, NOT_YET));

/**
 * Groups a subscription's events into batches of up to `max`: it waits for one event, then takes
 * whatever else is ready before the next turn of the event loop. A burst of appends becomes one
 * batch (one save), while a lone event is not held back waiting for company.
 *
 * A `next()` that is still waiting when a batch closes is kept for the following batch, so no
 * event is dropped between batches; the race has already attached a handler to it, so a store
 * failure it rejects with is reported at the following `next()` rather than as unhandled.
 */
export const createBatchReader = (events: AsyncIterable<RecordedEvent>, max: number): BatchReader => {
  const iterator = events[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
  let ended = false;
  const pull = (): Promise<IteratorResult<RecordedEvent>> => (pending ??= iterator.next());

  return {
    next: async () => {
      if (ended) return undefined;
      const first = await pull();
      pending = undefined;
      if (first.done === true) {
        ended = true;
        return undefined;
      }
      const batch: RecordedEvent[] = [first.value];
      const turn = nextTurn();
      while (batch.length < max) {
        const result = await Promise.race([pull(), turn]);
        if (result === NOT_YET) break;
        pending = undefined;
        if (result.done === true) {
          ended = true;
          break;
        }
        batch.push(result.value);
      }
      return batch;
    },
  };
};
