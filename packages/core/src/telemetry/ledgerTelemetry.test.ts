import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { SpanStatusCode } from "@opentelemetry/api";
import { DataPointType, type MetricData } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it } from "vitest";
import { context, createTestStore, crisisRound, ledgerOver, must, outcomeTag, type TestStore } from "../handler/ledger.testkit.js";
import { createStreamHandler } from "../handler/streamHandler.js";
import { defineStreamType } from "../handler/streamType.js";
import { LEDGER_ATTRIBUTES as A, LEDGER_TELEMETRY } from "./telemetryNames.js";
import { inMemoryTelemetry, type InMemoryTelemetry } from "./otelSdk.testkit.js";

/*
 * The ledger's spans and metrics as an application's SDK receives them, from real commands on
 * the store of the handler's tests: an accepted command with its store calls as children, a
 * refused one with its error tag, and one that lost a race and retried.
 */

let sdk: InMemoryTelemetry | undefined;
const installed = (): InMemoryTelemetry => (sdk = inMemoryTelemetry());
afterEach(async () => {
  await sdk?.shutdown();
  sdk = undefined;
});

const commandSpans = (telemetry: InMemoryTelemetry): readonly ReadableSpan[] =>
  telemetry.spans().filter((span) => span.name.startsWith(`${LEDGER_TELEMETRY.commandSpan} `));
const childrenOf = (telemetry: InMemoryTelemetry, parent: ReadableSpan): readonly ReadableSpan[] =>
  telemetry.spans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
const only = <T>(items: readonly T[]): T => {
  expect(items).toHaveLength(1);
  return items[0] as T;
};

/** `store`, where the next append to `streamName` first lets `interloper` write (another process winning the race). */
const racedOnce = (store: TestStore, streamName: string, interloper: () => Promise<void>): TestStore => {
  let armed = true;
  return {
    ...store,
    log: store.log,
    appendToStream: (name, events, options) => async () => {
      if (armed && name === streamName) {
        armed = false;
        await interloper();
      }
      return store.appendToStream(name, events, options)();
    },
  };
};

const pointsOf = (metric: MetricData | undefined) => {
  expect(metric).toBeDefined();
  return (metric as MetricData).dataPoints.map((point) => ({ attributes: point.attributes, value: point.value }));
};

