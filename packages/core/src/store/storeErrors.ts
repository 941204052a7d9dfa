import type { CurrentRevision, ExpectedRevision } from "./expectedRevision.js";

/** The stream's revision did not match what the writer expected; `actual` says where it is. */
export interface WrongExpectedVersion {
  readonly _tag: "WrongExpectedVersion";
  /** The stream appended to. */
  readonly streamName: string;
  /** The revision the writer expected. */
  readonly expected: ExpectedRevision;
  /** Where the stream actually is: its last revision, or `"no_stream"`. */
  readonly actual: CurrentRevision;
}

/** A read of a stream that has no events. */
export interface StreamNotFound {
  readonly _tag: "StreamNotFound";
  /** The stream read. */
  readonly streamName: string;
}

/**
 * A read of a stream that was deleted for good (EventStoreDB's tombstone): unlike a stream never
 * written, it can never be written again, so a caller must not take it for an empty stream.
 */
export interface StreamDeleted {
  readonly _tag: "StreamDeleted";
  /** The stream read. */
  readonly streamName: string;
}

/** An event id already recorded elsewhere (another stream, or another place in this one). */
export interface DuplicateEventId {
  readonly _tag: "DuplicateEventId";
  /** The stream appended to. */
  readonly streamName: string;
  /** The id already recorded. */
  readonly eventId: string;
  /** The stream the id is recorded in. */
  readonly existingStreamName: string;
  /** Its revision there. */
  readonly existingRevision: bigint;
}

/** An append the store refuses before writing anything (bad stream name, non-JSON data, …). */
export interface InvalidAppend {
  readonly _tag: "InvalidAppend";
  /** The stream appended to. */
  readonly streamName: string;
  /** What is wrong with the append, in a sentence. */
  readonly reason: string;
}

/** The store could not be reached, or did not answer in time. Nothing is known to be written. */
export interface StoreUnavailable {
  readonly _tag: "StoreUnavailable";
  /** What was being done, e.g. `appendToStream grant-42` or `readAll`. */
  readonly operation: string;
  /** The driver's or server's account of the failure. */
  readonly reason: string;
}

/**
 * The store refused the operation to this session's credentials: most often a write by a role
 * with read rights only, or on a read-only connection (a standby, `default_transaction_read_only`).
 * Nothing was written, and trying again with the same credentials will not help.
 */
export interface AccessDenied {
  readonly _tag: "AccessDenied";
  /** What was being done, e.g. `appendToStream grant-42`. */
  readonly operation: string;
  /** The server's refusal, as it worded it. */
  readonly reason: string;
}

/** The store has been closed by its owner. */
export interface StoreClosed {
  readonly _tag: "StoreClosed";
  /** What was attempted after the close. */
  readonly operation: string;
}

/** Why {@link EventStore.appendToStream} wrote nothing. */
export type AppendError = WrongExpectedVersion | DuplicateEventId | InvalidAppend | AccessDenied | StoreUnavailable | StoreClosed;
/** Why {@link EventStore.readStream} returned no events. */
export type ReadStreamError = StreamNotFound | StreamDeleted | StoreUnavailable | StoreClosed;
/** Why {@link EventStore.readAll} returned no events. */
export type ReadAllError = StoreUnavailable | StoreClosed;
/** Any error of the {@link EventStore} port. */
export type StoreError = AppendError | ReadStreamError | ReadAllError;

/**
 * A store error raised through an async iterator (subscriptions cannot return an Either);
 * `error` holds the tagged value.
 */
export class StoreFailure extends Error {
  /** @param error - the store error to carry; read it back as `error`. */
  constructor(readonly error: StoreError) {
    super(`${error._tag}${"streamName" in error ? ` on ${error.streamName}` : ""}`);
    this.name = "StoreFailure";
  }
}
