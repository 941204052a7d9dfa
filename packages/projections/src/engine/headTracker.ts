import * as E from "fp-ts/lib/Either.js";
import type { EventStore } from "@grantledger/core";

/** The highest global position the engine knows to be stored, for its read models' lag. */
export interface HeadTracker {
  /** A position known to be stored (an append's, a read model's checkpoint, a measured head). */
  note(position: bigint | undefined): void;
  /** The highest noted, or `undefined` before any. */
  current(): bigint | undefined;
}

/** An empty {@link HeadTracker}. */
export const createHeadTracker = (): HeadTracker => {
  let head: bigint | undefined;
  return {
    note: (position) => {
      if (position !== undefined && (head === undefined || position > head)) head = position;
    },
    current: () => head,
  };
};

/** `store`, noting in `tracker` the position of every append that succeeds through it. */
export const notingAppends = (store: EventStore, tracker: HeadTracker): EventStore => ({
  appendToStream: (streamName, events, options) => async () => {
    const appended = await store.appendToStream(streamName, events, options)();
    if (E.isRight(appended)) tracker.note(appended.right.position);
    return appended;
  },
  readStream: (streamName, options) => store.readStream(streamName, options),
  readAll: (options) => store.readAll(options),
  subscribeToAll: (options) => store.subscribeToAll(options),
  close: () => store.close(),
});
