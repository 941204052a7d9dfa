/**
 * The event store and the read-model store over EventStoreDB (or KurrentDB) through
 * `@eventstore/db-client`: the reference for the semantics every other adapter follows.
 *
 * @packageDocumentation
 */
export { createEventStoreDbEventStore, DEFAULT_DEADLINE_MS } from "./eventStoreDbEventStore.js";
export type { EventStoreDbConnection, EventStoreDbSettings } from "./eventStoreDbEventStore.js";
export { defaultResubscribePolicy } from "./allSubscription.js";
export type { ResubscribePolicy } from "./allSubscription.js";
export { createEventStoreDbReadModelStore } from "./readModelStore.js";
export type { EventStoreDbReadModelStoreOptions } from "./readModelStore.js";
export { READ_MODEL_EVENT_TYPE } from "./readModelEncoding.js";
