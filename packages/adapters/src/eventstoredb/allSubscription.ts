import * as E from "fp-ts/lib/Either.js";
import { excludeSystemEvents, streamNameFilter } from "@eventstore/db-client";
import type { AllStreamResolvedEvent, ReadPosition } from "@eventstore/db-client";
import { StoreFailure } from "@grantledger/core";
import type { AllSubscription, RecordedEvent, SubscribeToAllOptions } from "@grantledger/core";
import { isInvalidPosition, isRetryableSubscriptionError, unavailabilityReason, unavailable } from "./errorMapping.js";
import { alignAfter } from "./readOperations.js";
import { isAfter, startAfter } from "./readOptionsMapping.js";
import { isSystemEvent, positionOf, toRecordedEvent } from "./recordedEventMapping.js";
import type { StoreContext } from "./storeContext.js";

/** How a subscription rides out a dropped connection. */
export interface ResubscribePolicy {
  /** Attempts in a row without an event delivered before the subscription fails. */
  readonly maxAttempts: number;
  /** The wait before attempt `n` (1-based), in milliseconds. */
  readonly backoffMs: (attempt: number) => number;
}

/** Doubling waits from 100 ms, at most 2 s: about 13 s of retrying before the default gives up. */
export const defaultResubscribePolicy: ResubscribePolicy = {
  maxAttempts: 10,
  backoffMs: (attempt) => Math.min(100 * 2 ** (attempt - 1), 2_000),
};

const CLOSED = Symbol("closed");

/**
 * A catch-up subscription to `$all` that survives dropped connections: after a break it
 * subscribes again from the last event it delivered, so the consumer sees every event once, in
 * order. The server filters (system events out, or the stream-name prefix in); the same filter
 * is applied again here, so what is delivered matches `readAll` exactly.
 */
export class EventStoreDbAllSubscription implements AllSubscription {
  #after: bigint | undefined;
  #closed = false;
  #current: { unsubscribe(): Promise<void>; destroy(): void } | undefined;
  readonly #closedSignal: Promise<typeof CLOSED>;
  readonly #signalClosed: () => void;
  readonly #events: AsyncGenerator<RecordedEvent, void, undefined>;

  constructor(
    private readonly context: StoreContext,
    options: SubscribeToAllOptions | undefined,
    private readonly policy: ResubscribePolicy,
    private readonly onClose: (subscription: EventStoreDbAllSubscription) => void,
  ) {
    this.#after = options?.after;
    let signal: () => void = () => undefined;
    this.#closedSignal = new Promise((resolve) => (signal = () => resolve(CLOSED)));
    this.#signalClosed = signal;
    this.#events = this.#run(options?.streamNamePrefix);
  }

  /** One pass over `$all`: every iteration of this subscription shares it. */
  [Symbol.asyncIterator](): AsyncGenerator<RecordedEvent, void, undefined> {
    return this.#events;
  }

  /** Ends the subscription; a consumer waiting for the next event is released with `done`. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#signalClosed();
    this.onClose(this);
    await this.#stopCurrent();
  }

  async *#run(prefix: string | undefined): AsyncGenerator<RecordedEvent, void, undefined> {
    let failures = 0;
    let start: ReadPosition = startAfter(this.#after);
    try {
      while (!this.#closed) {
        const subscription = this.context.client.subscribeToAll({
          fromPosition: start,
          filter: prefix === undefined ? excludeSystemEvents() : streamNameFilter({ prefixes: [prefix] }),
        });
        this.#current = subscription;
        const events = subscription[Symbol.asyncIterator]();
        let failure: unknown = new Error("the server ended the subscription");
        for (;;) {
          let step: IteratorResult<AllStreamResolvedEvent> | typeof CLOSED;
          try {
            step = await Promise.race([events.next(), this.#closedSignal]);
          } catch (error) {
            failure = error;
            break;
          }
          if (step === CLOSED) return;
          if (step.done === true) break;
          const event = this.#accept(step.value, prefix);
          if (event === undefined) continue;
          failures = 0;
          yield event;
          if (this.#closed) return;
        }
        await this.#stopCurrent();
        if (this.#closed) return;
        failures += 1;
        if (!isRetryableSubscriptionError(failure) || failures > this.policy.maxAttempts) {
          throw new StoreFailure(unavailable("subscribeToAll", `${unavailabilityReason(failure)} (after ${failures} attempt(s))`));
        }
        // A start between two records (a position this adapter did not hand out) is moved back
        // to the record before it; anything else is tried again after a pause.
        if (isInvalidPosition(failure) && this.#after !== undefined) {
          start = await alignAfter(this.context, this.#after, () => undefined);
          continue;
        }
        if (await this.#pauseUnlessClosed(this.policy.backoffMs(failures))) return;
        start = startAfter(this.#after);
      }
    } catch (error) {
      if (this.#closed && !(error instanceof StoreFailure)) return;
      throw error instanceof StoreFailure ? error : new StoreFailure(unavailable("subscribeToAll", unavailabilityReason(error)));
    } finally {
      this.#closed = true;
      this.onClose(this);
      await this.#stopCurrent();
    }
  }

  /** The recorded event to deliver, or `undefined` to pass over; a bad event fails the subscription. */
  #accept(resolved: AllStreamResolvedEvent, prefix: string | undefined): RecordedEvent | undefined {
    const event = resolved.event;
    const position = positionOf(resolved);
    if (event === undefined || position === undefined || !isAfter(position, this.#after)) return undefined;
    if (isSystemEvent(event.streamId, event.type) || (prefix !== undefined && !event.streamId.startsWith(prefix))) {
      this.#after = position;
      return undefined;
    }
    const mapped = toRecordedEvent(resolved);
    if (E.isLeft(mapped)) throw new StoreFailure(unavailable("subscribeToAll", mapped.left));
    this.#after = position;
    return mapped.right;
  }

  /** Waits `ms`, or less if the subscription is closed meanwhile; says whether it was. */
  async #pauseUnlessClosed(ms: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const paused = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    const outcome = await Promise.race([paused, this.#closedSignal]);
    clearTimeout(timer);
    return outcome === CLOSED;
  }

  async #stopCurrent(): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    if (current === undefined) return;
    current.destroy();
    await current.unsubscribe().catch(() => undefined);
  }
}

