import { describe, expect, it } from "vitest";
import type { EventToAppend, JsonObject } from "@grantledger/core";
import { append, currentPosition, fail, newEvent, newEvents, readForwards, succeed, uniqueStreamName } from "./contractFixtures.js";
import type { GetStore } from "./contractFixtures.js";

/**
 * Registers the tests of idempotent retries and of all-or-nothing batches. Ids recorded elsewhere
 * are the business of `eventIdContract`.
 */
export const idempotencyContract = (getStore: GetStore): void => {
  describe("re-appending the same event ids", () => {
    it.each([["no_stream"], ["any"]] as const)("with %s, returns the original result and writes nothing", async (expected) => {
      const store = getStore();
      const stream = uniqueStreamName("retry");
      const batch = newEvents(3);
      const original = await append(store, stream, batch, expected);
      expect(await append(store, stream, batch, expected)).toEqual(original);
      expect(await readForwards(store, stream)).toHaveLength(3);
    });

    it("with stream_exists, a stream's first batch written with any and given again, returns the original result (as EventStoreDB does)", async () => {
      const store = getStore();
      const stream = uniqueStreamName("retry");
      const batch = newEvents(2);
      const original = await append(store, stream, batch, "any");
      await append(store, stream, newEvents(1), original.nextExpectedRevision);
      expect(await append(store, stream, batch, "stream_exists")).toEqual(original);
      expect(await readForwards(store, stream)).toHaveLength(3);
    });

    it("with the same exact revision, even after later appends, returns the original result", async () => {
      const store = getStore();
      const stream = uniqueStreamName("retry");
      await append(store, stream, newEvents(1));
      const batch = newEvents(2);
      const original = await append(store, stream, batch, 0n);
      await append(store, stream, newEvents(1), original.nextExpectedRevision);
      const before = await currentPosition(store);
      expect(await append(store, stream, batch, 0n)).toEqual(original);
      expect((await readForwards(store, stream)).map((event) => event.id)).toHaveLength(4);
      const since = await succeed(store.readAll({ after: before }));
      expect(since.filter((event) => event.streamName === stream)).toEqual([]);
    });
  });

  describe("a refused batch writes nothing", () => {
    it("when the expected revision does not match", async () => {
      const store = getStore();
      const stream = uniqueStreamName("atomic");
      await append(store, stream, newEvents(1));
      await fail(store.appendToStream(stream, newEvents(3), { expectedRevision: 5n }));
      expect(await readForwards(store, stream)).toHaveLength(1);
    });

    const notJson: readonly [string, JsonObject][] = [
      ["a bigint", { amount: 10n }],
      ["NaN", { amount: Number.NaN }],
      ["Infinity", { amount: Number.POSITIVE_INFINITY }],
      ["undefined", { amount: undefined }],
      ["a Date", { at: new Date(0) }],
      ["a function", { f: () => 1 }],
      ["a cycle", cyclic()],
    ];

    it.each(notJson)("when an event's data holds %s: InvalidAppend naming the event", async (_label, data) => {
      const store = getStore();
      const stream = uniqueStreamName("atomic");
      const error = await fail(store.appendToStream(stream, [newEvent(), newEvent(data)]));
      expect(error).toMatchObject({ _tag: "InvalidAppend", streamName: stream });
      expect("reason" in error ? error.reason : "").toContain("events[1].data");
      expect(await fail(store.readStream(stream))).toMatchObject({ _tag: "StreamNotFound" });
    });

    // One text rule for every store: what PostgreSQL cannot hold, and what is not Unicode text,
    // is refused by every adapter alike, naming the place.
    const unstorable: readonly [string, JsonObject, string, string][] = [
      ["U+0000 in a value", { project: { summary: "a\u0000b" } }, "events[1].data.project.summary", "U+0000"],
      ["a lone surrogate in a value", { notes: ["ok", "\ud800"] }, "events[1].data.notes[1]", "lone surrogate"],
      ["U+0000 in a key", { ["a\u0000"]: 1 }, "events[1].data", "U+0000"],
    ];

    it.each(unstorable)("when an event's text holds %s: InvalidAppend naming it", async (_label, data, where, what) => {
      const store = getStore();
      const stream = uniqueStreamName("atomic");
      const error = await fail(store.appendToStream(stream, [newEvent(), newEvent(data)]));
      expect(error).toMatchObject({ _tag: "InvalidAppend", streamName: stream });
      expect("reason" in error ? error.reason : "").toContain(where);
      expect("reason" in error ? error.reason : "").toContain(what);
      expect(await fail(store.readStream(stream))).toMatchObject({ _tag: "StreamNotFound" });
    });

    it("when an event's metadata is not JSON", async () => {
      const store = getStore();
      const stream = uniqueStreamName("atomic");
      const error = await fail(store.appendToStream(stream, [newEvent({}, "T", { at: 1n })]));
      expect("reason" in error ? error.reason : "").toContain("events[0].metadata");
    });

    const badEvents: readonly [string, string, () => EventToAppend[]][] = [
      ["an id that is not a UUID", "events[1].id", () => [newEvent(), { ...newEvent(), id: "not-a-uuid" }]],
      ["an empty type", "events[0].type", () => [{ ...newEvent(), type: "" }]],
      ["the same id twice", "events[1].id", () => ((event) => [event, event])(newEvent())],
    ];

    it.each(badEvents)("when it holds %s: InvalidAppend naming %s", async (_label, where, events) => {
      const store = getStore();
      const stream = uniqueStreamName("atomic");
      const error = await fail(store.appendToStream(stream, events()));
      expect(error).toMatchObject({ _tag: "InvalidAppend", streamName: stream });
      expect("reason" in error ? error.reason : "").toContain(where);
      expect(await fail(store.readStream(stream))).toMatchObject({ _tag: "StreamNotFound" });
    });

    it("when the stream name is empty", async () => {
      expect(await fail(getStore().appendToStream("", [newEvent()]))).toMatchObject({ _tag: "InvalidAppend", streamName: "" });
    });
  });
};

const cyclic = (): JsonObject => {
  const node: { self?: unknown } = {};
  node.self = node;
  return { node };
};
