import { describe, expect, it } from "vitest";
import type { EventStore, EventToAppend } from "@grantledger/core";
import { append, currentPosition, expectStrictlyIncreasing, newEvents, succeed, uniqueStreamName } from "./contractFixtures.js";
import type { GetStore } from "./contractFixtures.js";

/** Registers the tests of the one global order: positions and `readAll`. */
export const globalOrderContract = (getStore: GetStore): void => {
  describe("the global order", () => {
    it("follows the order of appends across streams, with strictly increasing positions", async () => {
      const store = getStore();
      const { before, streams, appended } = await appendAcrossStreams(store);
      const all = await succeed(store.readAll({ after: before }));
      expect(all[0]?.position).toBeGreaterThan(before);
      expectStrictlyIncreasing(all);
      const ours = all.filter((event) => streams.includes(event.streamName));
      expect(ours.map((event) => event.id)).toEqual(appended.map((event) => event.id));
      expect(ours.map((event) => event.streamName)).toEqual([streams[0], streams[0], streams[1], streams[0], streams[2], streams[2]]);
    });

    it("agrees with the positions each stream reports", async () => {
      const store = getStore();
      const { before, streams } = await appendAcrossStreams(store);
      const all = await succeed(store.readAll({ after: before }));
      for (const stream of streams) {
        const read = await succeed(store.readStream(stream));
        expect(all.filter((event) => event.streamName === stream)).toEqual(read);
      }
    });

    it("reads after a position exclusively", async () => {
      const store = getStore();
      const { before } = await appendAcrossStreams(store);
      const all = await succeed(store.readAll({ after: before }));
      const pivot = all[2];
      if (pivot === undefined) throw new Error("fewer events than appended");
      const after = await succeed(store.readAll({ after: pivot.position }));
      expect(after.slice(0, all.length - 3)).toEqual(all.slice(3));
      expect(after.some((event) => event.position <= pivot.position)).toBe(false);
    });

    it("returns at most maxCount events, the first ones after the position", async () => {
      const store = getStore();
      const { before } = await appendAcrossStreams(store);
      const limited = await succeed(store.readAll({ after: before, maxCount: 4 }));
      const all = await succeed(store.readAll({ after: before }));
      expect(limited).toHaveLength(4);
      expect(limited).toEqual(all.slice(0, 4));
    });

    it("reads from the beginning without a position", async () => {
      const store = getStore();
      const { before } = await appendAcrossStreams(store);
      const first = await succeed(store.readAll({ maxCount: 2 }));
      expect(first).toHaveLength(2);
      expectStrictlyIncreasing(first);
      expect(first[0]?.position).toBeLessThanOrEqual(before);
    });
  });
};

/** Six events over three new streams, interleaved, after a fresh marker position. */
const appendAcrossStreams = async (
  store: EventStore,
): Promise<{ before: bigint; streams: string[]; appended: EventToAppend[] }> => {
  const before = await currentPosition(store);
  const streams = [uniqueStreamName("order-a"), uniqueStreamName("order-b"), uniqueStreamName("order-c")];
  const [a, b, c] = streams as [string, string, string];
  const appended = newEvents(6);
  await append(store, a, appended.slice(0, 2), "no_stream");
  await append(store, b, appended.slice(2, 3), "no_stream");
  await append(store, a, appended.slice(3, 4), 1n);
  await append(store, c, appended.slice(4, 6), "no_stream");
  return { before, streams, appended };
};
