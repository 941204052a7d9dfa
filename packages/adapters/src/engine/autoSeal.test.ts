import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { generateKeyPairSync } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import { createGrantLedger, readAllPages, SEAL_STREAM, startAutoSealer, verifyHistory, type RecordedEvent, type Seal } from "@grantledger/core";
import { startGrantEngine, type GrantEngine } from "@grantledger/projections";
import { createMemoryEventStore } from "../memory/memoryEventStore.js";
import { context, crisisRound, evaluatedGrant, must } from "./ledgerFixtures.testkit.js";

const events = async (store: ReturnType<typeof createMemoryEventStore>): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const event of readAllPages(store)) all.push(event);
  return all;
};

describe("sealing on its own", () => {
  let engine: GrantEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
  });

  it("the engine seals every N events, signed, and the seals verify with the key", async () => {
    const store = createMemoryEventStore();
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const seals: Seal[] = [];
    const started = await startGrantEngine({ store, historical: HISTORICAL_FIXTURES, autoSeal: { everyEvents: 4, actor: "forsegler@difi", signingKey: privateKey, pollMs: 10, onSeal: (seal) => seals.push(seal) } })();
    if (E.isLeft(started)) throw new Error(started.left._tag);
    engine = started.right;
    await must(engine.ledger.openRound(crisisRound("r"), context()));
    for (const id of ["a", "b"]) await evaluatedGrant(engine.ledger, id, "r");
    // Five events: the sealer looks every 10 ms and seals when four or more are unsealed.
    await expect.poll(() => seals.length, { timeout: 5_000, interval: 20 }).toBe(1);
    for (const id of ["c", "d"]) await evaluatedGrant(engine.ledger, id, "r");
    await expect.poll(() => seals.length, { timeout: 5_000, interval: 20 }).toBe(2);
    await engine.stop();
    engine = undefined;
    const history = await events(store);
    const result = await verifyHistory(history, { trustedKeys: [publicKey] });
    expect(E.isRight(result)).toBe(true);
    if (E.isRight(result)) {
      expect(result.right.verifiedSeals.every((seal) => seal.version === 2 && seal.signedBy?.trusted === true && seal.actor === "forsegler@difi")).toBe(true);
      expect(result.right.unsealed).toBeLessThan(4 + 1);
    }
  });

  it("does not seal when nothing but seals was recorded since, nor below the threshold", async () => {
    const store = createMemoryEventStore();
    const sealer = startAutoSealer(store, { everyEvents: 3, actor: "forsegler@difi", pollMs: 60_000 });
    try {
      expect(await sealer.sealIfDue()).toBeUndefined();
      const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
      await must(ledger.openRound(crisisRound("r"), context()));
      expect(await sealer.sealIfDue()).toBeUndefined();
      await evaluatedGrant(ledger, "a", "r");
      const first = await sealer.sealIfDue();
      expect(first).toMatchObject({ version: 2, treeSize: 3 });
      // The seal itself is new, but it is a seal: nothing to seal again.
      expect(await sealer.sealIfDue()).toBeUndefined();
      expect((await events(store)).filter((event) => event.streamName === SEAL_STREAM)).toHaveLength(1);
    } finally {
      await sealer.stop();
    }
  });

  it("seals after T seconds when anything was recorded since the last seal", async () => {
    const store = createMemoryEventStore();
    const sealer = startAutoSealer(store, { everySeconds: 0.05, actor: "forsegler@difi", pollMs: 60_000 });
    try {
      const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
      await must(ledger.openRound(crisisRound("r"), context()));
      expect(await sealer.sealIfDue()).toMatchObject({ treeSize: 1 });
      await must(ledger.closeRound({ roundId: "r", closedAt: "2009-12-31T12:00:00+01:00" }, context()));
      expect(await sealer.sealIfDue()).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await sealer.sealIfDue()).toMatchObject({ treeSize: 3 });
    } finally {
      await sealer.stop();
    }
  });

  it("is off unless asked for, and needs a threshold", () => {
    expect(() => startAutoSealer(createMemoryEventStore(), { actor: "x" })).toThrow(RangeError);
  });
});
