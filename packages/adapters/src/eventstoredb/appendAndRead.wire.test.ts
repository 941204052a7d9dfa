/**
 * Wire-format tests (a fake server over real gRPC, not a real EventStoreDB) of what the contract
 * suite cannot show through a memory-backed server: the paths where EventStoreDB answers
 * differently from the memory store, and the adapter's own fallbacks.
 */
import * as E from "fp-ts/lib/Either.js";
import { binaryEvent, EventStoreDBClient } from "@eventstore/db-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventStore } from "@grantledger/core";
import { append, currentPosition, fail, newEvent, newEvents, readForwards, succeed, uniqueStreamName, withTimeout } from "../testing/contractFixtures.js";
import { createEventStoreDbEventStore } from "./eventStoreDbEventStore.js";
import { startFakeEventStoreDb } from "./testServer/fakeEventStoreDb.testkit.js";
import type { FakeEventStoreDb, ServerGeneration } from "./testServer/fakeEventStoreDb.testkit.js";

describe.each<[ServerGeneration, boolean]>([
  ["batch-append", true],
  ["batch-append", false],
  ["legacy-append", false],
])("wire-format test: appends and reads against a fake %s server (position on retry: %s)", (generation, positionOnRetry) => {
  let server: FakeEventStoreDb;
  let store: EventStore;

  beforeAll(async () => {
    server = await startFakeEventStoreDb({ generation, positionOnRetry });
    store = createEventStoreDbEventStore({ connectionString: server.connectionString, deadlineMs: 5_000 });
  });

  afterAll(async () => {
    await store.close();
    await server.close();
  });

  it(`appends through ${generation === "batch-append" ? "BatchAppend" : "the unary Append call"}`, async () => {
    await append(store, uniqueStreamName("path"), newEvents(1));
    expect(server.calls.get(generation === "batch-append" ? "batchAppend" : "append") ?? 0).toBeGreaterThan(0);
    expect(server.calls.get(generation === "batch-append" ? "append" : "batchAppend")).toBeUndefined();
  });

  it.each([["no_stream"], ["any"], [0n]] as const)("answers a re-append expecting %s with the original result", async (expected) => {
    const stream = uniqueStreamName("retry");
    if (expected === 0n) await append(store, stream, newEvents(1));
    const batch = newEvents(2);
    const original = await append(store, stream, batch, expected);
    await append(store, uniqueStreamName("later"), newEvents(1));
    expect(await append(store, stream, batch, expected)).toEqual(original);
    expect(await readForwards(store, stream)).toHaveLength(expected === 0n ? 3 : 2);
  });

  it("turns EventStoreDB's 'corrupted idempotency' (a batch half recorded) into DuplicateEventId", async () => {
    const stream = uniqueStreamName("overlap");
    const [a, b, c] = [newEvent(), newEvent(), newEvent()];
    await append(store, stream, [a, b]);
    expect(await fail(store.appendToStream(stream, [b, c], { expectedRevision: "any" }))).toEqual({
      _tag: "DuplicateEventId",
      streamName: stream,
      eventId: b.id,
      existingStreamName: stream,
      existingRevision: 1n,
    });
  });

  it("refuses a batch it cannot store before sending anything", async () => {
    const before = server.calls.get(generation === "batch-append" ? "batchAppend" : "append");
    const error = await fail(store.appendToStream(uniqueStreamName("bad"), [newEvent({ n: 1n })]));
    expect(error).toMatchObject({ _tag: "InvalidAppend", reason: expect.stringContaining("events[0].data") });
    expect(server.calls.get(generation === "batch-append" ? "batchAppend" : "append")).toBe(before);
  });

  it("answers a negative exact revision with the stream's actual revision, never sending it", async () => {
    const stream = uniqueStreamName("negative");
    await append(store, stream, newEvents(2));
    expect(await fail(store.appendToStream(stream, [newEvent()], { expectedRevision: -1n }))).toEqual({
      _tag: "WrongExpectedVersion",
      streamName: stream,
      expected: -1n,
      actual: 1n,
    });
  });

  it("passes over EventStoreDB's own events when reading all streams", async () => {
    const before = await currentPosition(store);
    const ours = uniqueStreamName("mine");
    await append(store, `$$${ours}`, [newEvent({ $maxCount: 1 }, "$metadata")]);
    await append(store, ours, [newEvent({}, "$statsCollected")]);
    await append(store, ours, [newEvent({ kept: true })]);
    const all = await succeed(store.readAll({ after: before }));
    expect(all.map((event) => event.data)).toEqual([{ kept: true }]);
  });

  it("reads all streams page by page when EventStoreDB's own events are in between, counting only the application's", async () => {
    const before = await currentPosition(store);
    const stream = uniqueStreamName("paged");
    const ours = newEvents(5);
    for (const event of ours) {
      await append(store, stream, [newEvent({}, "$statsCollected")]);
      await append(store, stream, [event]);
    }
    const firstThree = await succeed(store.readAll({ after: before, maxCount: 3 }));
    expect(firstThree.map((event) => event.id)).toEqual(ours.slice(0, 3).map((event) => event.id));
    const rest = await succeed(store.readAll({ after: firstThree[2]?.position, maxCount: 10 }));
    expect(rest.map((event) => event.id)).toEqual(ours.slice(3).map((event) => event.id));
  });

  it("reads a stream window the server cannot express (maxCount 0, negative start backwards) as an existence check", async () => {
    const stream = uniqueStreamName("window");
    await append(store, stream, newEvents(2));
    expect(await succeed(store.readStream(stream, { maxCount: 0 }))).toEqual([]);
    expect(await succeed(store.readStream(stream, { direction: "backwards", fromRevision: -1n }))).toEqual([]);
    expect(await store.readStream(uniqueStreamName("none"), { maxCount: 0 })()).toEqual(E.left(expect.objectContaining({ _tag: "StreamNotFound" })));
  });
});

