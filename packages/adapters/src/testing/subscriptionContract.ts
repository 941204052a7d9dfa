import { describe, expect, it } from "vitest";
import type { RecordedEvent } from "@grantledger/core";
import {
  append,
  currentPosition,
  expectStrictlyIncreasing,
  iterate,
  newEvent,
  newEvents,
  take,
  uniqueStreamName,
  withTimeout,
} from "./contractFixtures.js";
import type { GetStore } from "./contractFixtures.js";

/** Registers the tests of catch-up subscriptions to all streams. */
export const subscriptionContract = (getStore: GetStore): void => {
  describe("a subscription to all", () => {
    it("delivers the stored events from the beginning, then later appends as they happen", async () => {
      const store = getStore();
      const stream = uniqueStreamName("live");
      const batch = newEvents(5);
      await append(store, stream, batch.slice(0, 3));
      const subscription = store.subscribeToAll({ streamNamePrefix: stream });
      try {
        const events = iterate(subscription);
        const stored = await take(events, 3);
        const waiting = take(events, 2);
        await append(store, stream, batch.slice(3, 4));
        await append(store, stream, batch.slice(4));
        const live = await waiting;
        expect([...stored, ...live].map((event) => event.id)).toEqual(batch.map((event) => event.id));
        expectStrictlyIncreasing([...stored, ...live]);
      } finally {
        await subscription.close();
      }
    });

    it("starts strictly after the given position", async () => {
      const store = getStore();
      const stream = uniqueStreamName("after");
      const batch = newEvents(4);
      await append(store, stream, batch.slice(0, 2));
      const { position } = await append(store, stream, batch.slice(2, 3));
      await append(store, stream, batch.slice(3));
      const subscription = store.subscribeToAll({ after: position - 1n, streamNamePrefix: stream });
      try {
        expect((await take(iterate(subscription), 2)).map((event) => event.id)).toEqual([batch[2]?.id, batch[3]?.id]);
      } finally {
        await subscription.close();
      }
    });

    it("delivers every stream in global order when not filtered", async () => {
      const store = getStore();
      const before = await currentPosition(store);
      const streams = [uniqueStreamName("all-a"), uniqueStreamName("all-b")];
      const batch = newEvents(4);
      const subscription = store.subscribeToAll({ after: before });
      try {
        const events = iterate(subscription);
        for (const [index, event] of batch.entries()) await append(store, streams[index % 2] ?? "", [event]);
        const ours: RecordedEvent[] = [];
        // Other writers may share the store: read on until this test's own events have all come.
        while (ours.length < batch.length) {
          const [next] = await take(events, 1);
          if (next === undefined) throw new Error("the subscription ended early");
          if (streams.includes(next.streamName)) ours.push(next);
        }
        expect(ours.map((event) => event.id)).toEqual(batch.map((event) => event.id));
      } finally {
        await subscription.close();
      }
    });

    it("delivers only streams whose names start with the prefix", async () => {
      const store = getStore();
      const base = uniqueStreamName("prefix");
      const [one, two, other] = [`${base}-grant-1`, `${base}-grant-2`, `${base}-budget`];
      const [a, b, c, d] = [newEvent(), newEvent(), newEvent(), newEvent()];
      const subscription = store.subscribeToAll({ after: await currentPosition(store), streamNamePrefix: `${base}-grant` });
      try {
        await append(store, one, [a]);
        await append(store, other, [b]);
        await append(store, two, [c]);
        const events = iterate(subscription);
        const waiting = take(events, 3);
        await append(store, other, [newEvent()]);
        await append(store, one, [d]);
        expect((await waiting).map((event) => event.id)).toEqual([a.id, c.id, d.id]);
      } finally {
        await subscription.close();
      }
    });

    it("ends when closed, releasing a consumer that is waiting", async () => {
      const store = getStore();
      const stream = uniqueStreamName("close");
      const subscription = store.subscribeToAll({ after: await currentPosition(store), streamNamePrefix: stream });
      const events = iterate(subscription);
      const waiting = events.next();
      await subscription.close();
      expect(await withTimeout(waiting, 5_000, "close() did not release the waiting consumer")).toMatchObject({ done: true });
      await append(store, stream, newEvents(1));
      expect(await events.next()).toMatchObject({ done: true });
    });

    it("ends when the consumer breaks out of for-await", async () => {
      const store = getStore();
      const stream = uniqueStreamName("break");
      const before = await currentPosition(store);
      await append(store, stream, newEvents(3));
      const subscription = store.subscribeToAll({ after: before, streamNamePrefix: stream });
      const seen: RecordedEvent[] = [];
      for await (const event of subscription) {
        seen.push(event);
        if (seen.length === 2) break;
      }
      expect(seen.map((event) => event.revision)).toEqual([0n, 1n]);
      expect(await withTimeout(iterate(subscription).next(), 5_000, "still open after break")).toMatchObject({ done: true });
      await subscription.close();
    });

    it("runs side by side with another subscription, each getting every event", async () => {
      const store = getStore();
      const stream = uniqueStreamName("twice");
      const options = { after: await currentPosition(store), streamNamePrefix: stream };
      const [first, second] = [store.subscribeToAll(options), store.subscribeToAll(options)];
      try {
        const waiting = [take(iterate(first), 2), take(iterate(second), 2)];
        await append(store, stream, newEvents(2));
        const [one, two] = await Promise.all(waiting);
        expect(one?.map((event) => event.revision)).toEqual([0n, 1n]);
        expect(two).toEqual(one);
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });
  });
};
