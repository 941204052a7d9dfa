/** A JSON object as stored: event data and metadata are always plain JSON. */
export type JsonObject = { readonly [key: string]: unknown };

/** An event as handed to {@link EventStore.appendToStream}. */
export interface EventToAppend {
  /** A UUID, unique in the whole store; re-appending the same ids is idempotent. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/** An event as read back from a store. */
export interface RecordedEvent extends EventToAppend {
  readonly streamName: string;
  /** 0-based position of the event in its stream. */
  readonly revision: bigint;
  /** Position in the store's one global order: strictly increasing, not necessarily contiguous. */
  readonly position: bigint;
  /** ISO-8601 time at which the store recorded the event. */
  readonly recordedAt: string;
}

/** What a successful append returns. */
export interface AppendResult {
  /** The revision of the last event now in the stream: the next append's exact expected revision. */
  readonly nextExpectedRevision: bigint;
  /** The global position of the last event of the batch. */
  readonly position: bigint;
}
