import type { MeterProvider, TracerProvider } from "@opentelemetry/api";

/**
 * Where grantledger sends its spans and metrics. Both are optional: without them it uses the
 * global providers of `@opentelemetry/api`, which record nothing until the application installs
 * an OpenTelemetry SDK. The global tracer provider may be installed after the ledger is created;
 * the global meter provider must be installed before (the API has no proxy for meters).
 */
export interface TelemetryOptions {
  /** Makes the tracer of the spans; the global one (`trace.getTracerProvider()`) by default. */
  readonly tracerProvider?: TracerProvider;
  /** Makes the meter of the metrics; the global one (`metrics.getMeterProvider()`) by default. */
  readonly meterProvider?: MeterProvider;
}
