import { describe, expect, it } from "vitest";
import type { EventStore } from "@grantledger/core";
import { benefitsRealisation, createProjectionRunner, grantRegister, municipalityTotals, projectAsOf, roundBudget } from "@grantledger/projections";
import type { Projection } from "@grantledger/projections";
import { currentPosition, fail, succeed } from "./contractFixtures.js";
import { recordLedgerHistory } from "./ledgerContractHistory.js";
import { eventsBetween, firstOfType, foldBetween, named, recording, startAfter, unsavableFrom } from "./readModelContractFixtures.js";
import type { GetReadModelStore } from "./readModelStoreCases.js";

/** How a contract test reaches the event store the runners read. */
export type GetEventStore = () => EventStore;

// Runners write many events and saves; a server over a network needs more than vitest's 5 s.
const SLOW = 60_000;

const READ_MODELS: readonly [string, Projection<unknown>][] = [
  ["municipality totals", municipalityTotals as Projection<unknown>],
  ["grant register", grantRegister as Projection<unknown>],
  ["round budgets", roundBudget as Projection<unknown>],
  ["benefits realisation", benefitsRealisation as Projection<unknown>],
];

/**
 * Registers the tests of the projection runner over the store under test, with the real read
 * models and ledger histories written through the command handler: catch-up, rebuild on a new
 * version, a save that fails, and stop and restart. The pure fold is the oracle throughout.
 */
export const projectionRunnerCases = (getStore: GetEventStore, openReadModels: GetReadModelStore): void => {
  describe("a projection runner on the store", () => {
    it.each(READ_MODELS)("catches up over a ledger history to exactly the pure fold: %s", async (_label, readModel) => {
      const store = getStore();
      const readModels = openReadModels();
      const projection = named(readModel, "catch-up");
      const before = await currentPosition(store);
      const history = await recordLedgerHistory(store, 8);
      await startAfter(readModels, projection, before);
      const caught = await succeed(createProjectionRunner({ store, projection, readModelStore: readModels, batchSize: 5 }).catchUp());
      expect(caught.checkpoint).toBeGreaterThanOrEqual(history.last);
      expect(caught).toEqual(await foldBetween(store, projection, before, caught.checkpoint));
      expect(await succeed(openReadModels().load(projection.name))).toEqual({ version: projection.version, ...caught });
    }, SLOW);

    it("rebuilds from the first event when the stored read model is of another version", async () => {
      const store = getStore();
      const readModels = openReadModels();
      const projection = named(municipalityTotals, "version");
      const history = await recordLedgerHistory(store, 3);
      await succeed(readModels.save(projection.name, { version: projection.version + 1, checkpoint: history.last, state: "another shape" }));
      const rebuilt = await succeed(createProjectionRunner({ store, projection, readModelStore: readModels }).catchUp());
      const folded = await succeed(projectAsOf(store, projection, { position: rebuilt.checkpoint ?? -1n }));
      expect(rebuilt).toEqual({ state: folded.state, checkpoint: folded.position });
      expect(await succeed(openReadModels().load(projection.name))).toEqual({ version: projection.version, ...rebuilt });
    }, SLOW);

    it("stopped by a save the store refuses, keeps the last state and checkpoint saved; a restart finishes the job", async () => {
      const store = getStore();
      const projection = named(municipalityTotals, "failed-save");
      const before = await currentPosition(store);
      await recordLedgerHistory(store, 6);
      const broken = firstOfType(await eventsBetween(store, before), "GrantAwarded", 1);
      await startAfter(openReadModels(), projection, before);
      const failing = createProjectionRunner({ store, projection: unsavableFrom(projection, broken.id), readModelStore: openReadModels(), batchSize: 3 });
      expect(await fail(failing.catchUp())).toMatchObject({ _tag: "ReadModelStoreFailed", name: projection.name, operation: "save" });
      expect(failing.status()).toBe("failed");
      const stored = await succeed(openReadModels().load(projection.name));
      const checkpoint = stored?.checkpoint ?? -1n;
      expect(checkpoint).toBeGreaterThan(before);
      expect(checkpoint).toBeLessThan(broken.position);
      expect(stored).toEqual({ version: projection.version, ...(await foldBetween(store, projection, before, checkpoint)) });
      expect(failing.current()).toEqual({ state: stored?.state, checkpoint });
      const restarted = await succeed(createProjectionRunner({ store, projection, readModelStore: openReadModels(), batchSize: 3 }).catchUp());
      expect(restarted).toEqual(await foldBetween(store, projection, before, restarted.checkpoint));
    }, SLOW);

    it("stopped while live and started again, resumes from its checkpoint and applies every event exactly once", async () => {
      const store = getStore();
      const projection = named(municipalityTotals, "restart");
      const before = await currentPosition(store);
      await startAfter(openReadModels(), projection, before);
      const first = recording(projection);
      const live = createProjectionRunner({ store, projection: first.projection, readModelStore: openReadModels(), batchSize: 4 });
      await succeed(live.start());
      await succeed(live.waitForPosition((await recordLedgerHistory(store, 4)).last));
      await live.stop();
      const stoppedAt = live.current();
      await recordLedgerHistory(store, 4);
      const second = recording(projection);
      const restarted = await succeed(createProjectionRunner({ store, projection: second.projection, readModelStore: openReadModels(), batchSize: 4 }).catchUp());
      const handled = new Set<string>(projection.handles);
      const expected = (await eventsBetween(store, before, restarted.checkpoint)).filter((event) => handled.has(event.type)).map((event) => event.id);
      expect([...first.applied, ...second.applied]).toEqual(expected);
      expect(first.applied.length).toBeGreaterThan(0);
      expect(second.applied.length).toBeGreaterThan(0);
      expect(stoppedAt.checkpoint).toBeLessThan(restarted.checkpoint ?? -1n);
      expect(restarted).toEqual(await foldBetween(store, projection, before, restarted.checkpoint));
    }, SLOW);
  });
};
