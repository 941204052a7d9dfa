import type { ReadAllError, RecordedEvent, StoreError } from "@grantledger/core";
import type { ReadModelStoreFailed } from "./store/readModelStore.js";

/**
 * An event a projection could not take: it failed its codec, or `apply` threw. The runner stops
 * before it; the checkpoint names the event before it, and nothing after it is applied.
 */
export interface PoisonEvent {
  readonly _tag: "PoisonEvent";
  /** The projection that stopped. */
  readonly projection: string;
  /** The stream the event is in. */
  readonly streamName: string;
  /** Its revision in that stream. */
  readonly revision: bigint;
  /** Its global position: the checkpoint stays just before it. */
  readonly position: bigint;
  /** Its type. */
  readonly type: string;
  /** Why: the codec's complaint, or the message `apply` threw. */
  readonly reason: string;
  /** For a codec failure, the failing path (`event.data.amount`, `metadata.hash`). */
  readonly path?: string;
}

/** The event store refused a read, or a subscription broke. */
export interface EventStoreFailed {
  readonly _tag: "EventStoreFailed";
  /** The projection that was reading. */
  readonly projection: string;
  /** The store's own error. */
  readonly error: ReadAllError | StoreError;
}

/** A wait that cannot end: the runner is not running (any more) and has not reached `position`. */
export interface RunnerNotRunning {
  readonly _tag: "RunnerNotRunning";
  /** The runner's projection. */
  readonly projection: string;
  /** The global position waited for. */
  readonly position: bigint;
  /** Where the runner stopped; `undefined` if it never applied an event. */
  readonly checkpoint: bigint | undefined;
}

/** An as-of time that cannot be read: `knownAt` not an ISO-8601 instant with a zone, `inEffectOn` neither that nor a date. */
export interface InvalidAsOf {
  readonly _tag: "InvalidAsOf";
  /** The projection asked for. */
  readonly projection: string;
  /** Which option: `knownAt` (a recorded time) or `inEffectOn` (a business date or time). */
  readonly option: "knownAt" | "inEffectOn";
  /** The value given, as given. */
  readonly value: string;
}

/**
 * The {@link PoisonEvent} of `projection` at `event`: its place in the store, why it could not be
 * folded, and, for an event that failed its codec, the failing path.
 */
export const poisonEventAt = (projection: string, event: RecordedEvent, reason: string, path?: string): PoisonEvent => ({
  _tag: "PoisonEvent",
  projection,
  streamName: event.streamName,
  revision: event.revision,
  position: event.position,
  type: event.type,
  reason,
  ...(path === undefined ? {} : { path }),
});

/** Everything that can stop a projection. */
export type ProjectionError = PoisonEvent | EventStoreFailed | ReadModelStoreFailed | RunnerNotRunning | InvalidAsOf;

const where = (error: PoisonEvent): string =>
  `${error.type} at ${error.streamName}@${error.revision} (position ${error.position})`;

/** One sentence for a projection error, for the edges (CLI, logs, HTTP). */
export const describeProjectionError = (error: ProjectionError): string => {
  switch (error._tag) {
    case "PoisonEvent":
      return `projection ${error.projection} stopped at ${where(error)}: ${error.path === undefined ? "" : `${error.path}: `}${error.reason}`;
    case "EventStoreFailed":
      return `projection ${error.projection} could not read the event store: ${error.error._tag}`;
    case "ReadModelStoreFailed":
      return `read model ${error.name} could not be ${error.operation === "load" ? "loaded" : "saved"}: ${error.reason}`;
    case "RunnerNotRunning":
      return `projection ${error.projection} is not running and has not reached position ${error.position}`;
    case "InvalidAsOf":
      return error.option === "knownAt"
        ? `"${error.value}" is not an ISO-8601 time with a zone`
        : `"${error.value}" is neither a date (YYYY-MM-DD) nor an ISO-8601 time with a zone`;
  }
};
