import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { compareInstants, IsoDateTime, type EventShape, type EventStore, type RecordedEvent } from "@grantledger/core";
import { foldRecorded } from "./foldRecorded.js";
import type { Projection, ProjectionSnapshot } from "./projection.js";
import type { ProjectionError } from "./projectionError.js";

/** Where an as-of fold stops. Both may be given; it stops at whichever comes first. */
export interface AsOfOptions {
  /** Fold events up to and including this global position. */
  readonly position?: bigint;
  /** Fold events recorded at or before this instant (ISO-8601 with a zone). */
  readonly recordedAt?: string;
  /** Events read per `readAll` call; defaults to 1 000. */
  readonly pageSize?: number;
}

/** A state as of a moment, and the position of the last event folded into it. */
export interface AsOfResult<S> {
  /** The projection's state as of then. */
  readonly state: S;
  /** The last global position folded in; `undefined` if nothing was recorded by then. */
  readonly position: bigint | undefined;
}

const DEFAULT_PAGE_SIZE = 1_000;

/*
 * As of a time means the longest prefix of the global order recorded by then, not every event
 * stamped by then: a store's clock can step back, and a prefix is a state that really existed,
 * while picking stamped events out of order could fold an award before its application.
 * A recordedAt the store wrote in a form we cannot read is taken as later than any limit.
 */
const recordedAfter = (event: RecordedEvent, limit: IsoDateTime): boolean =>
  !IsoDateTime.is(event.recordedAt) || compareInstants(event.recordedAt, limit) > 0;

/**
 * What `projection` would have answered as of a global position or a recorded time: what was
 * known then. It folds `readAll` page by page from the first event, in its own state, so it
 * never touches (or waits for) a live runner. Without options it folds everything recorded.
 */
export const projectAsOf =
  <S>(store: EventStore, projection: Projection<S, EventShape>, options?: AsOfOptions): TaskEither<ProjectionError, AsOfResult<S>> =>
  async () => {
    const limitTime = options?.recordedAt;
    if (limitTime !== undefined && !IsoDateTime.is(limitTime)) {
      return E.left({ _tag: "InvalidAsOf", projection: projection.name, recordedAt: limitTime });
    }
    const limitPosition = options?.position;
    const isPast = (event: RecordedEvent): boolean =>
      (limitPosition !== undefined && event.position > limitPosition) || (limitTime !== undefined && recordedAfter(event, limitTime));
    const pageSize = Math.max(1, options?.pageSize ?? DEFAULT_PAGE_SIZE);
    let snapshot: ProjectionSnapshot<S> = { state: projection.initialState, checkpoint: undefined };
    for (;;) {
      const page = await store.readAll({ after: snapshot.checkpoint, maxCount: pageSize })();
      if (E.isLeft(page)) return E.left({ _tag: "EventStoreFailed", projection: projection.name, error: page.left });
      const end = page.right.findIndex(isPast);
      const taken = end === -1 ? page.right : page.right.slice(0, end);
      const outcome = foldRecorded(projection, snapshot, taken);
      if (outcome.poison !== undefined) return E.left(outcome.poison);
      snapshot = outcome.snapshot;
      if (end !== -1 || page.right.length === 0) return E.right({ state: snapshot.state, position: snapshot.checkpoint });
    }
  };
