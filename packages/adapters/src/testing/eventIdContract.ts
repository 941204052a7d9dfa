import { describe, expect, it } from "vitest";
import { append, fail, newEvent, newEvents, readForwards, succeed, uniqueStreamName } from "./contractFixtures.js";
import type { GetStore } from "./contractFixtures.js";
import type { ResolvedCapabilities } from "./contractCapabilities.js";

/**
 * Registers the tests of an event id already recorded elsewhere: in another stream, or in the
 * same stream under a batch that only partly repeats a recorded one. Where `capabilities` say
 * the store does not refuse such an id, the tests expect what EventStoreDB does instead.
 */
export const eventIdContract = (getStore: GetStore, capabilities: ResolvedCapabilities): void => {
  describe("an event id already recorded elsewhere", () => {
    if (capabilities.uniqueEventIdsAcrossStreams) {
      it.each([[0], [3]])("in another stream (of %i events) is refused, naming where it is", async (existing) => {
        const store = getStore();
        const [first, second] = [uniqueStreamName("owner"), uniqueStreamName("thief")];
        const event = newEvent();
        await append(store, first, [newEvent(), event]);
        if (existing > 0) await append(store, second, newEvents(existing));
        expect(await fail(store.appendToStream(second, [event]))).toEqual({
          _tag: "DuplicateEventId",
          streamName: second,
          eventId: event.id,
          existingStreamName: first,
          existingRevision: 1n,
        });
        if (existing > 0) expect(await readForwards(store, second)).toHaveLength(existing);
        else expect(await fail(store.readStream(second))).toMatchObject({ _tag: "StreamNotFound" });
      });

      it("in another stream, as one event of a batch: the whole batch is refused and nothing is written", async () => {
        const store = getStore();
        const [other, stream] = [uniqueStreamName("other"), uniqueStreamName("atomic")];
        const taken = newEvent();
        await append(store, other, [taken]);
        const fresh = newEvent();
        await fail(store.appendToStream(stream, [fresh, taken]));
        expect(await fail(store.readStream(stream))).toMatchObject({ _tag: "StreamNotFound" });
        expect((await append(store, stream, [fresh], "no_stream")).nextExpectedRevision).toBe(0n);
      });
    } else {
      it.each([[0], [3]])("in another stream (of %i events) is written again, as ids are checked per stream only", async (existing) => {
        const store = getStore();
        const [first, second] = [uniqueStreamName("owner"), uniqueStreamName("copy")];
        const event = newEvent();
        await append(store, first, [newEvent(), event]);
        if (existing > 0) await append(store, second, newEvents(existing));
        expect((await append(store, second, [event])).nextExpectedRevision).toBe(BigInt(existing));
        expect((await readForwards(store, second)).map((recorded) => recorded.id).slice(existing)).toEqual([event.id]);
        expect((await readForwards(store, first)).map((recorded) => recorded.id)[1]).toBe(event.id);
      });

      it("in another stream, as one event of a batch: the batch is written whole, as ids are checked per stream only", async () => {
        const store = getStore();
        const [other, stream] = [uniqueStreamName("other"), uniqueStreamName("whole")];
        const taken = newEvent();
        await append(store, other, [taken]);
        const fresh = newEvent();
        expect((await append(store, stream, [fresh, taken])).nextExpectedRevision).toBe(1n);
        expect((await readForwards(store, stream)).map((recorded) => recorded.id)).toEqual([fresh.id, taken.id]);
        expect((await readForwards(store, other)).map((recorded) => recorded.id)).toEqual([taken.id]);
      });
    }

    // Both kinds of store refuse this one: EventStoreDB answers "wrong expected version" to a
    // batch repeating only part of what it recently recorded, which the adapter explains.
    it("in a batch that only partly overlaps a recorded one (expecting any) is refused", async () => {
      const store = getStore();
      const stream = uniqueStreamName("overlap");
      const [a, b, c] = [newEvent(), newEvent(), newEvent()];
      await append(store, stream, [a, b]);
      expect(await fail(store.appendToStream(stream, [b, c], { expectedRevision: "any" }))).toMatchObject({
        _tag: "DuplicateEventId",
        eventId: b.id,
        existingStreamName: stream,
        existingRevision: 1n,
      });
      expect(await readForwards(store, stream)).toHaveLength(2);
    });

    if (capabilities.uniqueEventIdsWithinStream) {
      it("in a batch that only partly overlaps a recorded one (expecting current) is refused", async () => {
        const store = getStore();
        const stream = uniqueStreamName("overlap");
        const [a, b, c] = [newEvent(), newEvent(), newEvent()];
        await append(store, stream, [a, b]);
        expect(await fail(store.appendToStream(stream, [b, c], { expectedRevision: 1n }))).toMatchObject({
          _tag: "DuplicateEventId",
          eventId: b.id,
          existingStreamName: stream,
          existingRevision: 1n,
        });
        expect(await readForwards(store, stream)).toHaveLength(2);
      });
    } else {
      it("in a batch that only partly overlaps a recorded one (expecting current) is written, as the exact revision is not checked for ids", async () => {
        const store = getStore();
        const stream = uniqueStreamName("overlap");
        const [a, b, c] = [newEvent(), newEvent(), newEvent()];
        await append(store, stream, [a, b]);
        expect(await succeed(store.appendToStream(stream, [b, c], { expectedRevision: 1n }))).toMatchObject({ nextExpectedRevision: 3n });
        expect((await readForwards(store, stream)).map((recorded) => recorded.id)).toEqual([a.id, b.id, b.id, c.id]);
      });
    }
  });
};
