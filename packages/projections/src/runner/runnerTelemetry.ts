import { metrics, SpanStatusCode, trace, ValueType, type ObservableCallback } from "@opentelemetry/api";
import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { RecordedEvent } from "@grantledger/core";
import type { ProjectionError } from "../projectionError.js";
import { PROJECTION_ATTRIBUTES as A, PROJECTION_TELEMETRY, PROJECTIONS_TELEMETRY_SCOPE, type ProjectionTelemetryOptions } from "./runnerTelemetryNames.js";

/** The hooks the runner calls: around each batch, and as it starts and stops following. */
export interface RunnerTelemetry {
  /** Runs `apply` (apply and save `events`) under the batch's span, and records its size and duration. */
  batch(events: readonly RecordedEvent[], apply: () => Promise<Either<ProjectionError, void>>): Promise<Either<ProjectionError, void>>;
  /** The lag gauge reports this runner from now on. */
  started(): void;
  /** The lag gauge no longer reports this runner. */
  stopped(): void;
}

const BATCH_DURATION_BUCKETS_MS = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000];
const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];

const larger = (a: bigint | undefined, b: bigint | undefined): bigint | undefined => (a === undefined ? b : b === undefined || b < a ? a : b);

/**
 * The telemetry of one runner of `projection`. `checkpoint` reads the runner's checkpoint, so
 * the lag is always measured from what is saved; `batchSize` tells a short batch (the runner
 * had read all there was) from a full one.
 */
export const createRunnerTelemetry = (
  projection: string,
  batchSize: number,
  checkpoint: () => bigint | undefined,
  options: ProjectionTelemetryOptions | undefined,
): RunnerTelemetry => {
  const tracer = (options?.tracerProvider ?? trace.getTracerProvider()).getTracer(PROJECTIONS_TELEMETRY_SCOPE);
  const meter = (options?.meterProvider ?? metrics.getMeterProvider()).getMeter(PROJECTIONS_TELEMETRY_SCOPE);
  const sizes = meter.createHistogram(PROJECTION_TELEMETRY.batchSizeMetric, {
    description: "Events in each batch a projection runner applied and saved",
    unit: "{event}",
    valueType: ValueType.INT,
    advice: { explicitBucketBoundaries: BATCH_SIZE_BUCKETS },
  });
  const durations = meter.createHistogram(PROJECTION_TELEMETRY.batchDurationMetric, {
    description: "How long a projection runner took to apply and save a batch",
    unit: "ms",
    advice: { explicitBucketBoundaries: BATCH_DURATION_BUCKETS_MS },
  });
  const lagGauge = meter.createObservableGauge(PROJECTION_TELEMETRY.lagMetric, {
    description: "Events stored but not yet in the read model: the store's known head minus the checkpoint",
    unit: "{event}",
    valueType: ValueType.INT,
  });
  const nameAttributes = { [A.projectionName]: projection };
  const spanName = `${PROJECTION_TELEMETRY.batchSpan} ${projection}`;

  // The highest position this runner has read, and whether it was the end of the store then.
  let seen: bigint | undefined;
  let readToEnd = false;

  /**
   * The head, where known: the end this runner read to (its last batch was short), or a head
   * given by `options.head` beyond what this runner has read. A given head the runner has read
   * past says nothing of how much more there is, so the lag is then unknown, not zero.
   */
  const head = (): bigint | undefined => {
    const given = options?.head?.();
    if (readToEnd) return larger(given, seen);
    return given !== undefined && (seen === undefined || given > seen) ? given : undefined;
  };
  const lag = (): bigint | undefined => {
    const known = head();
    if (known === undefined) return undefined;
    const behind = known - (checkpoint() ?? 0n);
    return behind > 0n ? behind : 0n;
  };

  const observe: ObservableCallback = (result) => {
    const now = lag();
    if (now !== undefined) result.observe(Number(now), nameAttributes);
  };
  let observing = false;

  return {
    batch: async (events, apply) => {
      const started = performance.now();
      const span = tracer.startSpan(spanName);
      const recording = span.isRecording();
      const first = events[0];
      const last = events.at(-1);
      if (recording) {
        span.setAttribute(A.projectionName, projection);
        span.setAttribute(A.batchEvents, events.length);
        if (first !== undefined) span.setAttribute(A.fromPosition, Number(first.position));
        if (last !== undefined) span.setAttribute(A.toPosition, Number(last.position));
      }
      let outcome = "exception";
      try {
        const applied = await apply();
        outcome = E.isLeft(applied) ? applied.left._tag : "ok";
        seen = larger(seen, last?.position);
        readToEnd = events.length < batchSize;
        if (recording) {
          span.setAttribute(A.outcome, outcome);
          const known = head();
          const behind = lag();
          if (known !== undefined) span.setAttribute(A.headPosition, Number(known));
          if (behind !== undefined) span.setAttribute(A.lag, Number(behind));
          if (E.isLeft(applied)) {
            span.setAttribute(A.errorType, outcome);
            span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
          }
        }
        return applied;
      } catch (error) {
        if (recording) {
          span.setAttribute(A.outcome, outcome);
          span.recordException(error instanceof Error ? error : String(error));
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        }
        throw error;
      } finally {
        span.end();
        sizes.record(events.length, nameAttributes);
        durations.record(performance.now() - started, { [A.projectionName]: projection, [A.outcome]: outcome });
      }
    },
    started: () => {
      if (observing) return;
      observing = true;
      lagGauge.addCallback(observe);
    },
    stopped: () => {
      if (!observing) return;
      observing = false;
      lagGauge.removeCallback(observe);
    },
  };
};
