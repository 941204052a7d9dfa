import { describe, expect, it } from "vitest";
import { createProjectionRunner, municipalityTotals } from "@grantledger/projections";
import type { ProjectionError } from "@grantledger/projections";
import { currentPosition, fail, succeed } from "./contractFixtures.js";
import { recordLedgerHistory, uniqueRoundId } from "./ledgerContractHistory.js";
import { eventsBetween, foldBetween, named, refusing, startAfter } from "./readModelContractFixtures.js";
import type { GetEventStore } from "./projectionRunnerCases.js";
import type { GetReadModelStore } from "./readModelStoreCases.js";

const REASON = "the contract's read model refuses this award";

/**
 * Registers the test of a poison event over the store under test: an event `apply` refuses (as
 * it refuses an award of a grant never applied for). Only the test's own read model refuses it,
 * so the store's history stays one that every real read model can fold.
 */
export const runnerPoisonCases = (getStore: GetEventStore, openReadModels: GetReadModelStore): void => {
  describe("a poison event", () => {
    it.each([["catching up"], ["live"]] as const)(
      "stops the runner (%s) with a typed PoisonEvent; the stored checkpoint stays before it and a restart stops there again",
      async (mode) => {
        const store = getStore();
        const projection = named(municipalityTotals, "poison");
        const roundId = uniqueRoundId();
        // Grant g1 is awarded in full: its award is the poison.
        const poisoned = refusing(projection, ({ event }) => event.type === "GrantAwarded" && event.data.grantId === `${roundId}-g1`, REASON);
        const before = await currentPosition(store);
        await startAfter(openReadModels(), projection, before);
        const errors: ProjectionError[] = [];
        const runner = createProjectionRunner({ store, projection: poisoned, readModelStore: openReadModels(), batchSize: 3, onError: (error) => errors.push(error) });
        if (mode === "live") await succeed(runner.start());
        const history = await recordLedgerHistory(store, 4, roundId);
        const poison = (await eventsBetween(store, before, history.last)).find((event) => event.type === "GrantAwarded" && event.streamName === `grant-${roundId}-g1`);
        if (poison === undefined) throw new Error("the history has no award of grant g1");
        const outcome = mode === "live" ? await fail(runner.waitForPosition(history.last)) : await fail(runner.catchUp());
        const expected = { _tag: "PoisonEvent", projection: projection.name, streamName: poison.streamName, revision: poison.revision, position: poison.position, type: "GrantAwarded", reason: REASON };
        expect(outcome).toEqual(expected);
        expect([runner.status(), runner.failure(), errors]).toEqual(["failed", expected, [expected]]);
        const stored = await succeed(openReadModels().load(projection.name));
        const checkpoint = stored?.checkpoint ?? -1n;
        expect(runner.current()).toEqual({ state: stored?.state, checkpoint });
        expect(stored).toEqual({ version: projection.version, ...(await foldBetween(store, projection, before, checkpoint)) });
        // Nothing from the poison on was taken: the next event after the checkpoint is the poison.
        const [next] = await eventsBetween(store, checkpoint, poison.position);
        expect(next?.id).toBe(poison.id);
        const restarted = createProjectionRunner({ store, projection: poisoned, readModelStore: openReadModels(), batchSize: 3 });
        expect(await fail(restarted.start())).toEqual(expected);
        expect(restarted.current().checkpoint).toBe(checkpoint);
        await runner.stop();
      },
      60_000,
    );
  });
};
