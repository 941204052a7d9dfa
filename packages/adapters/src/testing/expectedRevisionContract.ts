import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { CurrentRevision, ExpectedRevision } from "@grantledger/core";
import { append, fail, newEvent, newEvents, readForwards, succeed, uniqueStreamName } from "./contractFixtures.js";
import type { GetStore } from "./contractFixtures.js";

/** Registers the tests of optimistic concurrency: expected revisions, empty batches, races. */
export const expectedRevisionContract = (getStore: GetStore): void => {
  describe("expected revision", () => {
    // [expected, events already in the stream, whether the append succeeds, actual revision reported]
    const cases: readonly [ExpectedRevision, number, boolean, CurrentRevision][] = [
      ["any", 0, true, "no_stream"],
      ["any", 2, true, 1n],
      ["no_stream", 0, true, "no_stream"],
      ["no_stream", 2, false, 1n],
      ["stream_exists", 0, false, "no_stream"],
      ["stream_exists", 2, true, 1n],
      [1n, 2, true, 1n],
      [0n, 2, false, 1n],
      [2n, 2, false, 1n],
      [0n, 0, false, "no_stream"],
    ];

    it.each(cases)("expecting %s of a stream with %i events: succeeds %s (actual %s)", async (expected, existing, succeeds, actual) => {
      const store = getStore();
      const stream = uniqueStreamName("expected");
      if (existing > 0) await append(store, stream, newEvents(existing), "no_stream");
      const result = await store.appendToStream(stream, [newEvent()], { expectedRevision: expected })();
      if (succeeds) {
        expect(result).toEqual(E.right(expect.objectContaining({ nextExpectedRevision: BigInt(existing) })));
        expect(await readForwards(store, stream)).toHaveLength(existing + 1);
      } else {
        expect(result).toEqual(E.left({ _tag: "WrongExpectedVersion", streamName: stream, expected, actual }));
        if (existing > 0) expect(await readForwards(store, stream)).toHaveLength(existing);
        else expect(await fail(store.readStream(stream))).toMatchObject({ _tag: "StreamNotFound" });
      }
    });

    it("defaults to any", async () => {
      const store = getStore();
      const stream = uniqueStreamName("default");
      expect((await succeed(store.appendToStream(stream, [newEvent()]))).nextExpectedRevision).toBe(0n);
      expect((await succeed(store.appendToStream(stream, newEvents(2)))).nextExpectedRevision).toBe(2n);
    });

    it("returns the revision of the batch's last event, which the next append can expect", async () => {
      const store = getStore();
      const stream = uniqueStreamName("next");
      const first = await append(store, stream, newEvents(3), "no_stream");
      expect(first.nextExpectedRevision).toBe(2n);
      const second = await append(store, stream, newEvents(2), first.nextExpectedRevision);
      expect(second.nextExpectedRevision).toBe(4n);
      const events = await readForwards(store, stream);
      expect(events.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(events[4]?.position).toBe(second.position);
      expect(events[2]?.position).toBe(first.position);
    });
  });

  describe("an empty batch", () => {
    it("writes nothing and answers with the stream's current revision", async () => {
      const store = getStore();
      const stream = uniqueStreamName("empty");
      const written = await append(store, stream, newEvents(2));
      expect(await append(store, stream, [], 1n)).toEqual(written);
      expect(await append(store, stream, [], "any")).toEqual(written);
      expect(await readForwards(store, stream)).toHaveLength(2);
    });

    it("is still checked against the expected revision", async () => {
      const store = getStore();
      const stream = uniqueStreamName("empty");
      await append(store, stream, newEvents(2));
      expect(await fail(store.appendToStream(stream, [], { expectedRevision: 5n }))).toEqual({
        _tag: "WrongExpectedVersion",
        streamName: stream,
        expected: 5n,
        actual: 1n,
      });
    });
  });

  describe("concurrent appends", () => {
    const racers = 8;

    it.each<[string, ExpectedRevision, number]>([
      ["the same exact revision", 0n, 1],
      ["no_stream", "no_stream", 0],
    ])("expecting %s: exactly one wins, the others see its revision", async (_label, expected, existing) => {
      const store = getStore();
      const stream = uniqueStreamName("race");
      if (existing > 0) await append(store, stream, newEvents(existing));
      const results = await Promise.all(
        Array.from({ length: racers }, () => store.appendToStream(stream, [newEvent()], { expectedRevision: expected })()),
      );
      const winners = results.filter(E.isRight);
      expect(winners).toHaveLength(1);
      expect(winners[0]?.right.nextExpectedRevision).toBe(BigInt(existing));
      for (const result of results.filter(E.isLeft)) {
        expect(result.left).toEqual({ _tag: "WrongExpectedVersion", streamName: stream, expected, actual: BigInt(existing) });
      }
      expect(await readForwards(store, stream)).toHaveLength(existing + 1);
    });
  });
};
