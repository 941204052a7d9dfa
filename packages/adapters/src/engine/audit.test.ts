import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  computeEventHash,
  createGrantLedger,
  hashLeaf,
  rootOfLeafHashes,
  readAllPages,
  sealHistory,
  SEAL_STREAM,
  verifyHistory,
  type RecordedEvent,
} from "@grantledger/core";
import { createMemoryEventStore } from "../memory/memoryEventStore.js";
import { award, context, crisisRound, evaluatedGrant, must } from "./ledgerFixtures.testkit.js";

/** A small real history: a round, three grants (two awarded, one disbursed), sealed at the end. */
const sealedHistory = async () => {
  const store = createMemoryEventStore();
  const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
  await must(ledger.openRound(crisisRound("r"), context()));
  for (const id of ["a", "b", "c"]) await evaluatedGrant(ledger, id, "r");
  await must(ledger.awardGrant(award("a", 50_000_00), context()));
  await must(ledger.awardGrant(award("b", 70_000_00), context()));
  await must(ledger.disburseGrant({ grantId: "a", amount: 20_000_00, paymentRef: "P1", disbursedAt: "2009-07-02T09:00:00Z" }, context()));
  const seal = await sealHistory(store, { commandId: "seal-1", actor: "revisor" }, "2009-12-31T23:00:00Z");
  if (E.isLeft(seal)) throw new Error(seal.left._tag);
  const events: RecordedEvent[] = [];
  for await (const event of readAllPages(store, { pageSize: 4 })) events.push(event);
  return { events, seal: seal.right };
};

const verify = (events: readonly RecordedEvent[]) => verifyHistory(events);
const merkleRoot = (leaves: readonly Uint8Array[]): string => rootOfLeafHashes(leaves.map(hashLeaf)).toString("hex");

/** Re-hashes an event after a change, as a forger who knows the scheme would. */
const rehash = (event: RecordedEvent): RecordedEvent => ({ ...event, metadata: { ...event.metadata, hash: computeEventHash(event) } });

describe("tamper evidence", () => {
  it("verifies a clean history, seals included", async () => {
    const { events, seal } = await sealedHistory();
    const result = await verify(events);
    expect(result).toMatchObject(E.right({ events: events.length, streams: 5, seals: 1, unsealed: 1, lastPosition: events[events.length - 1]?.position }));
    expect(seal.treeSize).toBe(events.length - 1);
  });

  it("catches a changed amount at its event", async () => {
    const { events } = await sealedHistory();
    const index = events.findIndex((e) => e.type === "GrantAwarded" && e.streamName === "grant-a");
    const target = events[index] as RecordedEvent;
    const forged = [...events];
    forged[index] = { ...target, data: { ...target.data, amount: 99_000_00 } };
    const result = await verify(forged);
    expect(result).toMatchObject(E.left({ kind: "content-hash", streamName: "grant-a", revision: target.revision }));
  });

  it("catches a changed actor in the metadata", async () => {
    const { events } = await sealedHistory();
    const index = events.findIndex((e) => e.streamName === "grant-b" && e.revision === 1n);
    const target = events[index] as RecordedEvent;
    const forged = [...events];
    forged[index] = { ...target, metadata: { ...target.metadata, actor: "someone-else" } };
    expect(await verify(forged)).toMatchObject(E.left({ kind: "content-hash", streamName: "grant-b", revision: 1n }));
  });

  it("catches an event removed from the middle of a stream", async () => {
    const { events } = await sealedHistory();
    const forged = events.filter((e) => !(e.streamName === "grant-a" && e.revision === 1n));
    expect(await verify(forged)).toMatchObject(E.left({ kind: "revision-gap", streamName: "grant-a", expected: "1", found: "2" }));
  });

  it("catches two events swapped, even with revisions renumbered and re-hashed", async () => {
    const { events } = await sealedHistory();
    const i = events.findIndex((e) => e.streamName === "grant-c" && e.revision === 0n);
    const j = events.findIndex((e) => e.streamName === "grant-c" && e.revision === 1n);
    const [first, second] = [events[i] as RecordedEvent, events[j] as RecordedEvent];
    const forged = [...events];
    forged[i] = rehash({ ...second, revision: 0n, position: first.position });
    forged[j] = rehash({ ...first, revision: 1n, position: second.position });
    expect(await verify(forged)).toMatchObject(E.left({ kind: "chain-link", streamName: "grant-c", revision: 0n }));
  });

  it("catches a stream's last event removed, through the seal", async () => {
    const { events } = await sealedHistory();
    const last = events.filter((e) => e.streamName === "grant-a").pop() as RecordedEvent;
    const forged = events.filter((e) => e !== last);
    expect(await verify(forged)).toMatchObject(E.left({ kind: "seal-root", streamName: SEAL_STREAM, revision: 0n }));
  });

  it("catches a whole stream removed, through the seal", async () => {
    const { events } = await sealedHistory();
    expect(await verify(events.filter((e) => e.streamName !== "grant-c"))).toMatchObject(E.left({ kind: "seal-root" }));
  });

  it("checks a root kept outside the store, which survives deleting the seal stream", async () => {
    const { events, seal } = await sealedHistory();
    const withoutSeals = events.filter((e) => e.streamName !== SEAL_STREAM && e.streamName !== "grant-c");
    const result = await verifyHistory(withoutSeals, { expectedRoots: [{ position: seal.position, root: seal.root }] });
    expect(result).toMatchObject(E.left({ kind: "expected-root" }));
    const intact = events.filter((e) => e.streamName !== SEAL_STREAM);
    expect(E.isRight(await verifyHistory(intact, { expectedRoots: [{ position: seal.position, root: seal.root }] }))).toBe(true);
  });

  it("computes RFC 6962 Merkle roots", () => {
    const leaf = (s: string) => Buffer.from(s, "utf8");
    // Empty tree: SHA-256 of no bytes.
    expect(merkleRoot([])).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // One leaf: SHA-256(0x00 ‖ "a").
    expect(merkleRoot([leaf("a")])).toBe("022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c");
    // Three leaves split at 2: node(node(a, b), c), as computed independently with Python's hashlib.
    expect(merkleRoot([leaf("a"), leaf("b"), leaf("c")])).toBe("36642e73c2540ab121e3a6bf9545b0a24982cd830eb13d3cd19de3ce6c021ec1");
    // Order matters.
    expect(merkleRoot([leaf("a"), leaf("b")])).not.toBe(merkleRoot([leaf("b"), leaf("a")]));
  });
});
