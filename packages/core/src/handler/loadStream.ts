import * as E from "fp-ts/lib/Either.js";
import type { DomainEvent } from "../events/domainEvent.js";
import type { DecodedEvent } from "../events/decodeEvent.js";
import type { CurrentRevision } from "../store/expectedRevision.js";
import type { EventStore } from "../store/eventStore.js";
import { foldRecorded } from "./foldStream.js";
import type { HandlerError } from "./handlerErrors.js";
import type { StreamModel } from "./streamModels.js";

/** A stream folded to its state, with what an append after it needs. */
export interface LoadedStream<S, Ev = DomainEvent> {
  /** The stream read. */
  readonly streamName: string;
  /** Its events folded by the model. */
  readonly state: S;
  /** Its last revision, or `"no_stream"`: the expected revision of the next append. */
  readonly revision: CurrentRevision;
  /** The hash of the stream's last event: the next event's `prevHash`. */
  readonly lastHash: string | null;
  /** Events this stream already holds from the command being handled (a retry), in order. */
  readonly fromThisCommand: readonly DecodedEvent<Ev>[];
}

/**
 * Reads a whole stream, decodes every event, checks that each links to its predecessor's hash,
 * and folds it. A missing stream is the model's initial state at `no_stream`. `commandIds`, when
 * given, receives the command id of every event read (the ledger's cache keeps it).
 */
export const loadStream = async <S, Ev extends DomainEvent>(
  store: EventStore,
  streamName: string,
  model: StreamModel<S, Ev>,
  commandId: string,
  commandIds?: Set<string>,
): Promise<E.Either<HandlerError, LoadedStream<S>>> => {
  const read = await store.readStream(streamName)();
  if (E.isLeft(read)) {
    if (read.left._tag !== "StreamNotFound") return E.left(read.left);
    return E.right({ streamName, state: model.initialState, revision: "no_stream", lastHash: null, fromThisCommand: [] });
  }
  return foldRecorded(streamName, model, { state: model.initialState, revision: "no_stream", lastHash: null }, read.right, commandId, commandIds);
};
