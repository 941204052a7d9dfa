import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { RecordedEvent } from "@grantledger/core";
import { createHistoryStore, scanOf } from "./historyStore.js";

/** A history with gaps in its positions, as an EventStoreDB export has. */
const recorded = (streamName: string, revision: bigint, position: bigint): RecordedEvent => ({
  streamName,
  revision,
  position,
  id: `00000000-0000-4000-8000-${position.toString().padStart(12, "0")}`,
  type: "T",
  data: {},
  metadata: {},
  recordedAt: "2009-06-01T00:00:00.000Z",
});
const events = [recorded("a", 0n, 10n), recorded("b", 0n, 20n), recorded("a", 1n, 35n), recorded("a", 2n, 40n)];
const positions = (result: E.Either<unknown, readonly RecordedEvent[]>) => (E.isRight(result) ? result.right.map((e) => e.position) : result.left);

describe("a history file read as a store", () => {
  const store = createHistoryStore(scanOf(events));

  it("reads all in order from after a position that falls in a gap, keeping the file's positions", async () => {
    expect(positions(await store.readAll()())).toEqual([10n, 20n, 35n, 40n]);
    expect(positions(await store.readAll({ after: 20n, maxCount: 1 })())).toEqual([35n]);
    expect(positions(await store.readAll({ after: 21n })())).toEqual([35n, 40n]);
    expect(positions(await store.readAll({ after: 40n })())).toEqual([]);
  });

  it("reads a stream forwards and backwards from a revision", async () => {
    expect(positions(await store.readStream("a", { fromRevision: 1n })())).toEqual([35n, 40n]);
    expect(positions(await store.readStream("a", { direction: "backwards", maxCount: 1 })())).toEqual([40n]);
    expect(positions(await store.readStream("a", { direction: "backwards", fromRevision: 1n })())).toEqual([35n, 10n]);
    expect(await store.readStream("nope")()).toEqual(E.left({ _tag: "StreamNotFound", streamName: "nope" }));
  });

  it("refuses to be written to", async () => {
    expect(await store.appendToStream("a", [], { expectedRevision: 2n })()).toEqual(
      E.left({ _tag: "InvalidAppend", streamName: "a", reason: "a history read from a file is read-only" }),
    );
  });

  it("delivers a subscription's catch-up, then ends it on close", async () => {
    const own = createHistoryStore(scanOf(events));
    const subscription = own.subscribeToAll({ after: 10n, streamNamePrefix: "a" });
    const seen: bigint[] = [];
    for await (const event of subscription) {
      seen.push(event.position);
      if (seen.length === 2) void own.close();
    }
    expect(seen).toEqual([35n, 40n]);
    expect(await own.readAll()()).toEqual(E.left({ _tag: "StoreClosed", operation: "readAll" }));
  });
});
