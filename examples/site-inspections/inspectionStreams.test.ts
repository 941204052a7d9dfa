import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { describe, expect, it } from "vitest";
import { computeEventHash, deriveEventId, type EventStore } from "@grantledger/core";
import { context, grantsIn, handlerOver, historyOf, must, visit } from "./inspections.testkit.js";

/*
 * A stream type of one's own through the command handler gets what the grant streams get: the
 * same metadata and hash chain, derived ids, idempotency, optimistic concurrency with retries and
 * input checks (the grant streams' own tests: packages/adapters/src/engine/grantLedger.test.ts,
 * awardRace.test.ts; packages/core/src/handler/commandIdReused.test.ts, inputLimits.test.ts).
 */
describe("inspections through the command handler", () => {
  it("records with metadata, ids derived from the command id and a hash chain", async () => {
    const store = await grantsIn();
    const handler = handlerOver(store);
    await must(handler.execute({ type: "RecordInspection", data: visit("i1") }, context("inspect-i1")));
    await must(handler.execute({ type: "CloseDeviations", data: { inspectionId: "i1", closedOn: "2009-12-01", notes: "Fixed" } }, context("close-i1", "leder@difi")));
    const stream = (await historyOf(store)).filter((e) => e.streamName === "inspection-i1");
    expect(stream.map((e) => [e.type, e.revision])).toEqual([["InspectionRecorded", 0n], ["DeviationsClosed", 1n]]);
    const [first, second] = stream;
    expect(first?.id).toBe(deriveEventId("inspect-i1", "inspection-i1", "InspectionRecorded", 0));
    expect(second?.id).toBe(deriveEventId("close-i1", "inspection-i1", "DeviationsClosed", 0));
    expect(first?.metadata).toMatchObject({
      commandId: "inspect-i1", correlationId: "inspect-i1", causationId: "inspect-i1", actor: "kontrollør@difi", schemaVersion: 1,
      historical: expect.any(String), commandType: "RecordInspection", commandDigest: expect.stringMatching(/^[0-9a-f]{64}$/), prevHash: null,
    });
    for (const event of stream) expect(event.metadata["hash"]).toBe(computeEventHash(event));
    expect(second?.metadata["prevHash"]).toBe(first?.metadata["hash"]);
    expect(await must(handler.read("i1"))).toEqual({ status: "recorded", grantId: "awarded", finding: "deviations", deviationsOpen: false });
  });

  it("answers a retried command from its recorded events and appends nothing twice", async () => {
    const store = await grantsIn();
    const first = await must(handlerOver(store).execute({ type: "RecordInspection", data: visit("i1") }, context("K")));
    const before = (await historyOf(store)).length;
    // Another process (another handler) gets the retry: the answer comes from the store.
    const again = await must(handlerOver(store).execute({ type: "RecordInspection", data: visit("i1") }, context("K")));
    expect(again).toEqual({ ...first, alreadyHandled: true });
    expect(await historyOf(store)).toHaveLength(before);
  });

  it("refuses a command id given again with another command (CommandIdReused), writing nothing", async () => {
    const store = await grantsIn();
    const handler = handlerOver(store);
    await must(handler.execute({ type: "RecordInspection", data: visit("i1") }, context("K")));
    const before = (await historyOf(store)).length;
    const other = await handler.execute({ type: "RecordInspection", data: { ...visit("i1"), notes: "Other notes" } }, context("K"))();
    expect(other).toEqual(E.left({ _tag: "CommandIdReused", commandId: "K", streamName: "inspection-i1", recordedCommand: "RecordInspection", command: "RecordInspection" }));
    const closing = await handler.execute({ type: "CloseDeviations", data: { inspectionId: "i1", closedOn: "2009-12-01", notes: "Fixed" } }, context("K"))();
    expect(closing).toMatchObject(E.left({ _tag: "CommandIdReused", recordedCommand: "RecordInspection", command: "CloseDeviations" }));
    expect(await historyOf(store)).toHaveLength(before);
  });

  it("keeps the rules that tie an inspection to its grant and its own stream", async () => {
    const handler = handlerOver(await grantsIn());
    expect(await handler.execute({ type: "RecordInspection", data: visit("i1", "pending") }, context())()).toEqual(E.left({ _tag: "GrantNotAwarded", grantId: "pending", status: "applied" }));
    expect(await handler.execute({ type: "RecordInspection", data: visit("i1", "nowhere") }, context())()).toEqual(E.left({ _tag: "GrantNotAwarded", grantId: "nowhere", status: "none" }));
    expect(await handler.execute({ type: "CloseDeviations", data: { inspectionId: "i1", closedOn: "2009-12-01", notes: "" } }, context())()).toEqual(E.left({ _tag: "InspectionNotFound", inspectionId: "i1" }));
    await must(handler.execute({ type: "RecordInspection", data: { ...visit("i1"), finding: "satisfactory" } }, context()));
    expect(await handler.execute({ type: "RecordInspection", data: visit("i1") }, context())()).toEqual(E.left({ _tag: "InspectionAlreadyRecorded", inspectionId: "i1" }));
    expect(await handler.execute({ type: "CloseDeviations", data: { inspectionId: "i1", closedOn: "2009-12-01", notes: "" } }, context())()).toEqual(E.left({ _tag: "NoOpenDeviations", inspectionId: "i1" }));
  });

  it("of 20 concurrent records of one inspection from four processes, exactly one is appended", async () => {
    const store = await grantsIn();
    // Four handlers on one store stand for four processes: only the expected revision keeps them apart.
    const handlers = [0, 1, 2, 3].map(() => handlerOver(store, { retry: { maxAttempts: 50 } }));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (handlers[i % 4] ?? handlers[0])?.execute({ type: "RecordInspection", data: { ...visit("i1"), notes: `visit ${i}` } }, context())()));
    expect(results.filter((r) => r !== undefined && E.isRight(r))).toHaveLength(1);
    expect(new Set(results.filter((r) => r !== undefined && E.isLeft(r)).map((r) => r !== undefined && E.isLeft(r) && r.left._tag))).toEqual(new Set(["InspectionAlreadyRecorded"]));
    expect((await historyOf(store)).filter((e) => e.streamName === "inspection-i1")).toHaveLength(1);
  });

  it("re-decides after losing a race, and gives up with ConcurrencyRetriesExhausted when other writers always win", async () => {
    const inner = await grantsIn();
    let lost = 0;
    // The first append loses to another writer (WrongExpectedVersion); the retry goes through.
    const onceContested: EventStore = {
      ...inner,
      appendToStream: (streamName, events, options) =>
        streamName.startsWith("inspection-") && lost++ === 0 ? TE.left({ _tag: "WrongExpectedVersion", streamName, expected: options?.expectedRevision ?? "any", actual: 99n }) : inner.appendToStream(streamName, events, options),
    };
    expect((await must(handlerOver(onceContested, { retry: { baseDelayMs: 0 } }).execute({ type: "RecordInspection", data: visit("i1") }, context()))).events).toHaveLength(1);
    expect(lost).toBe(2);
    const contested: EventStore = {
      ...inner,
      appendToStream: (streamName, events, options) =>
        streamName.startsWith("inspection-") ? TE.left({ _tag: "WrongExpectedVersion", streamName, expected: options?.expectedRevision ?? "any", actual: 99n }) : inner.appendToStream(streamName, events, options),
    };
    const result = await handlerOver(contested, { retry: { maxAttempts: 3, baseDelayMs: 0 } }).execute({ type: "RecordInspection", data: visit("i2") }, context())();
    expect(result).toEqual(E.left({ _tag: "ConcurrencyRetriesExhausted", streamName: "inspection-i2", attempts: 3 }));
  });

  it("refuses bad input with the command and the path, and stores nothing", async () => {
    const store = await grantsIn();
    const handler = handlerOver(store, { limits: { maxProseLength: 10 } });
    const before = (await historyOf(store)).length;
    const run = (data: unknown, type = "RecordInspection", ctx: { commandId: string; actor: string } = context()) => handler.execute({ type, data } as never, ctx)();
    expect(await run({ ...visit("i1"), visitedOn: "12.10.2009" })).toMatchObject(E.left({ _tag: "InvalidCommand", command: "RecordInspection", path: "data.visitedOn" }));
    expect(await run({ ...visit("i1"), budgetLine: "x" })).toEqual(E.left({ _tag: "InvalidCommand", command: "RecordInspection", path: "data.budgetLine", reason: "not a field of this command" }));
    expect(await run(visit("i1"))).toEqual(E.left({ _tag: "InvalidCommand", command: "RecordInspection", path: "data.notes", reason: "is 34 characters long, more than maxProseLength (10)" }));
    expect(await run({ ...visit("i1"), notes: "a\u0000b" })).toMatchObject(E.left({ _tag: "InvalidCommand", path: "data.notes", reason: expect.stringContaining("U+0000") }));
    expect(await run(visit("i1"), "DeleteInspection")).toEqual(E.left({ _tag: "InvalidCommand", command: "DeleteInspection", path: "type", reason: '"DeleteInspection" is no command of stream type "inspection"' }));
    expect(await run(visit("i1"), "RecordInspection", { commandId: "", actor: "x" })).toMatchObject(E.left({ _tag: "InvalidCommand", command: "context", path: "commandId" }));
    expect(await historyOf(store)).toHaveLength(before);
  });
});
