import { generateKeyPairSync } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildConsistencyProof,
  buildInclusionProof,
  checkConsistencyProof,
  checkInclusionProof,
  keyIdOf,
  rootOfLeafHashes,
  sealHistory,
  SEAL_STREAM,
  verifyHistory,
  type HistoryBreak,
  type ProofSeal,
  type RecordedEvent,
  type SealRecordedV2,
  type VerifiedHistory,
} from "@grantledger/core";
import { createMemoryEventStore } from "../memory/memoryEventStore.js";
import {
  buildSealedHistory,
  copyInto,
  dataChangesOf,
  forgeAll,
  historySpecArbitrary,
  laterTime,
  leafHashesOf,
  moveLaterOrder,
  readEverything,
  rechain,
  reorder,
  sealContext,
  sealEventsOf,
  swapOrder,
  type SealedHistory,
} from "./sealedLog.testkit.js";

/*
 * Properties of the version-2 log (every event a leaf of one RFC 9162 tree, in global order),
 * over random histories written through the real command handler on a memory store whose
 * clock steps a minute per append: what a seal fixes, what it leaves open after it, and that
 * the proofs a seal supports hold and fail where they should.
 */

const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected Right, got ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`);
  return result.right;
};
const left = <L>(result: E.Either<L, unknown>): L => {
  if (E.isRight(result)) throw new Error("expected Left, got Right");
  return result.left;
};

// ---- a. Tamper evidence ----------------------------------------------------------------------

const TAMPERINGS = ["data", "recordedAt", "swap", "moveLater", "remove", "removeStream"] as const;
type Tampering = (typeof TAMPERINGS)[number];

/** Which event (or pair, or stream) a tampering picks among its candidates, and a second choice (which field, how far). */
interface Choice {
  readonly target: number;
  readonly extra: number;
}
const choicesArbitrary = fc.record(Object.fromEntries(TAMPERINGS.map((kind) => [kind, fc.record({ target: fc.nat(), extra: fc.nat() })])) as Record<Tampering, fc.Arbitrary<Choice>>);

/** Which events a tampering may touch: those the last seal covers, or those after the last seal event. */
type Region = "sealed" | "unsealed";

const pick = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(1, items.length)];

/**
 * The history as a forger leaves it after one tampering of `kind` in `region`, re-chained (so
 * every stream's hash chain holds), or `undefined` when the region offers nothing to tamper
 * with (say, no two adjacent events of different streams after the last seal).
 */
const tamper = (events: readonly RecordedEvent[], sealedSize: number, kind: Tampering, region: Region, choice: Choice): RecordedEvent[] | undefined => {
  const n = events.length;
  const inRegion = (i: number) => (region === "sealed" ? i < sealedSize : i > sealedSize);
  const indices = events.map((_, i) => i).filter(inRegion);
  switch (kind) {
    case "data": {
      const i = pick(indices.filter((k) => dataChangesOf(events[k] as RecordedEvent).length > 0), choice.target);
      if (i === undefined) return undefined;
      const target = events[i] as RecordedEvent;
      const forged = [...events];
      forged[i] = { ...target, data: pick(dataChangesOf(target), choice.extra) as RecordedEvent["data"] };
      return rechain(forged);
    }
    case "recordedAt": {
      const i = pick(indices, choice.target);
      if (i === undefined) return undefined;
      const forged = [...events];
      forged[i] = { ...(events[i] as RecordedEvent), recordedAt: laterTime((events[i] as RecordedEvent).recordedAt) };
      return forged;
    }
    case "swap": {
      // Adjacent, of different streams: no chain sees it; positions are renumbered to keep rising.
      // Before the last seal the pair may end at the seal event itself; after it, both are unsealed.
      const i = pick(indices.filter((k) => k + 1 < n && events[k]?.streamName !== events[k + 1]?.streamName), choice.target);
      return i === undefined ? undefined : reorder(events, swapOrder(n, i));
    }
    case "moveLater": {
      const i = pick(indices.filter((k) => k < n - 1), choice.target);
      if (i === undefined) return undefined;
      const to = i + 1 + (choice.extra % (n - 1 - i));
      return rechain(reorder(events, moveLaterOrder(n, i, to)));
    }
    case "remove": {
      const i = pick(indices, choice.target);
      return i === undefined ? undefined : rechain(events.filter((_, k) => k !== i));
    }
    case "removeStream": {
      // A stream with an event the last seal covers; after it, a stream all of whose events are unsealed.
      const names = [...new Set(events.map((e) => e.streamName))].filter((name) => name !== SEAL_STREAM);
      const touched = names.filter((name) => {
        const at = events.flatMap((e, k) => (e.streamName === name ? [k] : []));
        return region === "sealed" ? at.some((k) => k < sealedSize) : at.every((k) => k > sealedSize);
      });
      const name = pick(touched, choice.target);
      return name === undefined ? undefined : events.filter((e) => e.streamName !== name);
    }
  }
};

/** The first leaf index where the forged log differs from the real one. */
const firstChangedLeaf = (real: readonly RecordedEvent[], forged: readonly RecordedEvent[]): number => {
  const a = leafHashesOf(real);
  const b = leafHashesOf(forged);
  let d = 0;
  while (d < a.length && d < b.length && (a[d] as Buffer).equals(b[d] as Buffer)) d++;
  return d;
};

const describeCase = (kind: Tampering, region: Region) => `${kind} (${region})`;

describe("a. a seal fixes every event it covers; after the last seal only the hash chain holds", () => {
  const SPEC = historySpecArbitrary();

  it("verifies intact; any one re-chained forgery of what the last seal covers breaks at a seal; after it, none does", async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(SPEC, choicesArbitrary, async (spec, choices) => {
        const { events, seals } = await buildSealedHistory(spec);
        const last = seals[seals.length - 1];
        if (last === undefined) throw new Error("no seal");
        const sealedSize = last.treeSize;

        // Each seal covers exactly the events before it, and reads those since the previous one
        // (the previous seal event included): the whole history the first time.
        const sealEvents = sealEventsOf(events);
        expect(sealEvents.map((s) => s.index)).toEqual(seals.map((s) => s.treeSize));
        expect(seals.map((s) => s.eventsRead)).toEqual(seals.map((s, j) => s.treeSize - (seals[j - 1]?.treeSize ?? 0)));
        expect(events[sealedSize]?.streamName).toBe(SEAL_STREAM);

        const intact: VerifiedHistory = right(await verifyHistory(events));
        expect(intact).toMatchObject({ events: events.length, seals: seals.length, unsealed: events.length - sealedSize });
        expect(intact.verifiedSeals.map((s) => [s.version, s.treeSize, s.root])).toEqual(seals.map((s) => [2, s.treeSize, s.root]));

        for (const kind of TAMPERINGS) {
          const sealed = tamper(events, sealedSize, kind, "sealed", choices[kind]);
          // Every history has something the last seal covers: the round's opening at least.
          if (sealed === undefined) throw new Error(`nothing to ${kind} before the last seal`);
          const broken: HistoryBreak = left(await verifyHistory(sealed));
          expect([describeCase(kind, "sealed"), broken.streamName, broken.kind]).toEqual([describeCase(kind, "sealed"), SEAL_STREAM, expect.stringMatching(/^seal-(root|order)$/)]);
          // No later than the first seal that covers the first changed leaf.
          const d = firstChangedLeaf(events, sealed);
          const catcher = sealEventsOf(sealed).find((s) => s.data.treeSize > d);
          expect(catcher).toBeDefined();
          expect(broken.position).toBeLessThanOrEqual((catcher as { event: RecordedEvent }).event.position);
          seen.set(`${kind} sealed ${broken.kind}`, (seen.get(`${kind} sealed ${broken.kind}`) ?? 0) + 1);

          const unsealed = tamper(events, sealedSize, kind, "unsealed", choices[kind]);
          if (unsealed === undefined) continue;
          const passed = right(await verifyHistory(unsealed));
          expect([describeCase(kind, "unsealed"), passed.seals, passed.unsealed]).toEqual([describeCase(kind, "unsealed"), seals.length, unsealed.length - sealedSize]);
          seen.set(`${kind} unsealed`, (seen.get(`${kind} unsealed`) ?? 0) + 1);
        }
      }),
      { numRuns: 200 },
    );
    // Every tampering was tried on both sides of the last seal, and both seal kinds of break occurred.
    for (const kind of TAMPERINGS) expect(seen.get(`${kind} unsealed`) ?? 0, kind).toBeGreaterThan(0);
    expect([...seen.keys()].some((key) => key.endsWith("seal-root"))).toBe(true);
  }, 120_000); // 200 histories of up to hundreds of events: some 10 s alone, far longer on a loaded machine

  it("catches what is not re-chained by the hash chain alone, wherever it is: a changed field at its event, a removed or moved event in the middle of a stream", async () => {
    await fc.assert(
      fc.asyncProperty(SPEC, fc.nat(), fc.nat(), async (spec, target, extra) => {
        const { events } = await buildSealedHistory(spec);
        // A changed field, not re-hashed: content-hash at that very event, sealed or not.
        const changeable = events.flatMap((e, i) => (dataChangesOf(e).length > 0 ? [i] : []));
        const i = pick(changeable, target) as number;
        const forged = [...events];
        forged[i] = { ...(events[i] as RecordedEvent), data: pick(dataChangesOf(events[i] as RecordedEvent), extra) as RecordedEvent["data"] };
        expect(left(await verifyHistory(forged))).toMatchObject({ kind: "content-hash", position: events[i]?.position });
        // An event removed from the middle of its stream, positions kept, or moved past the next
        // event of its stream (positions renumbered), not re-chained: a revision gap at that next
        // event, unless a seal read before it covers the change and breaks first.
        const middle = events.flatMap((e, k) => (events.slice(k + 1).some((o) => o.streamName === e.streamName) ? [k] : []));
        const m = pick(middle, target);
        if (m === undefined) return;
        const next = events.findIndex((o, k) => k > m && o.streamName === events[m]?.streamName);
        for (const forgedOrder of [events.filter((_, k) => k !== m), reorder(events, moveLaterOrder(events.length, m, next))]) {
          const broken = left(await verifyHistory(forgedOrder));
          expect(broken.kind).toMatch(/^(revision-gap|seal-root)$/);
          expect(broken.streamName).toBe(broken.kind === "revision-gap" ? events[m]?.streamName : SEAL_STREAM);
          expect(broken.position).toBeLessThanOrEqual((events[next] as RecordedEvent).position);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("does not see the seal stream removed (every seal gone), nor a full rewrite with every seal remade; kept roots do", async () => {
    await fc.assert(
      fc.asyncProperty(SPEC, fc.nat(), async (spec, target) => {
        const { events, seals } = await buildSealedHistory(spec);
        const kept = seals.map((s) => ({ position: s.position, root: s.root }));
        const noSeals = events.filter((e) => e.streamName !== SEAL_STREAM);
        expect(right(await verifyHistory(noSeals))).toMatchObject({ seals: 0, unsealed: noSeals.length });
        // The first seal's kept root still verifies (no seal event is under it); every later one
        // covers the seal events before it, so a kept root sees the seal stream gone.
        expect(right(await verifyHistory(noSeals, { expectedRoots: kept.slice(0, 1) }))).toMatchObject({ keptRoots: 1 });
        if (seals.length > 1) expect(left(await verifyHistory(noSeals, { expectedRoots: kept }))).toMatchObject({ kind: "expected-root", position: kept[1]?.position });

        // Change a recorded time before the first seal, then remake every seal over the forged log.
        const first = seals[0]?.treeSize ?? 0;
        const i = target % Math.max(1, first);
        const changed = [...events];
        changed[i] = { ...(events[i] as RecordedEvent), recordedAt: laterTime((events[i] as RecordedEvent).recordedAt) };
        const rewritten = forgeAll(changed);
        expect(right(await verifyHistory(rewritten))).toMatchObject({ seals: seals.length });
        if (first > 0) expect(left(await verifyHistory(rewritten, { expectedRoots: kept }))).toMatchObject({ kind: "expected-root" });
      }),
      { numRuns: 40 },
    );
  });
});

// ---- b. Inclusion proofs ---------------------------------------------------------------------

const proofSealOf = (data: SealRecordedV2["data"]): ProofSeal => ({
  treeSize: data.treeSize,
  root: data.root,
  position: data.position,
  sealedAt: data.sealedAt,
  ...(data.signature === undefined ? {} : { signature: data.signature }),
});

const provedEvent = (event: RecordedEvent) => ({
  streamName: event.streamName,
  revision: Number(event.revision),
  id: event.id,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
});
const leafOf = (event: RecordedEvent, index: number) => ({ index, recordedAt: event.recordedAt, eventHash: String(event.metadata["hash"]) });

describe("b. inclusion proofs", () => {
  it("every event a seal covers has a proof against that seal's root, and no other event, root or index does", async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(historySpecArbitrary(), fc.nat(), async (spec, other) => {
        const { events } = await buildSealedHistory(spec);
        const leafHashes = leafHashesOf(events);
        const allRoot = rootOfLeafHashes(leafHashes).toString("hex");
        for (const { data } of sealEventsOf(events)) {
          const seal = proofSealOf(data);
          const trust = { roots: [{ root: seal.root, position: BigInt(seal.position) }] };
          for (let i = 0; i < seal.treeSize; i++) {
            const event = events[i] as RecordedEvent;
            const proof = buildInclusionProof(leafHashes, seal, leafOf(event, i), provedEvent(event));
            expect(right(checkInclusionProof(proof, trust)).kind).toBe("inclusion");
            checked++;

            // Another event (and its leaf) on this event's path.
            const j = (i + 1 + (other % (events.length - 1))) % events.length;
            const otherEvent = events[j] as RecordedEvent;
            expect(E.isLeft(checkInclusionProof({ ...proof, leaf: leafOf(otherEvent, j), event: provedEvent(otherEvent) }, trust))).toBe(true);
            // Another event under this event's leaf.
            expect(E.isLeft(checkInclusionProof({ ...proof, event: provedEvent(otherEvent) }, trust))).toBe(true);
            // This leaf at another index (inside the tree or past it).
            const k = (i + 1 + (other % seal.treeSize)) % (seal.treeSize + 1);
            expect(E.isLeft(checkInclusionProof({ ...proof, leaf: { ...proof.leaf, index: k === i ? seal.treeSize : k } }, trust))).toBe(true);
            // Another recorded time in the leaf.
            expect(E.isLeft(checkInclusionProof({ ...proof, leaf: { ...proof.leaf, recordedAt: laterTime(event.recordedAt) } }, trust))).toBe(true);
            // Another root in the proof, trusted: the path does not lead there.
            if (allRoot !== seal.root) {
              expect(E.isLeft(checkInclusionProof({ ...proof, seal: { ...seal, root: allRoot } }, { roots: [{ root: allRoot, position: BigInt(seal.position) }] }))).toBe(true);
            }
            // The proof as built, but another root kept at that position.
            expect(E.isLeft(checkInclusionProof(proof, { roots: [{ root: allRoot === seal.root ? "0".repeat(64) : allRoot, position: BigInt(seal.position) }] }))).toBe(true);
            // Nothing trusted: nothing vouches for the seal.
            expect(E.isLeft(checkInclusionProof(proof, {}))).toBe(true);
          }
        }
      }),
      { numRuns: 40 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});

// ---- c. Consistency proofs -------------------------------------------------------------------

describe("c. consistency proofs", () => {
  it("between any two seals of one history, and not from a tampered history's seal or with an altered path", async () => {
    let pairs = 0;
    await fc.assert(
      fc.asyncProperty(historySpecArbitrary({ minSeals: 2, maxSeals: 4 }), fc.nat(), fc.nat(), async (spec, target, byte) => {
        const { events } = await buildSealedHistory(spec);
        const seals = sealEventsOf(events).map((s) => proofSealOf(s.data));
        const leafHashes = leafHashesOf(events);
        for (let a = 0; a < seals.length; a++) {
          for (let b = a + 1; b < seals.length; b++) {
            const from = seals[a] as ProofSeal;
            const to = seals[b] as ProofSeal;
            const trust = { roots: [from, to].map((s) => ({ root: s.root, position: BigInt(s.position) })) };
            const proof = buildConsistencyProof(leafHashes, from, to);
            expect(right(checkConsistencyProof(proof, trust)).kind).toBe("consistency");
            pairs++;
            // Backwards: the later seal is no prefix of the earlier.
            expect(E.isLeft(checkConsistencyProof({ ...proof, from: to, to: from }, trust))).toBe(true);
            // Only one of the two vouched for.
            expect(E.isLeft(checkConsistencyProof(proof, { roots: [trust.roots[1] as { root: string; position: bigint }] }))).toBe(true);

            // The earlier seal of a tampered history: one recorded time before it moved a second.
            const i = target % from.treeSize;
            const tampered = [...events];
            tampered[i] = { ...(events[i] as RecordedEvent), recordedAt: laterTime((events[i] as RecordedEvent).recordedAt) };
            const tamperedLeaves = leafHashesOf(tampered);
            const tamperedFrom = { ...from, root: rootOfLeafHashes(tamperedLeaves.slice(0, from.treeSize)).toString("hex") };
            const tamperedTrust = { roots: [tamperedFrom, to].map((s) => ({ root: s.root, position: BigInt(s.position) })) };
            // The real path with the tampered root, and the forger's own path over the tampered leaves.
            expect(E.isLeft(checkConsistencyProof({ ...proof, from: tamperedFrom }, tamperedTrust))).toBe(true);
            expect(E.isLeft(checkConsistencyProof(buildConsistencyProof(tamperedLeaves, tamperedFrom, to), tamperedTrust))).toBe(true);

            // The path altered: one bit of one node flipped, a node dropped, a node added.
            const flipped = [...proof.path];
            const at = byte % flipped.length;
            const node = Buffer.from(flipped[at] as string, "hex");
            node[byte % 32] = (node[byte % 32] as number) ^ 1;
            flipped[at] = node.toString("hex");
            expect(E.isLeft(checkConsistencyProof({ ...proof, path: flipped }, trust))).toBe(true);
            expect(E.isLeft(checkConsistencyProof({ ...proof, path: proof.path.slice(0, -1) }, trust))).toBe(true);
            expect(E.isLeft(checkConsistencyProof({ ...proof, path: [...proof.path, "0".repeat(64)] }, trust))).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
    expect(pairs).toBeGreaterThan(20);
  });
});

// ---- d. Signatures ---------------------------------------------------------------------------

describe("d. signed seals", () => {
  const sealer = generateKeyPairSync("ed25519");
  const stranger = generateKeyPairSync("ed25519");

  it("verify with the sealer's key, break (seal-signature) with another key, and break without keys when the signature is altered", async () => {
    await fc.assert(
      fc.asyncProperty(historySpecArbitrary({ maxGrants: 4 }), fc.nat(), async (spec, target) => {
        const { events, seals } = await buildSealedHistory(spec, { signingKey: sealer.privateKey });
        expect(seals.every((s) => s.signature?.keyId === keyIdOf(sealer.publicKey))).toBe(true);
        const trusted = right(await verifyHistory(events, { trustedKeys: [sealer.publicKey] }));
        expect(trusted.verifiedSeals.map((s) => s.signedBy)).toEqual(seals.map(() => ({ keyId: keyIdOf(sealer.publicKey), trusted: true })));
        // Without keys a carried signature is still checked, and vouches for nothing.
        expect(right(await verifyHistory(events)).verifiedSeals.every((s) => s.signedBy?.trusted === false)).toBe(true);
        const firstSeal = sealEventsOf(events)[0]?.event as RecordedEvent;
        expect(left(await verifyHistory(events, { trustedKeys: [stranger.publicKey] }))).toMatchObject({ kind: "seal-signature", streamName: SEAL_STREAM, position: firstSeal.position });

        // One seal's signature value altered (one bit), the seal re-hashed and re-chained.
        const sealEvents = sealEventsOf(events);
        const chosen = sealEvents[target % sealEvents.length] as (typeof sealEvents)[number];
        const signature = chosen.data.signature as NonNullable<typeof chosen.data.signature>;
        const value = Buffer.from(signature.value, "base64");
        value[target % 64] = (value[target % 64] as number) ^ 1;
        const forged = [...events];
        forged[chosen.index] = { ...chosen.event, data: { ...chosen.event.data, signature: { ...signature, value: value.toString("base64") } } };
        expect(left(await verifyHistory(rechain(forged)))).toMatchObject({ kind: "seal-signature", streamName: SEAL_STREAM, position: chosen.event.position });

        // A forger who remakes every seal signs with their own key: fine without keys, a break with the sealer's.
        const rewritten = forgeAll(events, stranger.privateKey);
        expect(E.isRight(await verifyHistory(rewritten))).toBe(true);
        expect(left(await verifyHistory(rewritten, { trustedKeys: [sealer.publicKey] }))).toMatchObject({ kind: "seal-signature" });
        // And an unsigned history where signatures are demanded.
        expect(left(await verifyHistory(forgeAll(events), { trustedKeys: [sealer.publicKey] }))).toMatchObject({ kind: "seal-signature", expected: "at least one seal signed by a trusted key" });

        // What a key does not fix: later seals removed from the tail of stream `seal` (its chain
        // holds), an event after the first seal then changes unseen; only the last seal's kept
        // root (or its signed head, kept outside) tells.
        if (sealEvents.length >= 2) {
          const [first, second] = sealEvents as [(typeof sealEvents)[number], (typeof sealEvents)[number]];
          const k = first.index + 1 + (target % (second.data.treeSize - first.index - 1));
          const changes = dataChangesOf(events[k] as RecordedEvent);
          const truncated = [...events];
          truncated[k] = { ...(events[k] as RecordedEvent), data: changes[target % changes.length] as RecordedEvent["data"] };
          const cut = rechain(truncated.filter((e, i) => e.streamName !== SEAL_STREAM || i <= first.index));
          expect(right(await verifyHistory(cut, { trustedKeys: [sealer.publicKey] }))).toMatchObject({ seals: 1 });
          const lastSeal = seals[seals.length - 1] as (typeof seals)[number];
          expect(left(await verifyHistory(cut, { trustedKeys: [sealer.publicKey], expectedRoots: [{ position: lastSeal.position, root: lastSeal.root }] }))).toMatchObject({ kind: "expected-root" });
        }

        // An inclusion proof vouched for by the key rather than a kept root.
        const proofSeal = proofSealOf(chosen.data);
        const proof = buildInclusionProof(leafHashesOf(events), proofSeal, leafOf(events[0] as RecordedEvent, 0), provedEvent(events[0] as RecordedEvent));
        expect(right(checkInclusionProof(proof, { keys: [sealer.publicKey] })).trust).toEqual([{ by: "key", keyId: keyIdOf(sealer.publicKey) }]);
        expect(E.isLeft(checkInclusionProof(proof, { keys: [stranger.publicKey] }))).toBe(true);
        expect(E.isLeft(checkInclusionProof({ ...proof, seal: { ...proofSeal, signature: { ...signature, value: value.toString("base64") } } }, { keys: [sealer.publicKey] }))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});

// ---- e. Another store ------------------------------------------------------------------------

describe("e. a sealed history moved to another store", () => {
  it("re-appended with its recorded times into a fresh memory store, reads back the same and verifies against the same kept roots", async () => {
    await fc.assert(
      fc.asyncProperty(historySpecArbitrary(), async (spec) => {
        const { events, seals }: SealedHistory = await buildSealedHistory(spec);
        const kept = seals.map((s) => ({ position: s.position, root: s.root }));
        const original = right(await verifyHistory(events, { expectedRoots: kept }));
        expect(original.keptRoots).toBe(seals.length);

        const copy = createMemoryEventStore();
        await copyInto(copy, events);
        const copied = await readEverything(copy);
        expect(copied).toEqual(events);
        expect(right(await verifyHistory(copied, { expectedRoots: kept }))).toMatchObject({ keptRoots: seals.length, log: original.log });

        // Sealing the copy extends the log where the last seal left it: it reads what followed
        // (the last seal event included) and records the root the verifier computed over everything.
        const last = seals[seals.length - 1] as (typeof seals)[number];
        const resealed = right(await sealHistory(copy, sealContext(99), "2010-01-01T00:00:00Z"));
        expect(resealed).toMatchObject({ treeSize: events.length, eventsRead: events.length - last.treeSize, root: original.log.root });
      }),
      { numRuns: 40 },
    );
  });

  // The memory store numbers positions 0, 1, 2 … from its first event and cannot be offset, so
  // a store whose positions differ is stood in for by the same events read with other positions
  // (as another store, say EventStoreDB with its commit positions, would number them).
  it("read with other global positions, verifies against roots kept at the sealing store's positions (settled by the seals that record them)", async () => {
    await fc.assert(
      fc.asyncProperty(historySpecArbitrary(), fc.bigInt({ min: 1n, max: 10_000n }), fc.integer({ min: 2, max: 5 }), async (spec, offset, stride) => {
        const { events, seals } = await buildSealedHistory(spec);
        const moved = events.map((e) => ({ ...e, position: offset + BigInt(stride) * e.position }));
        const kept = seals.map((s) => ({ position: s.position, root: s.root }));
        expect(right(await verifyHistory(moved, { expectedRoots: kept }))).toMatchObject({ keptRoots: seals.length, seals: seals.length });
        // A kept root that no seal records at its position still breaks.
        const wrong = { position: (seals[0] as (typeof seals)[number]).position, root: "0".repeat(64) };
        expect(left(await verifyHistory(moved, { expectedRoots: [...kept, wrong] }))).toMatchObject({ kind: "expected-root" });
      }),
      { numRuns: 40 },
    );
  });
});
