import { createMemoryEventStore } from "@grantledger/adapters/memory";
import type { EventStore } from "@grantledger/core";

/**
 * An in-memory store whose clock shows the business time of the command being given, so each
 * event's `recordedAt` falls in 2017-2021 rather than today. That keeps the output the same
 * every run, and lets "as of" questions (what did Difi know after the 2019 reports?) be asked.
 */
export interface BusinessTimeStore {
  readonly store: EventStore;
  /** Moves the clock to `iso` (ISO-8601 with zone). */
  readonly moveTo: (iso: string) => void;
}

/** A fresh memory store with its clock at `start`. */
export const createBusinessTimeStore = (start: string): BusinessTimeStore => {
  let current = new Date(start);
  return {
    store: createMemoryEventStore({ now: () => new Date(current.getTime()) }),
    moveTo: (iso) => {
      const next = new Date(iso);
      if (Number.isNaN(next.getTime())) throw new RangeError(`not a time: ${iso}`);
      current = next;
    },
  };
};