describe("the ledger's OpenTelemetry spans", () => {
  it("gives an accepted command a span with its type, id, outcome, retries and streams, and its store calls as children", async () => {
    const telemetry = installed();
    const ledger = ledgerOver(createTestStore(), { telemetry });
    await must(ledger.openRound(crisisRound("r"), context("open-r")));

    const span = only(commandSpans(telemetry));
    expect(span.name).toBe("grantledger.command OpenRound");
    expect(span.attributes).toMatchObject({
      [A.commandType]: "OpenRound",
      [A.commandId]: "open-r",
      [A.commandOutcome]: "ok",
      [A.commandRetries]: 0,
      [A.commandStreams]: ["round-r"],
      [A.commandEvents]: 1,
      [A.alreadyHandled]: false,
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);

    const children = childrenOf(telemetry, span);
    expect(children.map((child) => child.name)).toEqual([LEDGER_TELEMETRY.readSpan, LEDGER_TELEMETRY.appendSpan]);
    const [read, append] = children as [ReadableSpan, ReadableSpan];
    expect(read.attributes).toMatchObject({ [A.streamName]: "round-r", [A.storeOutcome]: "StreamNotFound" });
    expect(read.status.code).toBe(SpanStatusCode.UNSET);
    expect(append.attributes).toMatchObject({
      [A.streamName]: "round-r",
      [A.expectedRevision]: "no_stream",
      [A.eventCount]: 1,
      [A.storeOutcome]: "ok",
      [A.nextRevision]: 0,
    });
    expect(append.spanContext().traceId).toBe(span.spanContext().traceId);
  });

  it("records the reads of a stream already folded, with the events they returned", async () => {
    const telemetry = installed();
    const ledger = ledgerOver(createTestStore(), { telemetry });
    await must(ledger.openRound(crisisRound("r"), context()));
    await must(ledger.closeRound({ roundId: "r", closedAt: "2009-06-30T16:00:00+02:00" }, context()));

    const close = only(commandSpans(telemetry).filter((span) => span.name === "grantledger.command CloseRound"));
    const reads = childrenOf(telemetry, close).filter((child) => child.name === LEDGER_TELEMETRY.readSpan);
    expect(reads.map((read) => read.attributes)).toEqual([
      expect.objectContaining({ [A.streamName]: "round-r", [A.fromRevision]: 0, [A.eventsRead]: 1, [A.storeOutcome]: "ok" }),
    ]);
    const append = only(childrenOf(telemetry, close).filter((child) => child.name === LEDGER_TELEMETRY.appendSpan));
    expect(append.attributes).toMatchObject({ [A.expectedRevision]: "0", [A.eventCount]: 1, [A.nextRevision]: 1 });
  });

  it("marks a refused command's span as an error with the refusal's tag", async () => {
    const telemetry = installed();
    const ledger = ledgerOver(createTestStore(), { telemetry });
    const tag = await outcomeTag(ledger.closeRound({ roundId: "nowhere", closedAt: "2009-06-30T16:00:00+02:00" }, context("close-nowhere")));
    expect(tag).toBe("RoundNotFound");

    const span = only(commandSpans(telemetry));
    expect(span.attributes).toMatchObject({
      [A.commandType]: "CloseRound",
      [A.commandId]: "close-nowhere",
      [A.commandOutcome]: "RoundNotFound",
      [A.errorType]: "RoundNotFound",
      [A.commandRetries]: 0,
      [A.commandStreams]: ["round-nowhere"],
    });
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "RoundNotFound" });
    expect(childrenOf(telemetry, span).map((child) => child.name)).toEqual([LEDGER_TELEMETRY.readSpan]);
  });

  it("names a type no command has `unknown`, never the caller's text", async () => {
    const telemetry = installed();
    const ledger = ledgerOver(createTestStore(), { telemetry });
    const refused = await ledger.execute({ type: "DropTables", data: {} } as never, context())();
    expect(refused).toMatchObject({ _tag: "Left", left: { _tag: "InvalidCommand" } });

    const span = only(commandSpans(telemetry));
    expect(span.name).toBe("grantledger.command unknown");
    expect(span.attributes).toMatchObject({ [A.commandType]: "unknown", [A.commandOutcome]: "InvalidCommand", [A.commandStreams]: [] });
  });

  it("counts the retries of a command that lost a race, and shows the refused append", async () => {
    const telemetry = installed();
    const base = createTestStore();
    const other = ledgerOver(base);
    await must(other.openRound(crisisRound("r"), context()));
    // Another process adjusts the budget between this ledger's read and its append.
    const store = racedOnce(base, "round-r", async () => {
      await must(other.adjustRoundBudget({ roundId: "r", budget: 1_500_000_000, reason: "Revidert budsjett", adjustedAt: "2009-06-19T12:00:00+02:00" }, context()));
    });
    const ledger = ledgerOver(store, { telemetry });
    await must(ledger.closeRound({ roundId: "r", closedAt: "2009-06-30T16:00:00+02:00" }, context("close-r")));

    const span = only(commandSpans(telemetry));
    expect(span.attributes).toMatchObject({ [A.commandOutcome]: "ok", [A.commandRetries]: 1, [A.commandStreams]: ["round-r"], [A.commandId]: "close-r" });
    const appends = childrenOf(telemetry, span).filter((child) => child.name === LEDGER_TELEMETRY.appendSpan);
    expect(appends.map((append) => [append.attributes[A.expectedRevision], append.attributes[A.storeOutcome], append.status.code])).toEqual([
      ["0", "WrongExpectedVersion", SpanStatusCode.ERROR],
      ["1", "ok", SpanStatusCode.UNSET],
    ]);
    // The interloper's command ran on a ledger with no telemetry given; nothing of it is here.
    expect(telemetry.spans().every((s) => s.spanContext().traceId === span.spanContext().traceId)).toBe(true);
  });
});

