import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type {
  AllSubscription,
  AppendError,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllError,
  ReadStreamError,
  RecordedEvent,
  StoreClosed,
  StoreUnavailable,
} from "@grantledger/core";
import { prepareAppend } from "../shared/prepareAppend.js";
import type { PreparedEvent } from "../shared/prepareAppend.js";
import { commitAppend, emptyLog } from "./memoryLog.js";
import { closedStoreSubscription, MemorySubscription } from "./memorySubscription.js";
import type { SubscriptionHost } from "./memorySubscription.js";
import { countLimit, indexAfter, streamWindow } from "./readWindow.js";

/** Options of {@link createMemoryEventStore}. */
export interface MemoryEventStoreOptions {
  /** The clock that stamps `recordedAt`; defaults to real time. Inject one to make tests exact. */
  readonly now?: () => Date;
}

/**
 * An {@link EventStore} held in memory, with EventStoreDB's semantics: for tests, examples and
 * short-lived tools. Data and metadata are copied and frozen at append, so nothing a caller does
 * to its objects afterwards changes history. Each append or read costs in proportion to the
 * events it touches, whatever the size of the store.
 */
export const createMemoryEventStore = (options?: MemoryEventStoreOptions): EventStore => {
  const clock = options?.now;
  // Appends within one millisecond share one recordedAt string rather than each holding its own.
  let lastTime = Number.NaN;
  let lastStamp = "";
  const stamp = (): string => {
    const time = clock?.();
    const ms = time === undefined ? Date.now() : time.getTime();
    if (ms !== lastTime) {
      lastStamp = (time ?? new Date(ms)).toISOString();
      lastTime = ms;
    }
    return lastStamp;
  };
  const log = emptyLog();
  const host: SubscriptionHost = { events: log.events, waiting: new Set(), open: new Set() };
  let closed = false;

  const whenOpen = <Err, A>(operation: string, run: () => Either<Err, A>): Either<Err | StoreClosed, A> =>
    closed ? storeClosed(operation) : run();

  const commit = (streamName: string, batch: readonly PreparedEvent[], expected: ExpectedRevision) => {
    const result = commitAppend(log, streamName, batch, expected, stamp);
    if (E.isRight(result) && host.waiting.size > 0) {
      for (const subscription of host.waiting) subscription.wake();
      host.waiting.clear();
    }
    return result;
  };

  return {
    appendToStream: (streamName: string, events: readonly EventToAppend[], appendOptions) => () => {
      // Copy now, as a real client serialises when called; check and write later, in one step.
      const prepared = prepareAppend(streamName, events);
      const expected = appendOptions?.expectedRevision ?? "any";
      return later<AppendError | StoreClosed, AppendResult>("appendToStream", () =>
        closed ? storeClosed("appendToStream") : E.isLeft(prepared) ? prepared : commit(streamName, prepared.right, expected),
      );
    },

    readStream: (streamName, readOptions) => () =>
      later<ReadStreamError, readonly RecordedEvent[]>("readStream", () =>
        whenOpen("readStream", () => {
          const stream = log.streams.get(streamName);
          return stream === undefined
            ? E.left({ _tag: "StreamNotFound", streamName })
            : E.right(streamWindow(stream, readOptions));
        }),
      ),

    readAll: (readOptions) => () =>
      later<ReadAllError, readonly RecordedEvent[]>("readAll", () =>
        whenOpen("readAll", () => {
          const start = indexAfter(readOptions?.after);
          return E.right(log.events.slice(start, start + countLimit(readOptions?.maxCount)));
        }),
      ),

    subscribeToAll: (subscribeOptions): AllSubscription =>
      closed
        ? closedStoreSubscription()
        : new MemorySubscription(host, indexAfter(subscribeOptions?.after), subscribeOptions?.streamNamePrefix),

    close: async () => {
      closed = true;
      await Promise.all([...host.open].map((subscription) => subscription.close()));
    },
  };
};

const storeClosed = (operation: string): Either<StoreClosed, never> => E.left({ _tag: "StoreClosed", operation });

/**
 * Runs `run` on a later microtask, as a real store answers later: callers that start together
 * interleave, while each operation's check-and-write stays one synchronous step. A throw (from an
 * injected clock, say) becomes a Left, since a TaskEither must not reject.
 */
const later = <Err, A>(operation: string, run: () => Either<Err, A>): Promise<Either<Err | StoreUnavailable, A>> =>
  Promise.resolve().then((): Either<Err | StoreUnavailable, A> => {
    try {
      return run();
    } catch (error) {
      return E.left({ _tag: "StoreUnavailable", operation, reason: error instanceof Error ? error.message : String(error) });
    }
  });
