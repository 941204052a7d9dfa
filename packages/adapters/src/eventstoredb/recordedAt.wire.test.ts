/**
 * Wire-format tests (a fake server over real gRPC, not a real EventStoreDB) of how the adapter
 * keeps a recorded time given with an append: in the event's metadata under the reserved key
 * `$recordedAt`, since the server stamps its own `created` time. Every read path (stream, `$all`,
 * subscription) reports the kept time and hands back the metadata without the key; an event
 * appended without one reports the server's time; the key is refused in a caller's metadata; and
 * a kept time that is not a recorded time makes the event unreadable. The fake server, like
 * EventStoreDB, stores the metadata as sent and stamps `created` with its own clock.
 */
import * as E from "fp-ts/lib/Either.js";
import { jsonEvent } from "@eventstore/db-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isRecordedTime, StoreFailure } from "@grantledger/core";
import type { EventToAppend, JsonObject, RecordedEvent } from "@grantledger/core";
import { append, currentPosition, fail, iterate, newEvent, readForwards, succeed, take, uniqueStreamName } from "../testing/contractFixtures.js";
import { connectToFakeEventStoreDb, type FakeConnection } from "./testServer/fakeConnection.testkit.js";
import type { ServerGeneration } from "./testServer/fakeEventStoreDb.testkit.js";

const KEPT = ["2009-06-01T08:15:00.123Z", "2010-12-31T23:59:59.999Z"] as const;

/** An event with metadata of its own, some keys of which EventStoreDB itself treats as special. */
const imported = (recordedAt: string | undefined, n: number): EventToAppend => {
  const event = newEvent({ n }, "GrantAwarded", { commandId: `c-${n}`, actor: "saksbehandler", $correlationId: `k-${n}` });
  return recordedAt === undefined ? event : { ...event, recordedAt };
};

const timesAndMetadata = (events: readonly RecordedEvent[]): { recordedAt: string; metadata: JsonObject; keys: string[] }[] =>
  events.map((event) => ({ recordedAt: event.recordedAt, metadata: event.metadata, keys: Object.keys(event.metadata) }));

