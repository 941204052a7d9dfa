import * as E from "fp-ts/lib/Either.js";
import type { DomainEvent } from "../events/domainEvent.js";
import { decodeRecordedEvent, type DecodedEvent } from "../events/decodeEvent.js";
import type { CurrentRevision } from "../store/expectedRevision.js";
import type { RecordedEvent } from "../store/recordedEvent.js";
import type { HandlerError } from "./handlerErrors.js";
import type { LoadedStream } from "./loadStream.js";
import type { StreamModel } from "./streamModels.js";

/** Where a fold starts: nothing yet (the model's initial state), or a stream folded before. */
export interface FoldStart<S> {
  /** The state folded so far. */
  readonly state: S;
  /** The revision folded so far, `"no_stream"` for none. */
  readonly revision: CurrentRevision;
  /** The hash of the event at `revision`: what the next event's `prevHash` must be. */
  readonly lastHash: string | null;
}

/**
 * Folds recorded events onto `start`: decodes each, checks that it belongs in the stream and
 * continues the hash chain, and collects those of `commandId`. Shared by the full load and the
 * cached one, so that an event read into the cache passes exactly the checks of a full read.
 * `commandIds`, when given, receives the command id of every event folded (the cache's
 * idempotency index).
 */
export const foldRecorded = <S, Ev extends DomainEvent>(
  streamName: string,
  model: StreamModel<S, Ev>,
  start: FoldStart<S>,
  events: readonly RecordedEvent[],
  commandId: string,
  commandIds?: Set<string>,
): E.Either<HandlerError, LoadedStream<S>> => {
  let { state, lastHash, revision } = start;
  const fromThisCommand: DecodedEvent[] = [];
  for (const recorded of events) {
    const decoded = decodeRecordedEvent(recorded);
    if (E.isLeft(decoded)) return decoded;
    const { event, metadata } = decoded.right;
    if (!model.owns(event)) return E.left({ _tag: "UnexpectedEventInStream", streamName, revision: recorded.revision, type: event.type });
    if (metadata.prevHash !== lastHash) {
      return E.left({ _tag: "BrokenHashChain", streamName, revision: recorded.revision, expected: lastHash, found: metadata.prevHash });
    }
    if (metadata.commandId === commandId) fromThisCommand.push(decoded.right);
    commandIds?.add(metadata.commandId);
    state = model.evolve(state, event, metadata.actor);
    lastHash = metadata.hash;
    revision = recorded.revision;
  }
  return E.right({ streamName, state, revision, lastHash, fromThisCommand });
};
