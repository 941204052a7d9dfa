export { describeEventStoreContract } from "./eventStoreContract.js";
export type { EventStoreUnderTest } from "./eventStoreContract.js";
export { createTestEngine } from "./testEngine.js";
export type { TestEngine, TestEngineOptions } from "./testEngine.js";
