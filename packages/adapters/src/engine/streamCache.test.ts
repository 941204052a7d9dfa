import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createGrantLedger, type EventStore, type ReadStreamOptions } from "@grantledger/core";
import { createMemoryEventStore } from "../memory/memoryEventStore.js";
import { application, award, context, crisisRound, evaluatedGrant, evaluation, must } from "./ledgerFixtures.testkit.js";

const AWARD = 1_000_000_00;

/** A store that records the reads and appends passing through it. */
const watched = (inner: EventStore) => {
  const reads: { streamName: string; options: ReadStreamOptions | undefined }[] = [];
  const appends: string[] = [];
  const store: EventStore = {
    ...inner,
    readStream: (streamName, options) => {
      reads.push({ streamName, options });
      return inner.readStream(streamName, options);
    },
    appendToStream: (streamName, events, options) => {
      appends.push(streamName);
      return inner.appendToStream(streamName, events, options);
    },
  };
  return { store, reads, appends };
};

/** Whole reads of a stream: from the start, with no count (the cache reads from its revision on). */
const wholeReads = (reads: readonly { streamName: string; options: ReadStreamOptions | undefined }[], streamName: string): number =>
  reads.filter((r) => r.streamName === streamName && r.options?.fromRevision === undefined && r.options?.maxCount === undefined).length;

/** A store whose every call goes to `current.store`, which a test may swap for another. */
const swappable = (first: EventStore) => {
  const current = { store: first };
  const store: EventStore = {
    appendToStream: (...args) => current.store.appendToStream(...args),
    readStream: (...args) => current.store.readStream(...args),
    readAll: (...args) => current.store.readAll(...args),
    subscribeToAll: (...args) => current.store.subscribeToAll(...args),
    close: () => current.store.close(),
  };
  return { store, current };
};