describe("the ledger's OpenTelemetry metrics", () => {
  it("counts commands by type and outcome, and records their durations in milliseconds", async () => {
    const telemetry = installed();
    const ledger = ledgerOver(createTestStore(), { telemetry });
    await must(ledger.openRound(crisisRound("r"), context()));
    await must(ledger.openRound(crisisRound("s"), context()));
    expect(await outcomeTag(ledger.openRound(crisisRound("r"), context()))).toBe("RoundAlreadyOpened");

    const metrics = await telemetry.metrics();
    const commands = metrics.get(LEDGER_TELEMETRY.commandsMetric);
    expect(commands?.descriptor).toMatchObject({ unit: "{command}" });
    expect(commands?.dataPointType).toBe(DataPointType.SUM);
    expect(pointsOf(commands)).toEqual(
      expect.arrayContaining([
        { attributes: { [A.commandType]: "OpenRound", [A.commandOutcome]: "ok" }, value: 2 },
        { attributes: { [A.commandType]: "OpenRound", [A.commandOutcome]: "RoundAlreadyOpened" }, value: 1 },
      ]),
    );
    expect(pointsOf(commands)).toHaveLength(2);

    const duration = metrics.get(LEDGER_TELEMETRY.commandDurationMetric);
    expect(duration?.descriptor).toMatchObject({ unit: "ms" });
    expect(duration?.dataPointType).toBe(DataPointType.HISTOGRAM);
    const histograms = (duration as MetricData).dataPoints.map((point) => ({ attributes: point.attributes, count: (point.value as { count: number }).count }));
    expect(histograms).toEqual(
      expect.arrayContaining([
        { attributes: { [A.commandType]: "OpenRound", [A.commandOutcome]: "ok" }, count: 2 },
        { attributes: { [A.commandType]: "OpenRound", [A.commandOutcome]: "RoundAlreadyOpened" }, count: 1 },
      ]),
    );
  });
});

describe("the OpenTelemetry spans of a stream type of one's own", () => {
  it("traces its commands as the ledger's: a span per command with its outcome, its store calls as children", async () => {
    const telemetry = installed();
    const store = createTestStore();
    const noteOf = defineStreamType({
      name: "note",
      streamName: (id) => `note-${id}`,
      events: { NoteAdded: t.type({ noteId: t.string, text: t.string }) },
      commands: { AddNote: t.type({ noteId: t.string, text: t.string }) },
      streamId: (command) => command.data.noteId,
      initialState: 0,
      evolve: (count) => count + 1,
      decide: (command, count) => (count > 0 ? E.left({ _tag: "NoteAlreadyAdded" as const }) : E.right([{ type: "NoteAdded" as const, data: command.data }])),
    });
    const handler = createStreamHandler(noteOf, { store, telemetry });
    await must(handler.execute({ type: "AddNote", data: { noteId: "n1", text: "first" } }, context("note-1")));
    expect(E.isLeft(await handler.execute({ type: "AddNote", data: { noteId: "n1", text: "again" } }, context("note-2"))())).toBe(true);

    const [added, refused] = commandSpans(telemetry);
    expect(added?.name).toBe("grantledger.command AddNote");
    expect(added?.attributes).toMatchObject({ [A.commandOutcome]: "ok" });
    expect(childrenOf(telemetry, added as ReadableSpan).map((span) => span.name)).toContain(LEDGER_TELEMETRY.appendSpan);
    expect(refused?.attributes).toMatchObject({ [A.commandOutcome]: "NoteAlreadyAdded" });
    expect(refused?.status.code).toBe(SpanStatusCode.ERROR);
  });
});
