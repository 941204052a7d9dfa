import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { EventShape, EventStore } from "@grantledger/core";
import type { Projection, ProjectionSnapshot } from "../projection.js";
import type { ProjectionError } from "../projectionError.js";
import type { ReadModelStore } from "../store/readModelStore.js";
import type { ProjectionTelemetryOptions } from "./runnerTelemetryNames.js";

/** Where a runner is: not started, catching up, following live, stopped, or stopped by an error. */
export type RunnerStatus = "idle" | "catching-up" | "live" | "stopped" | "failed";

/** What a runner runs: one projection, over one event store, into one read-model store. */
export interface ProjectionRunnerOptions<S> {
  /** Where the events are read from. */
  readonly store: EventStore;
  /** The read model to keep up to date. */
  readonly projection: Projection<S, EventShape>;
  /** Where its state and checkpoint are saved after each batch. */
  readonly readModelStore: ReadModelStore;
  /** Most events read, applied and saved as one batch; defaults to 1 000. */
  readonly batchSize?: number;
  /** Told of every error that stops the runner (also those of live following, which no caller awaits). */
  readonly onError?: (error: ProjectionError) => void;
  /** Where the batch spans and metrics go, and how the lag learns the store's head (see {@link ProjectionTelemetryOptions}). */
  readonly telemetry?: ProjectionTelemetryOptions;
}

/**
 * Keeps one projection's read model up to date. Each batch of events is applied and then saved
 * with its checkpoint in one `save`, and the in-memory snapshot moves only once the save has
 * succeeded: after a crash at any point the stored checkpoint names exactly the events in the
 * stored state, so the next run neither applies an event twice nor skips one.
 */
export interface ProjectionRunner<S> {
  /** Loads the stored read model (rebuilding it if its version differs) and reads to the end. */
  catchUp(): TaskEither<ProjectionError, ProjectionSnapshot<S>>;
  /** Catches up, then follows new events live until {@link stop}; resolves once live. */
  start(): TaskEither<ProjectionError, ProjectionSnapshot<S>>;
  /** Stops following (and any catch-up after its current batch); resolves once nothing is in flight. */
  stop(): Promise<void>;
  /** Throws the read model away and folds it again from the first event; keeps following if it was. */
  rebuild(): TaskEither<ProjectionError, ProjectionSnapshot<S>>;
  /** The last saved state and its checkpoint (the initial state before the first catch-up). */
  current(): ProjectionSnapshot<S>;
  /**
   * Resolves once the checkpoint is at or past `position`; Left with the error if the runner
   * fails first, or `RunnerNotRunning` if it is (or becomes) neither catching up nor live.
   */
  waitForPosition(position: bigint): TaskEither<ProjectionError, ProjectionSnapshot<S>>;
  /** Where the runner is now. */
  status(): RunnerStatus;
  /** The error that stopped the runner, while its status is `"failed"`. */
  failure(): ProjectionError | undefined;
}

