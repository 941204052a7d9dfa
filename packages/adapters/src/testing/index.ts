/**
 * What adapters and users test with: the contract suites every event store and read-model store
 * runs unchanged (they register vitest tests; vitest is an optional peer dependency), and a whole
 * engine over a memory store for a user's integration tests.
 *
 * @packageDocumentation
 */
export { describeEventStoreContract } from "./eventStoreContract.js";
export type { EventStoreUnderTest } from "./eventStoreContract.js";
export { createTestEngine } from "./testEngine.js";
export type { TestEngine, TestEngineOptions } from "./testEngine.js";
export type { EventStoreCapabilities, EventStoreContractOptions } from "./contractCapabilities.js";
export { describeReadModelStoreContract } from "./readModelStoreContract.js";
export type { ReadModelStoreUnderTest } from "./readModelStoreContract.js";
