import type { CurrentRevision, ExpectedRevision } from "./expectedRevision.js";

/** The stream's revision did not match what the writer expected; `actual` says where it is. */
export interface WrongExpectedVersion {
  readonly _tag: "WrongExpectedVersion";
  readonly streamName: string;
  readonly expected: ExpectedRevision;
  readonly actual: CurrentRevision;
}

/** A read of a stream that has no events. */
export interface StreamNotFound {
  readonly _tag: "StreamNotFound";
  readonly streamName: string;
}

/** An event id already recorded elsewhere (another stream, or another place in this one). */
export interface DuplicateEventId {
  readonly _tag: "DuplicateEventId";
  readonly streamName: string;
  readonly eventId: string;
  readonly existingStreamName: string;
  readonly existingRevision: bigint;
}

/** An append the store refuses before writing anything (bad stream name, non-JSON data, …). */
export interface InvalidAppend {
  readonly _tag: "InvalidAppend";
  readonly streamName: string;
  readonly reason: string;
}

/** The store could not be reached, or did not answer in time. Nothing is known to be written. */
export interface StoreUnavailable {
  readonly _tag: "StoreUnavailable";
  readonly operation: string;
  readonly reason: string;
}

/** The store has been closed by its owner. */
export interface StoreClosed {
  readonly _tag: "StoreClosed";
  readonly operation: string;
}

export type AppendError = WrongExpectedVersion | DuplicateEventId | InvalidAppend | StoreUnavailable | StoreClosed;
export type ReadStreamError = StreamNotFound | StoreUnavailable | StoreClosed;
export type ReadAllError = StoreUnavailable | StoreClosed;
export type StoreError = AppendError | ReadStreamError | ReadAllError;

/**
 * A store error raised through an async iterator (subscriptions cannot return an Either);
 * `error` holds the tagged value.
 */
export class StoreFailure extends Error {
  constructor(readonly error: StoreError) {
    super(`${error._tag}${"streamName" in error ? ` on ${error.streamName}` : ""}`);
    this.name = "StoreFailure";
  }
}
