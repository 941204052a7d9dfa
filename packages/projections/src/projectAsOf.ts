import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { compareInstants, IsoDateTime, type EventShape, type EventStore, type RecordedEvent } from "@grantledger/core";
import { InEffectFilter } from "./asOf/inEffectFilter.js";
import { inEffectLimitOf } from "./asOf/inEffectLimit.js";
import { foldRecorded } from "./foldRecorded.js";
import type { Projection, ProjectionSnapshot } from "./projection.js";
import type { ProjectionError } from "./projectionError.js";

/**
 * Where an as-of fold stops, by two clocks. `knownAt` and `position` cut the record: what the
 * ledger held then. `inEffectOn` picks, from what was known, the facts in effect by their own
 * business dates. Any may be combined ("what did we know on 2011-02-01 about what was paid by
 * 2010-12-31": `{ knownAt: "2011-02-01T00:00:00+01:00", inEffectOn: "2010-12-31" }`).
 */
export interface AsOfOptions {
  /** Fold events up to and including this global position. */
  readonly position?: bigint;
  /**
   * Fold what had been recorded at or before this instant (ISO-8601 with a zone): the longest
   * prefix of the global order recorded by then.
   */
  readonly knownAt?: string;
  /** @deprecated The former name of {@link AsOfOptions.knownAt}; used only when `knownAt` is absent. */
  readonly recordedAt?: string;
  /**
   * Fold only the events in effect on this business date: a date `YYYY-MM-DD` (through the end of
   * that day in Europe/Oslo) or an ISO-8601 time with a zone. An event is in effect when its own
   * business time (`businessTimeOf`: `awardedAt`, `disbursedAt`, …) is at or before it; see
   * `docs/events.md`, "Two times", for events without one and for the order within a stream.
   */
  readonly inEffectOn?: string;
  /** Events read per `readAll` call; defaults to 1 000. */
  readonly pageSize?: number;
}

/** A state as of a moment, and the position of the last event folded into it. */
export interface AsOfResult<S> {
  /** The projection's state as of then. */
  readonly state: S;
  /**
   * The last global position known by then (the cut of `knownAt` and `position`), whether or
   * not its event was in effect; `undefined` if nothing was recorded by then.
   */
  readonly position: bigint | undefined;
}

/** What {@link scanAsOf} found: how far the record it read reached. */
export interface ScanResult {
  /** The last global position known by then; `undefined` if nothing was recorded by then. */
  readonly position: bigint | undefined;
}

const DEFAULT_PAGE_SIZE = 1_000;

/*
 * Known at a time means the longest prefix of the global order recorded by then, not every event
 * stamped by then: a store's clock can step back, and a prefix is a state that really existed,
 * while picking stamped events out of order could fold an award before its application.
 * A recordedAt the store wrote in a form we cannot read is taken as later than any limit.
 */
const recordedAfter = (event: RecordedEvent, limit: IsoDateTime): boolean =>
  !IsoDateTime.is(event.recordedAt) || compareInstants(event.recordedAt, limit) > 0;

/**
 * Reads the history page by page from the first event and hands `visit` every page of the events
 * known at and in effect on the times of `options`, in global order (see {@link AsOfOptions}).
 * `visit` returns (or resolves to) a `ProjectionError` to stop there, which the scan then returns;
 * the next page is read only once `visit` has finished with this one. `name` names
 * the caller in the errors of the scan itself. Every as-of answer (`projectAsOf`, explanations,
 * reports) is built on it, so all of them read both clocks the same way.
 */
export const scanAsOf =
  (
    store: EventStore,
    name: string,
    options: AsOfOptions | undefined,
    visit: (events: readonly RecordedEvent[]) => ProjectionError | undefined | Promise<ProjectionError | undefined>,
  ): TaskEither<ProjectionError, ScanResult> =>
  async () => {
    const knownAt = options?.knownAt ?? options?.recordedAt;
    if (knownAt !== undefined && !IsoDateTime.is(knownAt)) return E.left({ _tag: "InvalidAsOf", projection: name, option: "knownAt", value: knownAt });
    const inEffectLimit = options?.inEffectOn === undefined ? undefined : inEffectLimitOf(options.inEffectOn);
    if (options?.inEffectOn !== undefined && inEffectLimit === undefined) {
      return E.left({ _tag: "InvalidAsOf", projection: name, option: "inEffectOn", value: options.inEffectOn });
    }
    const filter = inEffectLimit === undefined ? undefined : new InEffectFilter(inEffectLimit);
    const limitPosition = options?.position;
    const isPast = (event: RecordedEvent): boolean =>
      (limitPosition !== undefined && event.position > limitPosition) || (knownAt !== undefined && recordedAfter(event, knownAt));
    const pageSize = Math.max(1, options?.pageSize ?? DEFAULT_PAGE_SIZE);
    let position: bigint | undefined;
    for (;;) {
      const page = await store.readAll({ after: position, maxCount: pageSize })();
      if (E.isLeft(page)) return E.left({ _tag: "EventStoreFailed", projection: name, error: page.left });
      const end = page.right.findIndex(isPast);
      const known = end === -1 ? page.right : page.right.slice(0, end);
      const last = known[known.length - 1];
      if (last !== undefined) position = last.position;
      const done = end !== -1 || page.right.length === 0;
      const taken = filter === undefined ? known : [...filter.take(known), ...(done ? filter.finish() : [])];
      if (taken.length > 0) {
        const stopped = await visit(taken);
        if (stopped !== undefined) return E.left(stopped);
      }
      if (done) return E.right({ position });
    }
  };

/**
 * What `projection` would have answered as of a global position or a recorded time (what was
 * known then), and of a business date (what was in effect then). It folds `readAll` page by page
 * from the first event, in its own state, so it never touches (or waits for) a live runner.
 * Without options it folds everything recorded.
 */
export const projectAsOf =
  <S>(store: EventStore, projection: Projection<S, EventShape>, options?: AsOfOptions): TaskEither<ProjectionError, AsOfResult<S>> =>
  async () => {
    let snapshot: ProjectionSnapshot<S> = { state: projection.initialState, checkpoint: undefined };
    const scanned = await scanAsOf(store, projection.name, options, (events) => {
      const outcome = foldRecorded(projection, snapshot, events);
      snapshot = outcome.snapshot;
      return outcome.poison;
    })();
    if (E.isLeft(scanned)) return scanned;
    return E.right({ state: snapshot.state, position: scanned.right.position });
  };
