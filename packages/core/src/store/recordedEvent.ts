/** A JSON object as stored: event data and metadata are always plain JSON. */
export type JsonObject = { readonly [key: string]: unknown };

/** An event as handed to {@link EventStore.appendToStream}. */
export interface EventToAppend {
  /** A UUID, unique in the whole store; re-appending the same ids is idempotent. */
  readonly id: string;
  /** The event's type, e.g. `GrantAwarded`; readers pick their codec by it. */
  readonly type: string;
  /** The event's payload. */
  readonly data: JsonObject;
  /** Facts about the event rather than the domain: for grantledger, its {@link EventMetadata}. */
  readonly metadata: JsonObject;
  /**
   * For importing a history only: the time the event was first recorded, kept instead of the
   * store's clock, so that an exported history imported elsewhere exports byte for byte the
   * same. It must be in the one form every store reads back unchanged (UTC, to the millisecond:
   * see `isRecordedTime`); any other is refused as `InvalidAppend`. Leave it out everywhere
   * else: the command handler never sets it (a command's events are recorded when the store
   * records them), and a time that is not the store's own is a claim the importer vouches for.
   * A store that cannot keep it refuses it rather than drop it; EventStoreDB, which stamps its
   * own time, keeps it in the event's metadata under the reserved key `$recordedAt`. A re-append
   * of ids already recorded keeps the time first recorded.
   */
  readonly recordedAt?: string;
}

/** An event as read back from a store. */
export interface RecordedEvent extends EventToAppend {
  /** The stream the event is in. */
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
