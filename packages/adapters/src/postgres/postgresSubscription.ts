import { StoreFailure } from "@grantledger/core";
import type { AllSubscription, RecordedEvent } from "@grantledger/core";
import type { AppendNotifications } from "./appendNotifications.js";
import type { SubscriptionPage } from "./readEvents.js";
import { isTransient, unavailable } from "./sqlErrors.js";

/** What a subscription needs from its store. */
export interface SubscriptionHost {
  /** The next page after `after`; rejects with the driver's error. */
  readPage(after: bigint, prefix: string | undefined): Promise<SubscriptionPage>;
  readonly notifications: AppendNotifications;
  /** The longest a caught-up subscription waits before looking again without a notification. */
  readonly pollIntervalMs: number;
  /** How long reads may keep failing for connection reasons before the subscription gives up. */
  readonly reconnectTimeoutMs: number;
  /** Open subscriptions, so that closing the store can end them. */
  readonly open: Set<PostgresSubscription>;
  isClosed(): boolean;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * A catch-up subscription: reads pages of the log until it is caught up, then waits for a
 * notification or the poll interval, whichever comes first, and reads on. It remembers only how
 * far it has looked, so a dropped connection costs nothing but a retry: the next read, on a new
 * connection, starts after the last event delivered. Connection failures are retried for
 * `reconnectTimeoutMs`; other failures, and a longer outage, end it with a {@link StoreFailure}.
 */
export class PostgresSubscription implements AllSubscription, AsyncIterator<RecordedEvent, undefined> {
  #scanned: bigint;
  #buffer: readonly RecordedEvent[] = [];
  #index = 0;
  #closed = false;
  #failingSince: number | undefined;
  #wake: (() => void) | undefined;
  // next() calls are served one after another, as a second caller must not read the same page.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: SubscriptionHost,
    after: bigint,
    private readonly prefix: string | undefined,
  ) {
    this.#scanned = after;
    host.open.add(this);
  }

  /** Itself: a subscription is one pass over the log. */
  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next event, waiting for an append if there is none yet. */
  next(): Promise<IteratorResult<RecordedEvent, undefined>> {
    const result = this.#queue.then(() => this.#pull());
    this.#queue = result.catch(() => undefined);
    return result;
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
    this.#wake?.();
    return Promise.resolve();
  }

  async #pull(): Promise<IteratorResult<RecordedEvent, undefined>> {
    for (;;) {
      if (this.#closed) return DONE;
      const event = this.#buffer[this.#index];
      if (event !== undefined) {
        this.#index++;
        return { done: false, value: event };
      }
      if (this.host.isClosed()) throw new StoreFailure({ _tag: "StoreClosed", operation: "subscribeToAll" });
      const generation = this.host.notifications.generation;
      await this.host.notifications.ensureListening();
      const page = await this.#read();
      if (page === undefined) continue;
      this.#buffer = page.events;
      this.#index = 0;
      this.#scanned = page.scannedTo;
      if (page.events.length === 0) await this.#sleep(generation);
    }
  }

  /** A page, or `undefined` after a transient failure (having waited a poll interval). */
  async #read(): Promise<SubscriptionPage | undefined> {
    try {
      const page = await this.host.readPage(this.#scanned, this.prefix);
      this.#failingSince = undefined;
      return page;
    } catch (error) {
      if (this.#closed) return undefined;
      if (this.host.isClosed()) throw new StoreFailure({ _tag: "StoreClosed", operation: "subscribeToAll" });
      const now = Date.now();
      this.#failingSince ??= now;
      if (!isTransient(error) || now - this.#failingSince >= this.host.reconnectTimeoutMs) {
        await this.close();
        throw new StoreFailure(unavailable("subscribeToAll", error));
      }
      await this.#sleep(undefined);
      return undefined;
    }
  }

  /** Waits the poll interval, or less: until close, or a notification after `generation`. */
  #sleep(generation: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      if (this.#closed) return resolve();
      let stopListening = (): void => undefined;
      const done = (): void => {
        clearTimeout(timer);
        stopListening();
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.host.pollIntervalMs);
      this.#wake = done;
      if (generation === undefined) return;
      if (this.host.notifications.generation !== generation) done();
      else stopListening = this.host.notifications.onNext(done);
    });
  }
}
