import * as E from "fp-ts/lib/Either.js";
import type { JSONType, MetadataType, ResolvedEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { isSystemEvent, positionOf, toEsdbEvent, toRecordedEvent } from "./recordedEventMapping.js";

const ID = "6f9619ff-8b86-4d11-b42d-00c04fc964ff";

/** A JSON event as the client hands it out, with what a test wants changed. */
const resolved = (change: Partial<{ data: JSONType; metadata: MetadataType; position: { commit: bigint; prepare: bigint } | undefined; commitPosition: bigint; created: Date; type: string }> = {}): ResolvedEvent => ({
  event: {
    streamId: "grant-bergen-1",
    id: ID,
    isJson: true,
    revision: 3n,
    type: change.type ?? "GrantAwarded",
    created: change.created ?? new Date("2009-06-30T12:00:00.123Z"),
    data: change.data ?? { amount: 400_000_00, note: "Ålesund ✓" },
    metadata: change.metadata ?? { commandId: "c-1" },
    position: "position" in change ? change.position : { commit: 9_000n, prepare: 9_000n },
  },
  commitPosition: change.commitPosition,
});

describe("a recorded event from the client", () => {
  it("maps every field: revision, commit position, data, metadata, and created as ISO-8601", () => {
    expect(toRecordedEvent(resolved())).toEqual(
      E.right({
        id: ID,
        type: "GrantAwarded",
        data: { amount: 400_000_00, note: "Ålesund ✓" },
        metadata: { commandId: "c-1" },
        streamName: "grant-bergen-1",
        revision: 3n,
        position: 9_000n,
        recordedAt: "2009-06-30T12:00:00.123Z",
      }),
    );
  });

  it("takes the read's commit position when the event carries none (0 on servers before 22.6)", () => {
    expect(positionOf(resolved({ position: { commit: 0n, prepare: 0n }, commitPosition: 7_000n }))).toBe(7_000n);
    expect(positionOf(resolved({ position: undefined, commitPosition: 7_000n }))).toBe(7_000n);
    expect(positionOf(resolved({ position: { commit: 9_000n, prepare: 9_000n }, commitPosition: 7_000n }))).toBe(9_000n);
  });

  it("reads absent metadata as an empty object", () => {
    const event = resolved();
    if (event.event !== undefined) event.event.metadata = undefined;
    expect(toRecordedEvent(event)).toMatchObject(E.right({ metadata: {} }));
  });

  it("reports a kept $recordedAt as recordedAt instead of created, and hands back the metadata without it, in its order", () => {
    const mapped = toRecordedEvent(resolved({ metadata: { commandId: "c-1", $recordedAt: "2001-02-03T04:05:06.789Z", actor: "a" } }));
    expect(mapped).toMatchObject(E.right({ recordedAt: "2001-02-03T04:05:06.789Z", metadata: { commandId: "c-1", actor: "a" } }));
    expect(E.isRight(mapped) && Object.keys(mapped.right.metadata)).toEqual(["commandId", "actor"]);
  });

  it("needs no valid created time when the time is kept in the metadata", () => {
    const kept = resolved({ created: new Date(Number.NaN), metadata: { $recordedAt: "2001-02-03T04:05:06.789Z" } });
    expect(toRecordedEvent(kept)).toMatchObject(E.right({ recordedAt: "2001-02-03T04:05:06.789Z", metadata: {} }));
  });

  it.each<[string, unknown]>([
    ["free text", "yesterday"],
    ["without milliseconds", "2001-02-03T04:05:06Z"],
    ["with an offset", "2001-02-03T05:05:06.789+01:00"],
    ["a day that does not exist", "2001-02-30T04:05:06.789Z"],
    ["a number", 981_173_106_789],
    ["null", null],
    ["an object", { at: "2001-02-03T04:05:06.789Z" }],
  ])("refuses a kept $recordedAt that is not a recorded time (%s), never falling back to created", (_label, stored) => {
    const event = resolved({ metadata: { commandId: "c-1", $recordedAt: stored } });
    expect(toRecordedEvent(event)).toEqual(
      E.left(`GrantAwarded at grant-bergen-1@3 has a kept recorded time (metadata.$recordedAt) that is not a UTC time to the millisecond (YYYY-MM-DDTHH:MM:SS.sssZ): ${JSON.stringify(stored)}`),
    );
  });

  it.each<[string, ResolvedEvent, string]>([
    ["no position at all", resolved({ position: undefined }), "came without its global position"],
    ["position 0 from an old server", resolved({ position: { commit: 0n, prepare: 0n } }), "came without its global position"],
    ["data that is an array", resolved({ data: [1, 2] }), "has data that is not a JSON object"],
    ["data that was not valid JSON (the client gives back the text)", resolved({ data: "{oops" }), "has data that is not a JSON object"],
    ["metadata that is binary", resolved({ metadata: new Uint8Array([1]) }), "has metadata that is not a JSON object"],
    ["metadata that is a string", resolved({ metadata: "x" }), "has metadata that is not a JSON object"],
    ["an invalid created time", resolved({ created: new Date(Number.NaN) }), "has no valid recording time"],
  ])("refuses %s, naming the event", (_label, event, reason) => {
    expect(toRecordedEvent(event)).toEqual(E.left(`GrantAwarded at grant-bergen-1@3 ${reason}${reason.startsWith("came") ? " (EventStoreDB before 22.6 does not send it for stream reads)" : ""}`));
  });

  it("refuses binary events and links whose target is gone", () => {
    const binary: ResolvedEvent = {
      event: { streamId: "s", id: ID, isJson: false, revision: 0n, type: "Blob", created: new Date(0), data: new Uint8Array([1]), metadata: undefined, position: { commit: 5n, prepare: 5n } },
    };
    expect(toRecordedEvent(binary)).toEqual(E.left("Blob at s@0 is stored as binary, not JSON"));
    expect(toRecordedEvent({ commitPosition: 5n })).toEqual(E.left("a link event whose target is gone"));
  });
});

describe("an event to append", () => {
  it("is a JSON event with the checked id, type, data and metadata", () => {
    const event = toEsdbEvent({ id: ID, type: "GrantApplied", data: { a: [1, { b: null }] }, metadata: { actor: "saksbehandler" } });
    expect(event).toEqual({ id: ID, contentType: "application/json", type: "GrantApplied", data: { a: [1, { b: null }] }, metadata: { actor: "saksbehandler" } });
  });

  it("carries a given recordedAt in its metadata under $recordedAt, after the event's own keys", () => {
    const event = toEsdbEvent({ id: ID, type: "GrantApplied", data: {}, metadata: { actor: "saksbehandler", commandId: "c-1" }, recordedAt: "2009-06-01T00:00:00.000Z" });
    expect(event.metadata).toEqual({ actor: "saksbehandler", commandId: "c-1", $recordedAt: "2009-06-01T00:00:00.000Z" });
    expect(Object.keys(event.metadata ?? {})).toEqual(["actor", "commandId", "$recordedAt"]);
  });

  it("reads back as the event given: the kept time as recordedAt, the metadata as it was", () => {
    const written = toEsdbEvent({ id: ID, type: "GrantApplied", data: { n: 1 }, metadata: { actor: "saksbehandler" }, recordedAt: "2009-06-01T00:00:00.000Z" });
    const read = resolved({ type: written.type, data: written.data, metadata: written.metadata });
    expect(toRecordedEvent(read)).toMatchObject(E.right({ data: { n: 1 }, metadata: { actor: "saksbehandler" }, recordedAt: "2009-06-01T00:00:00.000Z" }));
  });
});

describe("EventStoreDB's own events", () => {
  it.each<[string, string, boolean]>([
    ["$$grant-1", "$metadata", true],
    ["$stats-127.0.0.1:2113", "$statsCollected", true],
    ["$ce-grant", "$>", true],
    ["grant-1", "$>", true],
    ["$projections-x", "ProjectionUpdated", true],
    ["grant-1", "GrantApplied", false],
    ["round-2009-1", "Round$Opened", false],
  ])("%s / %s: %s", (streamName, type, system) => {
    expect(isSystemEvent(streamName, type)).toBe(system);
  });
});