describe.each<ServerGeneration>(["batch-append", "legacy-append"])("wire-format test: a recorded time kept by a fake %s server", (generation) => {
  let connection: FakeConnection;

  beforeAll(async () => {
    connection = await connectToFakeEventStoreDb({ generation });
  });

  afterAll(async () => {
    await connection.close();
  });

  it("reports each kept time on a stream read, an $all read and a subscription, with the event's own metadata as given, and the server's time for an event without one", async () => {
    const { store } = connection;
    const stream = uniqueStreamName("kept");
    const after = await currentPosition(store);
    const subscription = store.subscribeToAll({ after, streamNamePrefix: stream });
    const delivered = iterate(subscription);
    const batch = [imported(KEPT[0], 0), imported(undefined, 1), imported(KEPT[1], 2)];
    const before = Date.now();
    await append(store, stream, batch, "no_stream");
    const afterAppend = Date.now();

    const read = await readForwards(store, stream);
    const all = await succeed(store.readAll({ after }));
    const live = await take(delivered, 3);
    await subscription.close();

    const expectedMetadata = (n: number): JsonObject => ({ commandId: `c-${n}`, actor: "saksbehandler", $correlationId: `k-${n}` });
    for (const events of [read, all, live]) {
      expect(events.map((event) => event.id)).toEqual(batch.map((event) => event.id));
      const [first, stamped, third] = timesAndMetadata(events);
      expect(first).toEqual({ recordedAt: KEPT[0], metadata: expectedMetadata(0), keys: ["commandId", "actor", "$correlationId"] });
      expect(third).toEqual({ recordedAt: KEPT[1], metadata: expectedMetadata(2), keys: ["commandId", "actor", "$correlationId"] });
      expect(stamped?.metadata).toEqual(expectedMetadata(1));
      expect(isRecordedTime(stamped?.recordedAt)).toBe(true);
      const serverTime = Date.parse(stamped?.recordedAt ?? "");
      expect(serverTime).toBeGreaterThanOrEqual(before);
      expect(serverTime).toBeLessThanOrEqual(afterAppend);
      for (const event of events) expect(Object.hasOwn(event.metadata, "$recordedAt")).toBe(false);
    }
  });

  it("stores the kept time in the raw event's metadata, where other clients see it, next to the server's own created time", async () => {
    const { client, store } = connection;
    const stream = uniqueStreamName("raw");
    const before = Date.now();
    await append(store, stream, [imported(KEPT[0], 0), imported(undefined, 1)], "no_stream");
    const raw = [];
    for await (const resolved of client.readStream(stream)) raw.push(resolved.event);
    expect(raw.map((event) => event?.metadata)).toEqual([
      { commandId: "c-0", actor: "saksbehandler", $correlationId: "k-0", $recordedAt: KEPT[0] },
      { commandId: "c-1", actor: "saksbehandler", $correlationId: "k-1" },
    ]);
    for (const event of raw) expect(event?.created.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("keeps the time first recorded when a retry of the batch names another one", async () => {
    const { store } = connection;
    const stream = uniqueStreamName("retried");
    const batch = [imported(KEPT[0], 0), imported(undefined, 1)];
    const first = await append(store, stream, batch, "no_stream");
    const stampedAt = (await readForwards(store, stream))[1]?.recordedAt;
    const retry = batch.map((event) => ({ ...event, recordedAt: "2011-01-01T00:00:00.000Z" }));
    expect(await append(store, stream, retry, "no_stream")).toEqual(first);
    expect(await append(store, stream, retry, "any")).toEqual(first);
    expect((await readForwards(store, stream)).map((event) => event.recordedAt)).toEqual([KEPT[0], stampedAt]);
  });

  it.each<[string, EventToAppend]>([
    ["holding a valid time", newEvent({}, "GrantAwarded", { $recordedAt: KEPT[0] })],
    ["holding something else", newEvent({}, "GrantAwarded", { $recordedAt: { by: "someone" } })],
    ["next to a recordedAt of the event", { ...newEvent({}, "GrantAwarded", { $recordedAt: KEPT[0] }), recordedAt: KEPT[1] }],
  ])("refuses metadata of the caller's own with the reserved key %s, sending and writing nothing", async (_label, reserved) => {
    const { server, store } = connection;
    const stream = uniqueStreamName("reserved");
    const sent = (): number => (server.calls.get("batchAppend") ?? 0) + (server.calls.get("append") ?? 0);
    const before = sent();
    const error = await fail(store.appendToStream(stream, [newEvent(), reserved]));
    expect(error).toEqual({
      _tag: "InvalidAppend",
      streamName: stream,
      reason: expect.stringContaining("events[1].metadata.$recordedAt is reserved by the EventStoreDB adapter"),
    });
    expect(sent()).toBe(before);
    expect(await fail(store.readStream(stream))).toMatchObject({ _tag: "StreamNotFound" });
  });
});

describe("wire-format test: a malformed $recordedAt written by another client", () => {
  let connection: FakeConnection | undefined;
  afterEach(async () => {
    await connection?.close();
    connection = undefined;
  });

  it.each<[string, unknown]>([
    ["free text", "yesterday"],
    ["a time without milliseconds", "2009-06-01T08:15:00Z"],
    ["a time with an offset", "2009-06-01T10:15:00.000+02:00"],
    ["a day that does not exist", "2009-02-30T00:00:00.000Z"],
    ["a number", 1_243_844_100_123],
    ["null", null],
  ])("makes the event unreadable on every read path, never falling back to created: %s", async (_label, stored) => {
    connection = await connectToFakeEventStoreDb();
    const { client, store } = connection;
    const stream = uniqueStreamName("malformed");
    const after = await currentPosition(store);
    await append(store, stream, [newEvent({ n: 0 })], "no_stream");
    await client.appendToStream(stream, jsonEvent({ type: "GrantAwarded", data: { n: 1 }, metadata: { commandId: "c-1", $recordedAt: stored } }));
    const reason = `GrantAwarded at ${stream}@1 has a kept recorded time (metadata.$recordedAt) that is not a UTC time to the millisecond (YYYY-MM-DDTHH:MM:SS.sssZ): ${JSON.stringify(stored)}`;

    expect(await store.readStream(stream)()).toEqual(E.left({ _tag: "StoreUnavailable", operation: "readStream", reason }));
    expect(await store.readAll({ after })()).toEqual(E.left({ _tag: "StoreUnavailable", operation: "readAll", reason }));
    const subscription = store.subscribeToAll({ after, streamNamePrefix: stream });
    const events = iterate(subscription);
    expect((await take(events, 1)).map((event) => event.data)).toEqual([{ n: 0 }]);
    const failure: unknown = await events.next().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreFailure);
    expect(failure).toMatchObject({ error: { _tag: "StoreUnavailable", operation: "subscribeToAll", reason } });
    await subscription.close();
  });
});
