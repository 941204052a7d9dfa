import { afterAll, beforeAll, describe } from "vitest";
import type { EventStore } from "@grantledger/core";
import type { ReadModelStore } from "@grantledger/projections";
import { projectionRunnerCases } from "./projectionRunnerCases.js";
import { readModelStoreCases } from "./readModelStoreCases.js";
import { runnerPoisonCases } from "./runnerPoisonCases.js";

/** A read-model store for the contract suite to test, the event store its runners read, and how to dispose of them. */
export interface ReadModelStoreUnderTest {
  /** The event store the runners read, and the suite writes its ledger histories to. */
  readonly eventStore: EventStore;
  /**
   * A read-model store over the storage under test. Called again where a process would open a
   * new one (a restarted runner): each call must see what earlier ones saved.
   */
  readonly openReadModelStore: () => ReadModelStore;
  /** Runs after the suite has closed the event store: drop a schema, dispose a client, … */
  readonly teardown?: () => Promise<void>;
}

/**
 * Registers, with vitest, the tests every `ReadModelStore` must pass, with the projection runner
 * of `@grantledger/projections` running the real read models over it: a save and a load give back
 * version, checkpoint and state exactly; a failed save keeps what was saved before; a runner
 * catches up to exactly the pure fold, rebuilds a read model of another version, resumes from its
 * checkpoint after a stop without applying anything twice, and stops at a poison event with a
 * typed error. `factory` is called once, before the first test.
 *
 * Read-model names, rounds and grants are new in every test, and runners start after a position
 * the test has just written, so the stores may be shared and may hold data already; only the
 * rebuild test folds the event store from its first event, so that store must hold nothing the
 * read models cannot fold (events of the ledger's types that their codecs refuse).
 *
 * @example
 * describeReadModelStoreContract("memory", async () => {
 *   const readModels = createMemoryReadModelStore();
 *   return { eventStore: createMemoryEventStore(), openReadModelStore: () => readModels };
 * });
 */
export const describeReadModelStoreContract = (name: string, factory: () => Promise<ReadModelStoreUnderTest>): void => {
  describe(`ReadModelStore contract: ${name}`, () => {
    let underTest: ReadModelStoreUnderTest | undefined;
    const ready = (): ReadModelStoreUnderTest => {
      if (underTest === undefined) throw new Error("the stores are not ready: did the factory fail?");
      return underTest;
    };
    const getStore = (): EventStore => ready().eventStore;
    const openReadModels = (): ReadModelStore => ready().openReadModelStore();

    beforeAll(async () => {
      underTest = await factory();
    });

    afterAll(async () => {
      await underTest?.eventStore.close();
      await underTest?.teardown?.();
    });

    readModelStoreCases(openReadModels);
    projectionRunnerCases(getStore, openReadModels);
    runnerPoisonCases(getStore, openReadModels);
  });
};
