import { StoreFailure } from "@grantledger/core";
import type { AllSubscription, RecordedEvent, StoreClosed } from "@grantledger/core";

/**
 * The store's side of its subscriptions. The store wakes (and forgets) every `waiting` one at
 * each append, and closes every `open` one when it closes.
 */
export interface SubscriptionHost {
  readonly events: readonly RecordedEvent[];
  readonly waiting: Set<MemorySubscription>;
  readonly open: Set<MemorySubscription>;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * A catch-up subscription over the memory log: it walks the log from a start index and, once at
 * its end, sleeps until the store wakes it. No timers and no polling, and a skipped event (other
 * prefix) costs one comparison.
 */
export class MemorySubscription implements AllSubscription, AsyncIterator<RecordedEvent, undefined> {
  #next: number;
  #closed = false;
  // An array, not one slot: two next() calls may be waiting at once, and close() must end both.
  readonly #sleepers: (() => void)[] = [];

  /** Starts at index `start` of the host's log; `prefix` filters by stream name. */
  constructor(
    private readonly host: SubscriptionHost,
    start: number,
    private readonly prefix: string | undefined,
  ) {
    this.#next = start;
    host.open.add(this);
  }

  /** Itself: a subscription is one pass over the log, and it ends when this iterator is done. */
  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next event after those already delivered, waiting for an append if there is none yet. */
  async next(): Promise<IteratorResult<RecordedEvent, undefined>> {
    for (;;) {
      if (this.#closed) return DONE;
      const events = this.host.events;
      while (this.#next < events.length) {
        const event = events[this.#next++];
        if (event !== undefined && (this.prefix === undefined || event.streamName.startsWith(this.prefix))) {
          return { done: false, value: event };
        }
      }
      await new Promise<void>((resolve) => {
        this.#sleepers.push(resolve);
        this.host.waiting.add(this);
      });
    }
  }

  /** Called by `for await` when the consumer breaks out: the subscription ends. */
  async return(): Promise<IteratorReturnResult<undefined>> {
    await this.close();
    return DONE;
  }

  /** Ends the subscription: a waiting `next()` and every later one report done. */
  close(): Promise<void> {
    this.#closed = true;
    this.host.open.delete(this);
    this.host.waiting.delete(this);
    this.wake();
    return Promise.resolve();
  }

  /** Lets every waiting `next()` look at the log again; called by the store after an append. */
  wake(): void {
    for (const resolve of this.#sleepers) resolve();
    this.#sleepers.length = 0;
  }
}

/** The subscription a closed store hands out: iterating it throws {@link StoreFailure}. */
export const closedStoreSubscription = (): AllSubscription => {
  const error: StoreClosed = { _tag: "StoreClosed", operation: "subscribeToAll" };
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new StoreFailure(error)) }),
    close: () => Promise.resolve(),
  };
};
