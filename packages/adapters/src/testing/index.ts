export { describeEventStoreContract } from "./eventStoreContract.js";
export type { EventStoreUnderTest } from "./eventStoreContract.js";
