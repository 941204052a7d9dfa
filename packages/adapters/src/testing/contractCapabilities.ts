/**
 * Guarantees of the port that a store may lack. Each defaults to `true`: the strict semantics the
 * memory and PostgreSQL stores give. A store that declares one `false` is held instead to the
 * weaker behaviour described with it (for event ids, the one EventStoreDB documents), so the
 * suite still tests it, never skips it.
 */
export interface EventStoreCapabilities {
  /**
   * An event id is recorded at most once in the whole store: appending an id recorded in another
   * stream is refused with `DuplicateEventId`, naming where it is, and nothing of the batch is
   * written. `false`: ids are checked per stream only (EventStoreDB: "the idempotence check is
   * based on the EventId and stream"); the suite then expects such a batch to be written whole.
   */
  readonly uniqueEventIdsAcrossStreams?: boolean;
  /**
   * An id is recorded at most once in a stream, whatever revision the writer expects. `false`:
   * ids are checked only where the expectation leaves room for a retry (EventStoreDB writes a
   * batch that expects the stream's exact current revision without looking at its ids); the
   * suite then expects a batch repeating a recorded id at the current revision to be written.
   */
  readonly uniqueEventIdsWithinStream?: boolean;
  /**
   * A `recordedAt` given with an append (an import of a history) is recorded as given, and a
   * re-append of the same ids keeps the time first recorded. Every store here keeps it
   * (EventStoreDB in the event's metadata, under `$recordedAt`). `false`: the store stamps every
   * event itself and cannot keep a given time; the suite then expects such an append to be
   * refused with `InvalidAppend` ("… cannot be kept"), never written with another time.
   */
  readonly keepsRecordedAt?: boolean;
}

/** Options of `describeEventStoreContract`. */
export interface EventStoreContractOptions {
  /** What the store does not guarantee; by default it guarantees everything. */
  readonly capabilities?: EventStoreCapabilities;
}

/** Every capability, with the ones not declared at their default. */
export type ResolvedCapabilities = Required<EventStoreCapabilities>;

/** The capabilities declared, with the strict default for each one left out. */
export const resolveCapabilities = (declared: EventStoreCapabilities = {}): ResolvedCapabilities => ({
  uniqueEventIdsAcrossStreams: declared.uniqueEventIdsAcrossStreams ?? true,
  uniqueEventIdsWithinStream: declared.uniqueEventIdsWithinStream ?? true,
  keepsRecordedAt: declared.keepsRecordedAt ?? true,
});
