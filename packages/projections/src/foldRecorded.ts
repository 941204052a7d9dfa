import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import { decodeRecordedEvent, decodeRecordedEventWith, type DecodedEvent, type EventDecodeFailed, type EventShape, type RecordedEvent } from "@grantledger/core";
import type { Projection, ProjectionSnapshot } from "./projection.js";
import { poisonEventAt, type PoisonEvent } from "./projectionError.js";

/** How far a fold got, and the poison event that stopped it, if one did. */
export interface FoldOutcome<S> {
  /** The state and checkpoint after the last event taken: before the poison event, if any. */
  readonly snapshot: ProjectionSnapshot<S>;
  /** The event the projection could not take; `undefined` when every event was taken. */
  readonly poison: PoisonEvent | undefined;
}

// One Set per projection, not one per batch: `handles` is fixed for a projection's lifetime.
const handledTypes = new WeakMap<Projection<unknown, EventShape>, ReadonlySet<string>>();
const handledBy = <S>(projection: Projection<S, EventShape>): ReadonlySet<string> => {
  const known = handledTypes.get(projection);
  if (known !== undefined) return known;
  const types = new Set<string>(projection.handles);
  handledTypes.set(projection, types);
  return types;
};

type Decoder = (recorded: RecordedEvent) => Either<EventDecodeFailed, DecodedEvent<EventShape>>;
// The catalogue's decoder, or one that also knows the projection's own event types.
const decoders = new WeakMap<Projection<unknown, EventShape>, Decoder>();
const decoderOf = <S>(projection: Projection<S, EventShape>): Decoder => {
  const codecs = projection.codecs;
  if (codecs === undefined) return decodeRecordedEvent;
  const known = decoders.get(projection);
  if (known !== undefined) return known;
  const decoder = decodeRecordedEventWith(codecs);
  decoders.set(projection, decoder);
  return decoder;
};

// Folds with `apply` one event at a time, to find the event a failed `applyAll` stumbled on.
const foldOneByOne = <S>(
  projection: Projection<S, EventShape>,
  from: S,
  events: readonly DecodedEvent<EventShape>[],
  checkpointsBefore: readonly (bigint | undefined)[],
  checkpointAfter: bigint | undefined,
): FoldOutcome<S> => {
  let state = from;
  for (const [index, event] of events.entries()) {
    try {
      state = projection.apply(state, event);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { snapshot: { state, checkpoint: checkpointsBefore[index] }, poison: poisonEventAt(projection.name, event.recorded, reason) };
    }
  }
  return { snapshot: { state, checkpoint: checkpointAfter }, poison: undefined };
};

/**
 * Folds `events` (in global order, all after `from.checkpoint`) into `from`. Events the
 * projection does not handle only move the checkpoint. It stops at the first event that fails
 * its codec or makes `apply` throw, and returns what it had before that event.
 */
export const foldRecorded = <S>(
  projection: Projection<S, EventShape>,
  from: ProjectionSnapshot<S>,
  events: readonly RecordedEvent[],
): FoldOutcome<S> => {
  const handled = handledBy(projection);
  const decode = decoderOf(projection);
  const taken: DecodedEvent<EventShape>[] = [];
  const checkpointsBefore: (bigint | undefined)[] = [];
  let checkpoint = from.checkpoint;
  let poison: PoisonEvent | undefined;
  for (const recorded of events) {
    if (handled.has(recorded.type)) {
      const decoded = decode(recorded);
      if (E.isLeft(decoded)) {
        poison = poisonEventAt(projection.name, recorded, decoded.left.reason, decoded.left.path);
        break;
      }
      taken.push(decoded.right);
      checkpointsBefore.push(checkpoint);
    }
    checkpoint = recorded.position;
  }
  try {
    const state = projection.applyAll === undefined ? taken.reduce((state, event) => projection.apply(state, event), from.state) : projection.applyAll(from.state, taken);
    return { snapshot: { state, checkpoint }, poison };
  } catch {
    const outcome = foldOneByOne(projection, from.state, taken, checkpointsBefore, checkpoint);
    return outcome.poison === undefined ? { ...outcome, poison } : outcome;
  }
};
