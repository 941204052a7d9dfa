import { SpanStatusCode } from "@opentelemetry/api";
import { DataPointType } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { LEDGER_ATTRIBUTES, LEDGER_TELEMETRY, type RecordedEvent } from "@grantledger/core";
import { afterEach, describe, expect, it } from "vitest";
import { startGrantEngine } from "../engine/grantEngine.js";
import { roundBudget } from "../readModels/roundBudget.js";
import { createMemoryReadModelStore } from "../store/memoryReadModelStore.js";
import { createLedgerWorld, type Step } from "../testkit/ledgerHistory.testkit.js";
import { inMemoryTelemetry, type InMemoryTelemetry } from "../testkit/otelSdk.testkit.js";
import { right } from "../testkit/runnerChecks.testkit.js";
import { createProjectionRunner } from "./projectionRunner.js";
import { PROJECTION_ATTRIBUTES as A, PROJECTION_TELEMETRY } from "./runnerTelemetryNames.js";

/*
 * The runner's spans and metrics as an application's SDK receives them: one span per batch with
 * its positions, and the lag wherever the runner knows the store's head.
 */

const life: readonly Step[] = [
  { kind: "apply", grant: 0, participants: [0, 6], weights: [3, 1, 1, 1], requested: 90_000 },
  { kind: "apply", grant: 1, participants: [1], weights: [1, 1, 1, 1], requested: 40_000 },
  { kind: "evaluate", grant: 0, recommend: true },
  { kind: "award", grant: 0, percent: 80 },
  { kind: "disburse", grant: 0, percent: 50 },
  { kind: "reject", grant: 1 },
];

let sdk: InMemoryTelemetry | undefined;
const installed = (): InMemoryTelemetry => (sdk = inMemoryTelemetry());
afterEach(async () => {
  await sdk?.shutdown();
  sdk = undefined;
});

const worldWith = async (steps: readonly Step[] = life) => {
  const world = await createLedgerWorld();
  for (const [index, step] of steps.entries()) await world.run(step, index);
  return world;
};

const allEvents = async (world: Awaited<ReturnType<typeof createLedgerWorld>>): Promise<readonly RecordedEvent[]> => right(await world.store.readAll()());

const batchSpans = (telemetry: InMemoryTelemetry, projection: string): readonly ReadableSpan[] =>
  telemetry.spans().filter((span) => span.name === `${PROJECTION_TELEMETRY.batchSpan} ${projection}`);

describe("the projection runner's OpenTelemetry spans", () => {
  it("gives each batch a span with its events and positions, and the lag once a short read shows the head", async () => {
    const world = await worldWith();
    const events = await allEvents(world);
    const telemetry = installed();
    const batchSize = 4;
    const runner = createProjectionRunner({ store: world.store, projection: roundBudget, readModelStore: createMemoryReadModelStore(), batchSize, telemetry });
    right(await runner.catchUp()());

    const spans = batchSpans(telemetry, "round-budget");
    const pages = Array.from({ length: Math.ceil(events.length / batchSize) }, (_, i) => events.slice(i * batchSize, (i + 1) * batchSize));
    expect(pages.at(-1)?.length).toBeLessThan(batchSize);
    expect(spans.map((span) => span.attributes)).toEqual(
      pages.map((page, i) =>
        expect.objectContaining({
          [A.projectionName]: "round-budget",
          [A.batchEvents]: page.length,
          [A.fromPosition]: Number(page[0]?.position),
          [A.toPosition]: Number(page.at(-1)?.position),
          [A.outcome]: "ok",
          // Only the last, short page shows where the store ends; a full page says nothing of what follows.
          ...(i === pages.length - 1 ? { [A.headPosition]: Number(page.at(-1)?.position), [A.lag]: 0 } : {}),
        }),
      ),
    );
    for (const span of spans.slice(0, -1)) expect(span.attributes).not.toHaveProperty(A.lag);
    expect(spans.every((span) => span.status.code === SpanStatusCode.UNSET)).toBe(true);
  });

  it("measures the lag against a head it is told: what is stored minus the checkpoint after the batch", async () => {
    const world = await worldWith();
    const events = await allEvents(world);
    const last = events.at(-1)?.position as bigint;
    const telemetry = installed();
    const runner = createProjectionRunner({
      store: world.store,
      projection: roundBudget,
      readModelStore: createMemoryReadModelStore(),
      batchSize: 4,
      telemetry: { ...telemetry, head: () => last },
    });
    right(await runner.catchUp()());

    const spans = batchSpans(telemetry, "round-budget");
    expect(spans.map((span) => span.attributes[A.lag])).toEqual(spans.map((span) => Number(last) - Number(span.attributes[A.toPosition])));
    expect(spans[0]?.attributes[A.lag]).toBeGreaterThan(0);
    expect(spans.map((span) => span.attributes[A.headPosition])).toEqual(spans.map(() => Number(last)));
  });
});

