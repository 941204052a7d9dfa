/**
 * Wire-format test (a fake server over real gRPC, not a real EventStoreDB) of a tombstoned
 * stream: the server's "stream-deleted" answer, as the real client turns it into an error, reaches
 * the port as `StreamDeleted` on reads and refuses an append checked against the stream's head.
 */
import type { EventStoreDBClient } from "@eventstore/db-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventStore } from "@grantledger/core";
import { append, fail, newEvents, uniqueStreamName } from "../testing/contractFixtures.js";
import { TOMBSTONED } from "./errorMapping.js";
import { connectToFakeEventStoreDb, type FakeConnection } from "./testServer/fakeConnection.testkit.js";

describe("wire-format test: a tombstoned stream", () => {
  let connection: FakeConnection;
  let client: EventStoreDBClient;
  let store: EventStore;

  beforeAll(async () => {
    connection = await connectToFakeEventStoreDb();
    ({ client, store } = connection);
  });

  afterAll(() => connection.close());

  it("reads as StreamDeleted, forwards and backwards, never as a stream not yet written", async () => {
    const stream = uniqueStreamName("tombstoned");
    await append(store, stream, newEvents(2));
    await client.tombstoneStream(stream);
    expect(await fail(store.readStream(stream))).toEqual({ _tag: "StreamDeleted", streamName: stream });
    expect(await fail(store.readStream(stream, { direction: "backwards", maxCount: 1 }))).toEqual({ _tag: "StreamDeleted", streamName: stream });
  });

  // Appends the adapter answers from the stream's head without sending: nothing to write, or
  // an expectation no stream can meet.
  it.each<[string, "any" | "no_stream" | bigint]>([
    ["an empty batch expecting any", "any"],
    ["an empty batch expecting no_stream", "no_stream"],
    ["an empty batch expecting revision -1", -1n],
  ])("refuses %s as InvalidAppend: the stream can never be written again", async (_label, expectedRevision) => {
    const stream = uniqueStreamName("tombstoned");
    await append(store, stream, newEvents(1));
    await client.tombstoneStream(stream);
    expect(await fail(store.appendToStream(stream, [], { expectedRevision }))).toEqual({ _tag: "InvalidAppend", streamName: stream, reason: TOMBSTONED });
  });
});
