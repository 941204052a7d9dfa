/**
 * Wire-format tests (a fake server over real gRPC, not a real EventStoreDB) of how a subscription
 * rides out a server that drops it: it subscribes again from the last event it delivered, so the
 * consumer sees each event once, in order, and gives up with a StoreFailure only after its policy.
 */
import { afterEach, describe, expect, it } from "vitest";
import { StoreFailure } from "@grantledger/core";
import type { EventStore } from "@grantledger/core";
import { append, currentPosition, iterate, newEvents, take, uniqueStreamName } from "../testing/contractFixtures.js";
import { createEventStoreDbEventStore } from "./eventStoreDbEventStore.js";
import { startFakeEventStoreDb } from "./testServer/fakeEventStoreDb.testkit.js";
import type { FakeEventStoreDb } from "./testServer/fakeEventStoreDb.testkit.js";

const quickRetries = { maxAttempts: 3, backoffMs: () => 20 };

describe("wire-format test: a subscription when the server drops it", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const start = async (): Promise<{ server: FakeEventStoreDb; store: EventStore }> => {
    const server = await startFakeEventStoreDb({ generation: "batch-append" });
    const store = createEventStoreDbEventStore({ connectionString: server.connectionString, deadlineMs: 5_000, resubscribe: quickRetries });
    cleanups.push(() => server.close(), () => store.close());
    return { server, store };
  };

  it("resubscribes after the server ends it, delivering each event once, in order", async () => {
    const { server, store } = await start();
    const stream = uniqueStreamName("dropped");
    const batch = newEvents(6);
    const subscription = store.subscribeToAll({ after: await currentPosition(store), streamNamePrefix: stream });
    const events = iterate(subscription);
    await append(store, stream, batch.slice(0, 3));
    const first = await take(events, 3);
    server.dropSubscriptions();
    await append(store, stream, batch.slice(3));
    const rest = await take(events, 3);
    expect([...first, ...rest].map((event) => event.id)).toEqual(batch.map((event) => event.id));
    expect(server.calls.get("subscribe")).toBeGreaterThanOrEqual(2);
    await subscription.close();
  });

  it("resubscribes after the connection itself drops and the server comes back", async () => {
    const { server, store } = await start();
    const stream = uniqueStreamName("restart");
    const batch = newEvents(4);
    const subscription = store.subscribeToAll({ after: await currentPosition(store), streamNamePrefix: stream });
    const events = iterate(subscription);
    await append(store, stream, batch.slice(0, 2));
    const first = await take(events, 2);
    await server.restart();
    await append(store, stream, batch.slice(2));
    const rest = await take(events, 2);
    expect([...first, ...rest].map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n]);
    await subscription.close();
  });

  it("fails with StoreUnavailable once the server stays away longer than its policy allows", async () => {
    const { server, store } = await start();
    const stream = uniqueStreamName("gone");
    const subscription = store.subscribeToAll({ after: await currentPosition(store), streamNamePrefix: stream });
    const events = iterate(subscription);
    await append(store, stream, newEvents(1));
    await take(events, 1);
    await server.close();
    const failure: unknown = await events.next().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreFailure);
    expect(failure).toMatchObject({ error: { _tag: "StoreUnavailable", operation: "subscribeToAll" } });
    expect(await events.next()).toMatchObject({ done: true });
    await subscription.close();
  });

  it("ends the subscriptions still open when the store is closed", async () => {
    const { store } = await start();
    const subscription = store.subscribeToAll({ after: await currentPosition(store), streamNamePrefix: uniqueStreamName("open") });
    const waiting = iterate(subscription).next();
    await store.close();
    expect(await waiting).toMatchObject({ done: true });
  });
});
