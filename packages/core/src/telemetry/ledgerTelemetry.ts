import {
  context as otelContext,
  createNoopMeter,
  isSpanContextValid,
  metrics,
  SpanStatusCode,
  trace,
  ValueType,
  type Context,
  type Counter,
  type Histogram,
  type Span,
  type Tracer,
} from "@opentelemetry/api";
import * as E from "fp-ts/lib/Either.js";
import { inCommandScope, currentCommandScope, type CommandScope } from "./commandScope.js";
import { CORE_TELEMETRY_SCOPE, LEDGER_ATTRIBUTES, LEDGER_TELEMETRY } from "./telemetryNames.js";
import type { TelemetryOptions } from "./telemetryOptions.js";

/** What a command's result must show for its span: the events its outcome lists. */
interface TracedOutcome {
  readonly alreadyHandled: boolean;
  readonly events: readonly unknown[];
}

/** A command runner of the ledger: the command as given, with its context as given. */
type CommandRun<I, C, L, R> = (input: I, context: C) => Promise<E.Either<L, R>>;

/** The ledger's tracer and command instruments, made once per ledger. */
export interface LedgerTelemetry {
  /** The tracer of the commands' and the store calls' spans. */
  readonly tracer: Tracer;
  /** `run`, with a span and the command metrics around every call. */
  traceCommand<I extends { readonly type: string }, C, L, R extends TracedOutcome>(
    run: CommandRun<I, C, L, R>,
  ): CommandRun<I, C, L, R>;
}

/** A refusal's tag; an application's own error (a stream type of one's own) may have none. */
const tagOf = (error: unknown): string => {
  const tag: unknown = typeof error === "object" && error !== null ? (error as { readonly _tag?: unknown })._tag : undefined;
  return typeof tag === "string" ? tag : "error";
};

/** Millisecond buckets for command durations: a cached command takes well under one, a contended award some tens. */
const DURATION_BUCKETS_MS = [0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];

const commandIdOf = (context: unknown): { readonly id?: string; readonly correlation?: string } => {
  if (typeof context !== "object" || context === null) return {};
  const { commandId, correlationId } = context as { readonly commandId?: unknown; readonly correlationId?: unknown };
  return {
    ...(typeof commandId === "string" ? { id: commandId } : {}),
    ...(typeof correlationId === "string" ? { correlation: correlationId } : {}),
  };
};

// The API's no-op meter, whose instruments stay no-ops for good (the metrics API has no proxy).
const NoopMeter = createNoopMeter().constructor;

const describeThrown = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const finishRecording = (span: Span, scope: CommandScope, outcome: string, result: E.Either<unknown, TracedOutcome>): void => {
  span.setAttribute(LEDGER_ATTRIBUTES.commandOutcome, outcome);
  span.setAttribute(LEDGER_ATTRIBUTES.commandRetries, scope.retries);
  span.setAttribute(LEDGER_ATTRIBUTES.commandStreams, [...scope.streams]);
  if (E.isRight(result)) {
    span.setAttribute(LEDGER_ATTRIBUTES.commandEvents, result.right.events.length);
    span.setAttribute(LEDGER_ATTRIBUTES.alreadyHandled, result.right.alreadyHandled);
  } else {
    span.setAttribute(LEDGER_ATTRIBUTES.errorType, outcome);
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
  }
};

/**
 * The ledger's telemetry over the given providers (the global ones by default). `knows` tells a
 * command type from arbitrary input, so that a span name or metric attribute never takes an
 * unbounded value from a caller (an unknown type is recorded as `unknown`).
 */
export const createLedgerTelemetry = (options: TelemetryOptions | undefined, knows: (type: string) => boolean): LedgerTelemetry => {
  const tracer = (options?.tracerProvider ?? trace.getTracerProvider()).getTracer(CORE_TELEMETRY_SCOPE);
  const meter = (options?.meterProvider ?? metrics.getMeterProvider()).getMeter(CORE_TELEMETRY_SCOPE);
  const measuring = !(meter instanceof NoopMeter);
  const spanNames = new Map<string, string>();
  const commands: Counter = meter.createCounter(LEDGER_TELEMETRY.commandsMetric, {
    description: "Commands handled by the ledger, by type and outcome",
    unit: "{command}",
    valueType: ValueType.INT,
  });
  const duration: Histogram = meter.createHistogram(LEDGER_TELEMETRY.commandDurationMetric, {
    description: "How long the ledger took to handle a command, queueing behind other commands on its streams included",
    unit: "ms",
    advice: { explicitBucketBoundaries: DURATION_BUCKETS_MS },
  });

  const traceCommand: LedgerTelemetry["traceCommand"] = (run) => (input, context) => {
    const type = typeof input.type === "string" && knows(input.type) ? input.type : "unknown";
    const parent = currentCommandScope()?.context ?? otelContext.active();
    let name = spanNames.get(type);
    if (name === undefined) spanNames.set(type, (name = `${LEDGER_TELEMETRY.commandSpan} ${type}`));
    const span = tracer.startSpan(name, {}, parent);
    // No SDK at all (a no-op span and no-op instruments): the command runs as it would untraced.
    if (!measuring && !span.isRecording() && !isSpanContextValid(span.spanContext())) return run(input, context);
    return measured(run, input, context, type, parent, span);
  };

  const measured = async <I, C, L, R extends TracedOutcome>(
    run: CommandRun<I, C, L, R>,
    input: I,
    context: C,
    type: string,
    parent: Context,
    span: Span,
  ): Promise<E.Either<L, R>> => {
    const started = performance.now();
    let scope: CommandScope | undefined;
    // Attributes are built only for a span that records: without an SDK this is the whole cost.
    if (span.isRecording()) {
      const { id, correlation } = commandIdOf(context);
      span.setAttribute(LEDGER_ATTRIBUTES.commandType, type);
      if (id !== undefined) span.setAttribute(LEDGER_ATTRIBUTES.commandId, id);
      if (correlation !== undefined) span.setAttribute(LEDGER_ATTRIBUTES.correlationId, correlation);
      scope = { span, context: trace.setSpan(parent, span), retries: 0, streams: new Set() };
    }
    let outcome = "exception";
    try {
      const active = scope;
      const result =
        active !== undefined
          ? await inCommandScope(active, () => otelContext.with(active.context, () => run(input, context)))
          : // Sampled out by an SDK: still the parent, so that nothing below is sampled in on its own.
            isSpanContextValid(span.spanContext())
            ? await otelContext.with(trace.setSpan(parent, span), () => run(input, context))
            : await run(input, context);
      outcome = E.isLeft(result) ? tagOf(result.left) : "ok";
      if (active !== undefined) finishRecording(span, active, outcome, result);
      return result;
    } catch (error) {
      if (scope !== undefined) {
        span.setAttribute(LEDGER_ATTRIBUTES.commandOutcome, outcome);
        span.setAttribute(LEDGER_ATTRIBUTES.commandRetries, scope.retries);
        span.setAttribute(LEDGER_ATTRIBUTES.commandStreams, [...scope.streams]);
        span.setAttribute(LEDGER_ATTRIBUTES.errorType, error instanceof Error ? error.name : "exception");
        span.recordException(error instanceof Error ? error : describeThrown(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: describeThrown(error) });
      }
      throw error;
    } finally {
      span.end();
      if (measuring) {
        const attributes = { [LEDGER_ATTRIBUTES.commandType]: type, [LEDGER_ATTRIBUTES.commandOutcome]: outcome };
        commands.add(1, attributes);
        duration.record(performance.now() - started, attributes);
      }
    }
  };

  return { tracer, traceCommand };
};
