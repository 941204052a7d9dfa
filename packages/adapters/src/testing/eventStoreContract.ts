import { afterAll, beforeAll, describe } from "vitest";
import type { EventStore } from "@grantledger/core";
import { resolveCapabilities } from "./contractCapabilities.js";
import type { EventStoreContractOptions } from "./contractCapabilities.js";
import { eventIdContract } from "./eventIdContract.js";
import { expectedRevisionContract } from "./expectedRevisionContract.js";
import { globalOrderContract } from "./globalOrderContract.js";
import { idempotencyContract } from "./idempotencyContract.js";
import { readContract } from "./readContract.js";
import { recordedAtContract } from "./recordedAtContract.js";
import { subscriptionContract } from "./subscriptionContract.js";

/** A store for the contract suite to test, and how to dispose of what was set up for it. */
export interface EventStoreUnderTest {
  /** The store to test; the suite closes it after the last test. */
  readonly store: EventStore;
  /** Runs after the suite has closed the store: drop a database, stop a container, … */
  readonly teardown?: () => Promise<void>;
}

/**
 * Registers, with vitest, the tests every {@link EventStore} adapter must pass, so that each runs
 * the very same suite with EventStoreDB's semantics as the reference. `factory` is called once,
 * before the first test; the suite closes the store after the last one, then calls `teardown`.
 *
 * Every test writes to streams of its own (random names) and reads the global order only after
 * a position it has just written, so the store may be shared and may already hold events.
 *
 * `options.capabilities` declares the guarantees a store lacks (see `EventStoreCapabilities`);
 * the tests of those cases then expect EventStoreDB's documented behaviour instead.
 *
 * @example
 * describeEventStoreContract("memory", async () => ({ store: createMemoryEventStore() }));
 * describeEventStoreContract("eventstoredb", factory, {
 *   capabilities: { uniqueEventIdsAcrossStreams: false, uniqueEventIdsWithinStream: false },
 * });
 */
export const describeEventStoreContract = (
  name: string,
  factory: () => Promise<EventStoreUnderTest>,
  options: EventStoreContractOptions = {},
): void => {
  const capabilities = resolveCapabilities(options.capabilities);
  describe(`EventStore contract: ${name}`, () => {
    let underTest: EventStoreUnderTest | undefined;
    const getStore = (): EventStore => {
      if (underTest === undefined) throw new Error("the store is not ready: did the factory fail?");
      return underTest.store;
    };

    beforeAll(async () => {
      underTest = await factory();
    });

    afterAll(async () => {
      await underTest?.store.close();
      await underTest?.teardown?.();
    });

    expectedRevisionContract(getStore);
    idempotencyContract(getStore);
    eventIdContract(getStore, capabilities);
    readContract(getStore);
    globalOrderContract(getStore);
    subscriptionContract(getStore);
    recordedAtContract(getStore, capabilities);
  });
};
