import * as E from "fp-ts/lib/Either.js";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import type { EventStore, RecordedEvent } from "@grantledger/core";

/** Every event in the store, in global order. */
export const readEverything = async (store: EventStore): Promise<readonly RecordedEvent[]> => {
  const all = await store.readAll()();
  if (E.isLeft(all)) throw new Error(all.left._tag);
  return all.right;
};

/**
 * A new memory store holding the events of `store` up to and including `position`, appended in
 * the same order (so at the same positions): the history as it was then, for as-of oracles.
 */
export const copyUpTo = async (store: EventStore, position: bigint | undefined): Promise<EventStore> => {
  const copy = createMemoryEventStore();
  if (position === undefined) return copy;
  for (const event of await readEverything(store)) {
    if (event.position > position) break;
    const { id, type, data, metadata } = event;
    const appended = await copy.appendToStream(event.streamName, [{ id, type, data, metadata }])();
    if (E.isLeft(appended)) throw new Error(appended.left._tag);
  }
  return copy;
};
