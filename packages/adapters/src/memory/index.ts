/**
 * An in-memory {@link @grantledger/core!EventStore | EventStore} for tests, examples and short-lived tools,
 * with the same semantics as the persistent stores: appends and reads cost in proportion to the
 * events they touch, never to the size of the store.
 *
 * @packageDocumentation
 */
export { createMemoryEventStore } from "./memoryEventStore.js";
export type { MemoryEventStoreOptions } from "./memoryEventStore.js";