describe("the ledger's cache of folded streams", () => {
  it("reads a stream whole once, then only from its cached revision on", async () => {
    const { store, reads } = watched(createMemoryEventStore());
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound("r"), context()));
    await evaluatedGrant(ledger, "g1", "r", AWARD);
    await must(ledger.awardGrant(award("g1", AWARD), context()));
    await must(ledger.disburseGrant({ grantId: "g1", amount: AWARD, paymentRef: "UTB-1", disbursedAt: "2009-07-02T09:00:00+02:00" }, context()));

    expect(wholeReads(reads, "round-r")).toBe(1);
    expect(wholeReads(reads, "grant-g1")).toBe(1);
    const tail = reads.filter((r) => r.options?.fromRevision !== undefined);
    expect(tail.length).toBeGreaterThan(0);
  });

  it("with `cache: false` reads every stream whole, every time", async () => {
    const { store, reads } = watched(createMemoryEventStore());
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store, cache: false });
    await must(ledger.openRound(crisisRound("r"), context()));
    await evaluatedGrant(ledger, "g1", "r", AWARD);
    await must(ledger.readGrant("g1"));
    expect(reads.some((r) => r.options?.fromRevision !== undefined)).toBe(false);
    expect(wholeReads(reads, "grant-g1")).toBe(3);
  });

  it("decides on what another process appended since: an award refused without trying to append", async () => {
    const shared = createMemoryEventStore();
    const { store, appends } = watched(shared);
    const ours = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    const theirs = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: shared });
    await must(ours.openRound(crisisRound("r", AWARD), context()));
    await evaluatedGrant(ours, "g1", "r", AWARD);
    await evaluatedGrant(ours, "g2", "r", AWARD);
    expect(await must(ours.readRound("r"))).toMatchObject({ committed: 0 }); // cached at no commitment

    await must(theirs.awardGrant(award("g1", AWARD), context()));
    const appendsBefore = appends.length;
    const refused = await ours.awardGrant(award("g2", AWARD), context())();

    expect(refused).toMatchObject(E.left({ _tag: "AwardExceedsRemainingBudget", remaining: 0 }));
    expect(appends.length).toBe(appendsBefore);
    expect(await must(ours.readRound("r"))).toMatchObject({ committed: AWARD });
  });

  it("sees a round closed by another process before accepting an application", async () => {
    const shared = createMemoryEventStore();
    const ours = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: shared });
    const theirs = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: shared });
    await must(ours.openRound(crisisRound("r"), context()));
    await must(ours.applyForGrant(application("g1", "r"), context()));
    await must(theirs.closeRound({ roundId: "r", closedAt: "2009-04-10T10:00:00+02:00" }, context()));

    const refused = await ours.applyForGrant(application("g2", "r"), context())();
    expect(refused).toMatchObject(E.left({ _tag: "RoundIsClosed", roundId: "r" }));
  });

  it("accepts after another process appended to the same stream, continuing its hash chain", async () => {
    const shared = createMemoryEventStore();
    const ours = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: shared });
    const theirs = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: shared });
    await must(ours.openRound(crisisRound("r"), context()));
    await must(ours.applyForGrant(application("g1", "r", AWARD), context()));
    await must(theirs.evaluateApplication(evaluation("g1"), context()));

    const awarded = await must(ours.awardGrant(award("g1", AWARD), context()));
    const grantAward = awarded.events.find((e) => e.event.type === "GrantAwarded");
    expect(grantAward?.revision).toBe(2n);
    const read = await shared.readStream("grant-g1")();
    if (E.isLeft(read)) throw new Error("grant stream missing");
    expect(grantAward?.metadata.prevHash).toBe(read.right[1]?.metadata["hash"]);
  });

  it("answers a retried command the same as a ledger without a cache", async () => {
    const shared = createMemoryEventStore();
    const cached = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: shared });
    const uncached = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: shared, cache: false });
    await must(cached.openRound(crisisRound("r"), context()));
    await evaluatedGrant(cached, "g1", "r", AWARD);
    const first = await must(cached.awardGrant(award("g1", AWARD), context("award-g1")));

    const retried = await must(cached.awardGrant(award("g1", AWARD), context("award-g1")));
    const reference = await must(uncached.awardGrant(award("g1", AWARD), context("award-g1")));
    expect(retried).toEqual(reference);
    expect(retried).toEqual({ ...first, alreadyHandled: true });
  });

  it("answers a retry of a command another process handled, from the events it appended", async () => {
    const shared = createMemoryEventStore();
    const ours = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: shared });
    const theirs = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: shared });
    await must(ours.openRound(crisisRound("r"), context()));
    await must(ours.applyForGrant(application("g1", "r"), context()));
    const handled = await must(theirs.evaluateApplication(evaluation("g1"), context("evaluate-g1")));

    const retried = await must(ours.evaluateApplication(evaluation("g1"), context("evaluate-g1")));
    expect(retried).toEqual({ ...handled, alreadyHandled: true });
  });

  it("does not trust a stream changed behind it: a store with another history is read whole", async () => {
    const { store, current } = swappable(createMemoryEventStore());
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound("r"), context()));
    await evaluatedGrant(ledger, "g1", "r", AWARD);
    await must(ledger.awardGrant(award("g1", AWARD), context()));
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });

    // Another history of the same streams, as long or longer: the round never committed g1's
    // money, and g1 was only applied for.
    const other = createMemoryEventStore();
    const seeding = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: other });
    await must(seeding.openRound(crisisRound("r"), context()));
    await must(seeding.applyForGrant(application("g1", "r"), context()));
    await must(seeding.closeRound({ roundId: "r", closedAt: "2009-04-10T10:00:00+02:00" }, context()));
    current.store = other;

    expect(await must(ledger.readRound("r"))).toMatchObject({ status: "closed", committed: 0 });
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ status: "applied" });
  });

  it("does not trust a stream deleted behind it", async () => {
    const { store, current } = swappable(createMemoryEventStore());
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound("r"), context()));
    await must(ledger.applyForGrant(application("g1", "r"), context()));
    current.store = createMemoryEventStore();

    expect(await must(ledger.readGrant("g1"))).toEqual({ status: "none" });
    const refused = await ledger.evaluateApplication(evaluation("g1"), context())();
    expect(refused).toMatchObject(E.left({ _tag: "GrantNotFound", grantId: "g1" }));
  });

  it("still checks the hash chain of events appended by another writer", async () => {
    const shared = createMemoryEventStore();
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: shared });
    await must(ledger.openRound(crisisRound("r"), context()));
    await must(ledger.applyForGrant(application("g1", "r"), context()));
    const read = await shared.readStream("grant-g1")();
    if (E.isLeft(read)) throw new Error("grant stream missing");
    const [applied] = read.right;
    if (applied === undefined) throw new Error("no event");
    // A writer that does not link its event to the one before it.
    const stray = { ...evaluationEvent(), metadata: { ...applied.metadata, prevHash: "0".repeat(64), hash: "1".repeat(64) } };
    await shared.appendToStream("grant-g1", [stray], { expectedRevision: 0n })();

    const refused = await ledger.readGrant("g1")();
    expect(refused).toMatchObject(E.left({ _tag: "BrokenHashChain", streamName: "grant-g1", revision: 1n }));
  });

  it("keeps at most `maxStreams` streams, the least recently used evicted first", async () => {
    const { store, reads } = watched(createMemoryEventStore());
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store, cache: { maxStreams: 2 } });
    await must(ledger.openRound(crisisRound("r"), context()));
    await must(ledger.applyForGrant(application("g1", "r"), context()));
    await must(ledger.applyForGrant(application("g2", "r"), context())); // round-r, grant-g2 now; g1 evicted

    reads.length = 0;
    await must(ledger.readGrant("g2"));
    await must(ledger.readRound("r"));
    expect(wholeReads(reads, "grant-g2") + wholeReads(reads, "round-r")).toBe(0);
    await must(ledger.readGrant("g1"));
    expect(wholeReads(reads, "grant-g1")).toBe(1);
  });
});

const evaluationEvent = () => ({
  id: "0b8f2f5e-6d0c-4c55-9f1e-3d2a1b0c9e8f",
  type: "ApplicationEvaluated",
  data: evaluation("g1"),
});