describe("the projection runner's OpenTelemetry metrics", () => {
  it("records batch sizes and durations, and the lag of a started runner as a gauge", async () => {
    const world = await worldWith();
    const events = await allEvents(world);
    const telemetry = installed();
    const runner = createProjectionRunner({ store: world.store, projection: roundBudget, readModelStore: createMemoryReadModelStore(), batchSize: 4, telemetry });
    right(await runner.start()());
    try {
      const metrics = await telemetry.metrics();
      const sizes = metrics.get(PROJECTION_TELEMETRY.batchSizeMetric);
      expect(sizes?.descriptor).toMatchObject({ unit: "{event}" });
      expect(sizes?.dataPointType).toBe(DataPointType.HISTOGRAM);
      expect(sizes?.dataPoints.map((point) => [point.attributes, (point.value as { count: number; sum: number }).count, (point.value as { sum: number }).sum])).toEqual([
        [{ [A.projectionName]: "round-budget" }, Math.ceil(events.length / 4), events.length],
      ]);
      const durations = metrics.get(PROJECTION_TELEMETRY.batchDurationMetric);
      expect(durations?.descriptor).toMatchObject({ unit: "ms" });
      expect(durations?.dataPoints.map((point) => point.attributes)).toEqual([{ [A.projectionName]: "round-budget", [A.outcome]: "ok" }]);
      const lag = metrics.get(PROJECTION_TELEMETRY.lagMetric);
      expect(lag?.descriptor).toMatchObject({ unit: "{event}" });
      expect(lag?.dataPointType).toBe(DataPointType.GAUGE);
      expect(lag?.dataPoints.map((point) => [point.attributes, point.value])).toEqual([[{ [A.projectionName]: "round-budget" }, 0]]);
    } finally {
      await runner.stop();
    }
  });
});

describe("the grant engine's OpenTelemetry", () => {
  it("traces a command and the batches that bring each read model to it, with their lag", async () => {
    const world = await worldWith();
    const telemetry = installed();
    const engine = right(await startGrantEngine({ store: world.store, telemetry, historical: { reason: "the tests' records, dated 2009" } })());
    try {
      const before = telemetry.spans().length;
      right(await engine.ledger.closeRound({ roundId: "r2009", closedAt: "2010-12-31T12:00:00Z" }, { commandId: "close-r2009", actor: "director" })());
      right(await engine.settled()());
      // A batch's span ends just after its save answers the waiters: stopping lets every one end.
      await engine.stop();
      const spans = telemetry.spans().slice(before);
      const command = spans.find((span) => span.name.startsWith(`${LEDGER_TELEMETRY.commandSpan} `));
      expect(command?.name).toBe("grantledger.command CloseRound");
      expect(command?.attributes).toMatchObject({ [LEDGER_ATTRIBUTES.commandOutcome]: "ok", [LEDGER_ATTRIBUTES.commandId]: "close-r2009", [LEDGER_ATTRIBUTES.commandStreams]: ["round-r2009"] });
      // Every read model that followed the store saw the command's events in a live batch of its own.
      const batches = spans.filter((span) => span.name.startsWith(`${PROJECTION_TELEMETRY.batchSpan} `));
      expect(new Set(batches.map((span) => span.attributes[A.projectionName]))).toEqual(
        new Set(["municipality-totals", "round-budget", "grant-register", "benefits-realisation", "report-obligations"]),
      );
      for (const batch of batches) expect(batch.attributes).toMatchObject({ [A.outcome]: "ok", [A.lag]: 0 });
    } finally {
      await engine.stop();
    }
  });
});
