import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { ExpectedRevision } from "./expectedRevision.js";
import type { AppendResult, EventToAppend, RecordedEvent } from "./recordedEvent.js";
import type { AppendError, ReadAllError, ReadStreamError } from "./storeErrors.js";

/** Options of {@link EventStore.appendToStream}. */
export interface AppendOptions {
  /** Defaults to `"any"`. */
  readonly expectedRevision?: ExpectedRevision;
}

/** Options of {@link EventStore.readStream}. */
export interface ReadStreamOptions {
  /** Defaults to `"forwards"`. */
  readonly direction?: "forwards" | "backwards";
  /**
   * The first revision to return (inclusive). Defaults to the start when reading forwards and
   * to the end when reading backwards.
   */
  readonly fromRevision?: bigint;
  /** At most this many events. Defaults to all. */
  readonly maxCount?: number;
}

/** Options of {@link EventStore.readAll}: one page of the global order. */
export interface ReadAllOptions {
  /** Only events with a global position strictly after this one. Defaults to the beginning. */
  readonly after?: bigint;
  /** At most this many events. Defaults to all. */
  readonly maxCount?: number;
}

/** Options of {@link EventStore.subscribeToAll}. */
export interface SubscribeToAllOptions {
  /** Deliver events strictly after this global position; defaults to the beginning. */
  readonly after?: bigint;
  /** Deliver only events of streams whose names start with this. */
  readonly streamNamePrefix?: string;
}

/**
 * A catch-up subscription: an async iterable over every recorded event after the starting
 * position, first those already stored, then new ones as they are appended, in global order.
 * Iteration waits for new events; it ends when {@link close} is called or the consumer breaks.
 * A store failure is thrown from the iterator as a {@link StoreFailure}.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  /** Ends the subscription: a pending iteration finishes, and resources are released. */
  close(): Promise<void>;
}

/**
 * The port every store adapter implements, with EventStoreDB's semantics as the reference.
 * Revisions and positions are `bigint`. All results are `TaskEither`s of tagged errors.
 */
export interface EventStore {
  /**
   * Appends a batch to one stream atomically, if the stream is at `expectedRevision`.
   * Re-appending events whose ids are already recorded at the same place is a no-op that returns
   * the original result. The store stamps each event's `recordedAt`, unless an import gives one
   * (see {@link EventToAppend.recordedAt}); a store that cannot keep a given time refuses it.
   */
  appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): TaskEither<AppendError, AppendResult>;

  /** Reads one stream; a stream with no events is `StreamNotFound`, a tombstoned one `StreamDeleted`. */
  readStream(streamName: string, options?: ReadStreamOptions): TaskEither<ReadStreamError, readonly RecordedEvent[]>;

  /** Reads events of all streams in global order. */
  readAll(options?: ReadAllOptions): TaskEither<ReadAllError, readonly RecordedEvent[]>;

  /** Subscribes to all streams from a position: catch-up first, then live. */
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;

  /** Releases connections and ends open subscriptions. */
  close(): Promise<void>;
}
