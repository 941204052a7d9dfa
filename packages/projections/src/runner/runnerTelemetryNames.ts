import type { TelemetryOptions } from "@grantledger/core";

/** The instrumentation scope (tracer and meter name) of the projection runner's telemetry. */
export const PROJECTIONS_TELEMETRY_SCOPE = "@grantledger/projections";

/** Span and metric names of the projection runner; the README of `@grantledger/projections` tables them. */
export const PROJECTION_TELEMETRY = {
  /** Span of one batch applied and saved; its name is this, a space, and the projection's name. */
  batchSpan: "grantledger.projection.batch",
  /** Histogram of the events in each batch (`{event}`), by projection. */
  batchSizeMetric: "grantledger.projection.batch.size",
  /** Histogram of how long a batch took to apply and save (`ms`), by projection and outcome. */
  batchDurationMetric: "grantledger.projection.batch.duration",
  /** Observable gauge of how far a read model is behind the store (`{event}`), by projection. */
  lagMetric: "grantledger.projection.lag",
} as const;

/** The attribute keys of the projection runner's spans and metrics. */
export const PROJECTION_ATTRIBUTES = {
  /** The projection's name, e.g. `municipalityTotals`. */
  projectionName: "grantledger.projection.name",
  /** How many events the batch held. */
  batchEvents: "grantledger.projection.batch.events",
  /** The global position of the batch's first event. */
  fromPosition: "grantledger.projection.batch.from_position",
  /** The global position of the batch's last event. */
  toPosition: "grantledger.projection.batch.to_position",
  /** The highest global position known to be stored when the batch was saved, where the runner knows it. */
  headPosition: "grantledger.projection.head_position",
  /** The head position minus the checkpoint after the batch, where the runner knows the head. */
  lag: "grantledger.projection.lag",
  /** `ok`, or the tag of the error that stopped the batch (`PoisonEvent`, `ReadModelStoreFailed`, …). */
  outcome: "grantledger.projection.outcome",
  /** The OpenTelemetry semantic convention's error class: the error tag, on a failed batch. */
  errorType: "error.type",
} as const;

/**
 * Where a projection runner sends its spans and metrics (the global providers by default), and
 * how it learns the store's head for the lag. A runner alone knows the head only when a read
 * comes back short of a full batch (it has then read to the end); `head` tells it more.
 */
export interface ProjectionTelemetryOptions extends TelemetryOptions {
  /**
   * The highest global position known to be stored, or `undefined` if none is known; called at
   * each batch and each collection of the lag gauge, so it must be cheap (no store call).
   * `startGrantEngine` passes the positions its own ledger appended and its read models reached.
   */
  readonly head?: () => bigint | undefined;
}