describe("wire-format test: connecting", () => {
  it("finds the node through gossip with an esdb+discover:// connection string", async () => {
    const server = await startFakeEventStoreDb({ generation: "batch-append" });
    const store = createEventStoreDbEventStore({ connectionString: server.discoveryConnectionString, deadlineMs: 5_000 });
    try {
      const stream = uniqueStreamName("discovered");
      await append(store, stream, newEvents(2));
      expect(await readForwards(store, stream)).toHaveLength(2);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it("closes at once after reads of every kind, leaving no gRPC stream behind", async () => {
    const server = await startFakeEventStoreDb({ generation: "batch-append" });
    const store = createEventStoreDbEventStore(server.connectionString);
    const stream = uniqueStreamName("drained");
    const before = await currentPosition(store);
    await append(store, stream, newEvents(40));
    await succeed(store.readStream(stream, { maxCount: 1 }));
    await succeed(store.readStream(stream, { direction: "backwards", maxCount: 2 }));
    await succeed(store.readAll({ after: before, maxCount: 3 }));
    await succeed(store.readAll({ after: before + 1n, maxCount: 1 }));
    await fail(store.readStream(uniqueStreamName("missing")));
    await withTimeout(store.close(), 2_000, "close() hung: a read was left unfinished");
    await server.close();
  });

  it("fails a read that meets an event another tool wrote as binary, naming it, and still closes at once", async () => {
    const server = await startFakeEventStoreDb({ generation: "batch-append" });
    const client = EventStoreDBClient.connectionString(server.connectionString);
    const store = createEventStoreDbEventStore(server.connectionString);
    const stream = uniqueStreamName("foreign");
    const before = await currentPosition(store);
    await append(store, stream, newEvents(2));
    await client.appendToStream(stream, binaryEvent({ type: "Blob", data: new Uint8Array([1, 2, 3]) }));
    await append(store, stream, newEvents(2));
    const reason = `Blob at ${stream}@2 is stored as binary, not JSON`;
    expect(await store.readStream(stream)()).toEqual(E.left({ _tag: "StoreUnavailable", operation: "readStream", reason }));
    expect(await store.readAll({ after: before })()).toEqual(E.left({ _tag: "StoreUnavailable", operation: "readAll", reason }));
    await withTimeout(store.close(), 2_000, "close() hung: a read was left unfinished");
    await client.dispose();
    await server.close();
  });

  it("refuses every call once closed, and a second close is harmless", async () => {
    const server = await startFakeEventStoreDb({ generation: "batch-append" });
    const store = createEventStoreDbEventStore(server.connectionString);
    await store.close();
    await store.close();
    expect(await store.appendToStream("s", [newEvent()])()).toEqual(E.left({ _tag: "StoreClosed", operation: "appendToStream" }));
    expect(await store.readStream("s")()).toEqual(E.left({ _tag: "StoreClosed", operation: "readStream" }));
    expect(await store.readAll()()).toEqual(E.left({ _tag: "StoreClosed", operation: "readAll" }));
    await expect(store.subscribeToAll()[Symbol.asyncIterator]().next()).rejects.toMatchObject({ error: { _tag: "StoreClosed" } });
    await server.close();
  });
});
