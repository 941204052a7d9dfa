import { expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { startGrantEngine } from "@grantledger/projections";

it("sends a command's span, its read models' batches and the command counter to the SDK", async () => {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
  const exported = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: exported, exportIntervalMillis: 60_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });

  const started = await startGrantEngine({ store: createMemoryEventStore(), telemetry: { tracerProvider, meterProvider } })();
  if (E.isLeft(started)) throw new Error(started.left._tag);
  const engine = started.right;
  await engine.ledger.openRound({ roundId: "r1", name: "Krisepakke 2009", funder: { orgNo: "991825827", name: "Difi" },
    budget: 2_000_000_000, policy: { maxShareBps: 2000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
    applicationDeadline: "2009-04-15T23:59:59+02:00", disbursementWindow: { from: "2009-01-01", to: "2011-12-31" } }, { commandId: "open-r1", actor: "difi" })();
  await engine.settled()();
  await engine.stop();

  const command = spans.getFinishedSpans().find((span) => span.name === "grantledger.command OpenRound");
  expect(command?.attributes).toMatchObject({ "grantledger.command.outcome": "ok", "grantledger.command.retries": 0,
    "grantledger.command.streams": ["round-r1"], "grantledger.command.id": "open-r1" });
  const batch = spans.getFinishedSpans().find((span) => span.name === "grantledger.projection.batch round-budget");
  expect(batch?.attributes).toMatchObject({ "grantledger.projection.batch.events": 1, "grantledger.projection.lag": 0 });

  await reader.forceFlush();
  const metrics = exported.getMetrics().flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics));
  const commands = metrics.find((metric) => metric.descriptor.name === "grantledger.commands");
  expect(commands?.dataPoints.map((point) => [point.attributes, point.value])).toEqual([
    [{ "grantledger.command.type": "OpenRound", "grantledger.command.outcome": "ok" }, 1],
  ]);
  await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
});
