import { v4 } from "uuid";
import { readAllPages } from "@grantledger/core";
import type { DecodedEvent, EventStore, RecordedEvent } from "@grantledger/core";
import { foldRecorded } from "@grantledger/projections";
import type { Projection, ProjectionSnapshot, ReadModelStore } from "@grantledger/projections";
import { succeed } from "./contractFixtures.js";

/** A read-model name no other test, run or process uses, so the store may be shared. */
export const uniqueReadModelName = (label: string): string => `contract-${label}-${v4()}`;

/** `projection` under a name of the test's own; its state and version are the real read model's. */
export const named = <S>(projection: Projection<S>, label: string): Projection<S> => ({ ...projection, name: uniqueReadModelName(label) });

/**
 * Saves `projection`'s initial state with `position` as its checkpoint: a runner then starts
 * right after it, folding the test's own events and none of what the store held before.
 */
export const startAfter = <S>(readModels: ReadModelStore, projection: Projection<S>, position: bigint): Promise<void> =>
  succeed(readModels.save(projection.name, { version: projection.version, checkpoint: position, state: projection.initialState }));

/** Every event after `after`, up to and including `upTo` when given, in global order. */
export const eventsBetween = async (store: EventStore, after: bigint, upTo?: bigint): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of readAllPages(store, { after })) {
    if (upTo !== undefined && event.position > upTo) break;
    events.push(event);
  }
  return events;
};

/**
 * The oracle a runner is held to: `projection` folded purely over the events after `after` (up
 * to `upTo`), starting from its initial state, as {@link startAfter} has the runner start.
 */
export const foldBetween = async <S>(store: EventStore, projection: Projection<S>, after: bigint, upTo?: bigint): Promise<ProjectionSnapshot<S>> => {
  const outcome = foldRecorded(projection, { state: projection.initialState, checkpoint: after }, await eventsBetween(store, after, upTo));
  if (outcome.poison !== undefined) throw new Error(`the oracle met a poison event: ${outcome.poison.reason}`);
  return outcome.snapshot;
};

/** The same read model, one event at a time (no `applyAll`), telling `visit` of each event. */
const watched = <S>(projection: Projection<S>, visit: (event: DecodedEvent, next: S) => S): Projection<S> => ({
  name: projection.name,
  version: projection.version,
  handles: projection.handles,
  initialState: projection.initialState,
  apply: (state, event) => visit(event, projection.apply(state, event)),
});

/** The read model, recording the id of every event applied to it, in order, in `applied`. */
export const recording = <S>(projection: Projection<S>): { readonly projection: Projection<S>; readonly applied: string[] } => {
  const applied: string[] = [];
  return { projection: watched(projection, (event, next) => (applied.push(event.recorded.id), next)), applied };
};

/** The read model, refusing the events `refuses` picks as `apply` refuses an event it cannot take. */
export const refusing = <S>(projection: Projection<S>, refuses: (event: DecodedEvent) => boolean, reason: string): Projection<S> =>
  watched(projection, (event, next) => {
    if (refuses(event)) throw new Error(reason);
    return next;
  });

/**
 * The read model, with a state no store can save (it holds a function) from the event with id
 * `eventId` on: the save of the batch holding that event fails in the store itself.
 */
export const unsavableFrom = <S extends object>(projection: Projection<S>, eventId: string): Projection<S> => {
  let reached = false;
  return watched(projection, (event, next) => {
    reached ||= event.recorded.id === eventId;
    return reached ? { ...next, unsavable: () => eventId } : next;
  });
};

/** The first event of `type` in `events`, or a failed test. */
export const firstOfType = (events: readonly RecordedEvent[], type: string, skip = 0): RecordedEvent => {
  const found = events.filter((event) => event.type === type)[skip];
  if (found === undefined) throw new Error(`the history has no ${type} number ${skip + 1}`);
  return found;
};
