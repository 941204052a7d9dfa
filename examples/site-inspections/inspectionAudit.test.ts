import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { computeEventHash, sealHistory, SEAL_STREAM, verifyHistory, type RecordedEvent } from "@grantledger/core";
import { inspections } from "./inspections.js";
import { context, grantsIn, handlerOver, historyOf, must, visit } from "./inspections.testkit.js";

/** Grants, two inspections (one with its deviations closed), sealed, then one more inspection after the seal. */
const inspectedHistory = async () => {
  const store = await grantsIn();
  const handler = handlerOver(store);
  await must(handler.execute({ type: "RecordInspection", data: visit("i1") }, context()));
  await must(handler.execute({ type: "CloseDeviations", data: { inspectionId: "i1", closedOn: "2009-12-01", notes: "Fixed" } }, context()));
  await must(handler.execute({ type: "RecordInspection", data: { ...visit("i2"), finding: "satisfactory" } }, context()));
  await must(() => sealHistory(store, { commandId: "seal-1", actor: "revisor" }, "2009-12-31T23:00:00Z"));
  await must(handler.execute({ type: "RecordInspection", data: visit("i3") }, context()));
  return historyOf(store);
};

const verify = (events: readonly RecordedEvent[]) => verifyHistory(events, { codecs: inspections.events });
const rehash = (event: RecordedEvent): RecordedEvent => ({ ...event, metadata: { ...event.metadata, hash: computeEventHash(event) } });
const at = (events: readonly RecordedEvent[], streamName: string, revision: bigint): number => events.findIndex((e) => e.streamName === streamName && e.revision === revision);

// The grant streams' tamper tests (packages/adapters/src/engine/audit.test.ts), on inspection streams.
describe("tamper evidence on inspection streams", () => {
  it("verifies a clean history with the inspection codecs, seal included", async () => {
    const events = await inspectedHistory();
    expect(await verify(events)).toMatchObject(E.right({ events: events.length, streams: 7, seals: 1, unsealed: 2 }));
  });

  it("without the codecs, stops at the first inspection event as undecodable: no event is passed over", async () => {
    const events = await inspectedHistory();
    const first = events[at(events, "inspection-i1", 0n)] as RecordedEvent;
    expect(await verifyHistory(events)).toMatchObject(E.left({ kind: "undecodable", streamName: "inspection-i1", revision: 0n, position: first.position, found: 'event.type: unknown event type "InspectionRecorded"' }));
  });

  it("catches a changed field at its event", async () => {
    const events = await inspectedHistory();
    const index = at(events, "inspection-i2", 0n);
    const target = events[index] as RecordedEvent;
    const forged = [...events];
    forged[index] = { ...target, data: { ...target.data, finding: "deviations" } };
    expect(await verify(forged)).toMatchObject(E.left({ kind: "content-hash", streamName: "inspection-i2", revision: 0n }));
  });

  it("catches a changed actor in the metadata", async () => {
    const events = await inspectedHistory();
    const index = at(events, "inspection-i1", 1n);
    const target = events[index] as RecordedEvent;
    const forged = [...events];
    forged[index] = { ...target, metadata: { ...target.metadata, actor: "someone-else" } };
    expect(await verify(forged)).toMatchObject(E.left({ kind: "content-hash", streamName: "inspection-i1", revision: 1n }));
  });

  it("catches data its codec refuses, even re-hashed, naming the path", async () => {
    const events = await inspectedHistory();
    const index = at(events, "inspection-i2", 0n);
    const target = events[index] as RecordedEvent;
    const forged = [...events];
    forged[index] = rehash({ ...target, data: { ...target.data, visitedOn: "sometime" } });
    expect(await verify(forged)).toMatchObject(E.left({ kind: "undecodable", streamName: "inspection-i2", found: expect.stringContaining("event.data.visitedOn") }));
  });

  it("catches an event removed from a stream, and two events swapped, renumbered and re-hashed", async () => {
    const events = await inspectedHistory();
    expect(await verify(events.filter((e) => !(e.streamName === "inspection-i1" && e.revision === 0n)))).toMatchObject(E.left({ kind: "revision-gap", streamName: "inspection-i1", expected: "0", found: "1" }));
    const [i, j] = [at(events, "inspection-i1", 0n), at(events, "inspection-i1", 1n)];
    const [first, second] = [events[i] as RecordedEvent, events[j] as RecordedEvent];
    const forged = [...events];
    forged[i] = rehash({ ...second, revision: 0n, position: first.position });
    forged[j] = rehash({ ...first, revision: 1n, position: second.position });
    expect(await verify(forged)).toMatchObject(E.left({ kind: "chain-link", streamName: "inspection-i1", revision: 0n }));
  });

  it("catches a sealed inspection stream removed whole, through the seal", async () => {
    const events = await inspectedHistory();
    expect(await verify(events.filter((e) => e.streamName !== "inspection-i2"))).toMatchObject(E.left({ kind: "seal-root", streamName: SEAL_STREAM }));
  });

  it("is refused by the handler too: a stream whose chain was broken is not appended to", async () => {
    const store = await grantsIn();
    const handler = handlerOver(store);
    await must(handler.execute({ type: "RecordInspection", data: visit("i1") }, context()));
    // A forged second event linking to nothing: the next command's load stops at it.
    const forged = { id: "4b8c2f0e-9d1a-4c3b-8e2f-1a2b3c4d5e6f", type: "DeviationsClosed", data: { inspectionId: "i1", closedOn: "2009-12-01", notes: "" }, metadata: { commandId: "x", correlationId: "x", causationId: "x", actor: "x", schemaVersion: 1, prevHash: "0".repeat(64), hash: "0".repeat(64) } };
    await must(store.appendToStream("inspection-i1", [forged]));
    expect(await handler.execute({ type: "CloseDeviations", data: { inspectionId: "i1", closedOn: "2009-12-01", notes: "" } }, context())()).toMatchObject(E.left({ _tag: "BrokenHashChain", streamName: "inspection-i1", revision: 1n }));
    // And a grant event in an inspection stream does not belong there.
    await must(store.appendToStream("inspection-i9", [{ ...forged, id: "5b8c2f0e-9d1a-4c3b-8e2f-1a2b3c4d5e6f", type: "GrantRejected", metadata: { ...forged.metadata, prevHash: null } }]));
    expect(await handler.read("i9")()).toEqual(E.left({ _tag: "UnexpectedEventInStream", streamName: "inspection-i9", revision: 0n, type: "GrantRejected" }));
  });
});
