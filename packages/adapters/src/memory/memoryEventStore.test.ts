import * as E from "fp-ts/lib/Either.js";
import { v4 } from "uuid";
import { describe, expect, it } from "vitest";
import { StoreFailure } from "@grantledger/core";
import type { EventToAppend } from "@grantledger/core";
import { describeEventStoreContract } from "../testing/eventStoreContract.js";
import { createMemoryEventStore } from "./memoryEventStore.js";

describeEventStoreContract("memory", async () => ({ store: createMemoryEventStore() }));

const event = (data: EventToAppend["data"] = {}, metadata: EventToAppend["metadata"] = {}): EventToAppend => ({
  id: v4(),
  type: "Tested",
  data,
  metadata,
});

const succeed = async <A>(task: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`unexpected ${JSON.stringify(result.left, (_k, v: unknown) => String(v))}`);
  return result.right;
};

describe("the memory event store", () => {
  it("keeps history unchanged when the caller mutates what it appended", async () => {
    const store = createMemoryEventStore();
    const data = { amount: 100, lines: [{ region: 3 }], note: "original" };
    const metadata = { actor: { name: "Kari" } };
    const events = [event(data, metadata)];
    await succeed(store.appendToStream("grant-1", events));
    data.amount = 999;
    data.lines.push({ region: 4 });
    const firstLine = data.lines[0];
    if (firstLine !== undefined) firstLine.region = 9;
    metadata.actor.name = "Ola";
    events.length = 0;
    const [recorded] = await succeed(store.readStream("grant-1"));
    expect(recorded?.data).toEqual({ amount: 100, lines: [{ region: 3 }], note: "original" });
    expect(recorded?.metadata).toEqual({ actor: { name: "Kari" } });
  });

  it("hands out frozen events, so a reader cannot change history either", async () => {
    const store = createMemoryEventStore();
    await succeed(store.appendToStream("grant-1", [event({ lines: [{ region: 3 }] })]));
    const [recorded] = await succeed(store.readStream("grant-1"));
    expect(Object.isFrozen(recorded)).toBe(true);
    expect(Object.isFrozen(recorded?.data)).toBe(true);
    expect(Object.isFrozen(recorded?.data["lines"])).toBe(true);
    const read = await succeed(store.readAll());
    (read as unknown[]).length = 0;
    expect(await succeed(store.readAll())).toHaveLength(1);
  });

  it("stamps recordedAt with the injected clock, once per batch", async () => {
    const times = [new Date("2009-03-01T10:00:00Z"), new Date("2009-03-02T11:30:00.250Z")];
    let calls = 0;
    const store = createMemoryEventStore({ now: () => times[calls++] ?? new Date(0) });
    await succeed(store.appendToStream("grant-1", [event(), event()]));
    await succeed(store.appendToStream("grant-1", [event()]));
    const recorded = await succeed(store.readStream("grant-1"));
    expect(recorded.map((e) => e.recordedAt)).toEqual([
      "2009-03-01T10:00:00.000Z",
      "2009-03-01T10:00:00.000Z",
      "2009-03-02T11:30:00.250Z",
    ]);
  });

  it("stamps each append with its own clock reading, also when readings repeat", async () => {
    const times = ["2009-03-01T10:00:00.000Z", "2009-03-01T10:00:00.000Z", "2009-03-01T10:00:00.001Z", "2009-03-01T10:00:00.000Z"];
    let calls = 0;
    const store = createMemoryEventStore({ now: () => new Date(times[calls++] ?? 0) });
    for (let append = 0; append < times.length; append++) await succeed(store.appendToStream("grant-1", [event()]));
    expect((await succeed(store.readStream("grant-1"))).map((e) => e.recordedAt)).toEqual(times);
  });

  it("gives every event its own revision and position, equal to those it was appended at", async () => {
    const store = createMemoryEventStore();
    await succeed(store.appendToStream("grant-1", [event(), event()]));
    await succeed(store.appendToStream("grant-2", [event(), event(), event()]));
    await succeed(store.appendToStream(["grant", "1"].join("-"), [event()], { expectedRevision: 1n }));
    const all = await succeed(store.readAll());
    expect(all.map((e) => [e.streamName, e.revision, e.position])).toEqual([
      ["grant-1", 0n, 0n],
      ["grant-1", 1n, 1n],
      ["grant-2", 0n, 2n],
      ["grant-2", 1n, 3n],
      ["grant-2", 2n, 4n],
      ["grant-1", 2n, 5n],
    ]);
  });

  it("does not ask the clock for appends that write nothing", async () => {
    let calls = 0;
    const store = createMemoryEventStore({ now: () => new Date(++calls) });
    const batch = [event()];
    await succeed(store.appendToStream("grant-1", batch));
    await succeed(store.appendToStream("grant-1", batch));
    await succeed(store.appendToStream("grant-1", []));
    await store.appendToStream("grant-1", [event()], { expectedRevision: 7n })();
    expect(calls).toBe(1);
  });

  it("turns a failing clock into StoreUnavailable instead of a rejected promise", async () => {
    const store = createMemoryEventStore({ now: () => new Date(Number.NaN) });
    const result = await store.appendToStream("grant-1", [event()])();
    expect(result).toMatchObject(E.left({ _tag: "StoreUnavailable", operation: "appendToStream" }));
    expect(await store.readStream("grant-1")()).toMatchObject(E.left({ _tag: "StreamNotFound" }));
  });

  it("keeps the recordedAt an import gives without asking the clock, and asks it once for the rest", async () => {
    let calls = 0;
    const store = createMemoryEventStore({ now: () => new Date(Date.UTC(2024, 0, 1) + calls++) });
    const imported = [{ ...event(), recordedAt: "2009-06-01T00:00:00.000Z" }, { ...event(), recordedAt: "2009-06-01T00:01:00.000Z" }];
    await succeed(store.appendToStream("grant-1", imported));
    expect(calls).toBe(0);
    await succeed(store.appendToStream("grant-1", [{ ...event(), recordedAt: "2009-06-02T00:00:00.000Z" }, event(), event()]));
    expect(calls).toBe(1);
    expect((await succeed(store.readAll())).map((e) => e.recordedAt)).toEqual([
      "2009-06-01T00:00:00.000Z",
      "2009-06-01T00:01:00.000Z",
      "2009-06-02T00:00:00.000Z",
      "2024-01-01T00:00:00.000Z",
      "2024-01-01T00:00:00.000Z",
    ]);
  });

  it("answers on a later microtask, not synchronously", async () => {
    const store = createMemoryEventStore();
    let settled = false;
    const pending = store.appendToStream("grant-1", [event()])().then(() => (settled = true));
    expect(settled).toBe(false);
    await pending;
    expect(settled).toBe(true);
  });

  it("answers an empty append to a stream without events with revision -1 and writes nothing", async () => {
    const store = createMemoryEventStore();
    expect(await succeed(store.appendToStream("grant-1", []))).toEqual({ nextExpectedRevision: -1n, position: -1n });
    expect(await succeed(store.appendToStream("grant-1", [], { expectedRevision: "no_stream" }))).toMatchObject({
      nextExpectedRevision: -1n,
    });
    expect(await store.readStream("grant-1")()).toEqual(E.left({ _tag: "StreamNotFound", streamName: "grant-1" }));
  });

  it("refuses a recorded id at another place in the same stream", async () => {
    const store = createMemoryEventStore();
    const batch = [event(), event()];
    await succeed(store.appendToStream("grant-1", batch, { expectedRevision: "no_stream" }));
    expect(await store.appendToStream("grant-1", batch, { expectedRevision: 1n })()).toEqual(
      E.left({ _tag: "DuplicateEventId", streamName: "grant-1", eventId: batch[0]?.id, existingStreamName: "grant-1", existingRevision: 0n }),
    );
  });

  it("treats an upper-case id as the same UUID and gives it back in lower case", async () => {
    const store = createMemoryEventStore();
    const id = v4();
    const result = await succeed(store.appendToStream("grant-1", [{ ...event(), id: id.toUpperCase() }]));
    expect(await succeed(store.appendToStream("grant-1", [{ ...event(), id }]))).toEqual(result);
    expect((await succeed(store.readStream("grant-1"))).map((e) => e.id)).toEqual([id]);
  });

  it("clamps reads that start outside the stream or the log", async () => {
    const store = createMemoryEventStore();
    await succeed(store.appendToStream("grant-1", [event(), event(), event()]));
    const backwards = await succeed(store.readStream("grant-1", { direction: "backwards", fromRevision: 10n }));
    expect(backwards.map((e) => e.revision)).toEqual([2n, 1n, 0n]);
    expect(await succeed(store.readStream("grant-1", { direction: "backwards", fromRevision: -1n }))).toEqual([]);
    expect(await succeed(store.readStream("grant-1", { fromRevision: -5n, maxCount: 1 }))).toHaveLength(1);
    expect(await succeed(store.readStream("grant-1", { maxCount: 0 }))).toEqual([]);
    expect(await succeed(store.readAll({ after: 99n }))).toEqual([]);
    expect(await succeed(store.readAll({ after: -7n }))).toHaveLength(3);
    expect(await succeed(store.readAll({ maxCount: Number.NaN }))).toEqual([]);
  });

  describe("once closed", () => {
    it("refuses every operation with StoreClosed", async () => {
      const store = createMemoryEventStore();
      await succeed(store.appendToStream("grant-1", [event()]));
      await store.close();
      expect(await store.appendToStream("grant-1", [event()])()).toEqual(E.left({ _tag: "StoreClosed", operation: "appendToStream" }));
      expect(await store.readStream("grant-1")()).toEqual(E.left({ _tag: "StoreClosed", operation: "readStream" }));
      expect(await store.readAll()()).toEqual(E.left({ _tag: "StoreClosed", operation: "readAll" }));
      await expect(store.subscribeToAll()[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(StoreFailure);
      await store.close();
    });

    it("ends the subscriptions that were open, releasing waiting consumers", async () => {
      const store = createMemoryEventStore();
      await succeed(store.appendToStream("grant-1", [event()]));
      const subscription = store.subscribeToAll();
      const delivered: string[] = [];
      const consumed = (async () => {
        for await (const recorded of subscription) delivered.push(recorded.streamName);
      })();
      await succeed(store.appendToStream("grant-2", [event()]));
      await new Promise((resolve) => setTimeout(resolve, 0));
      await store.close();
      await consumed;
      expect(delivered).toEqual(["grant-1", "grant-2"]);
    });

    it("refuses an append that was started but not yet committed", async () => {
      const store = createMemoryEventStore();
      const pending = store.appendToStream("grant-1", [event()])();
      await store.close();
      expect(await pending).toEqual(E.left({ _tag: "StoreClosed", operation: "appendToStream" }));
    });
  });
});
