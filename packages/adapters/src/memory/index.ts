export { createMemoryEventStore } from "./memoryEventStore.js";
export type { MemoryEventStoreOptions } from "./memoryEventStore.js";
