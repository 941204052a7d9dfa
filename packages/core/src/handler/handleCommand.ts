import * as E from "fp-ts/lib/Either.js";
import type { DomainEvent } from "../events/domainEvent.js";
import type { RecordingContext } from "./commandContext.js";
import { otherCommandWithThisId } from "./sameCommand.js";
import type { AppendedEvent, CommandOutcome } from "./commandOutcome.js";
import type { HandlerError } from "./handlerErrors.js";
import type { LedgerStreams } from "./ledgerStreams.js";
import type { LoadedStream } from "./loadStream.js";
import { backOff, type RetryPolicy } from "./retryPolicy.js";
import type { StreamModel } from "./streamModels.js";

/** The events a command had appended before, as its outcome on a retry. */
export const previousOutcome = (loaded: LoadedStream<unknown>): CommandOutcome => ({
  alreadyHandled: true,
  events: loaded.fromThisCommand.map(
    ({ recorded, event, metadata }): AppendedEvent => ({
      streamName: recorded.streamName,
      revision: recorded.revision,
      id: recorded.id,
      event,
      metadata,
    }),
  ),
});

/**
 * Handles one command on one stream: load and fold, decide, append at exactly the revision
 * read. When another writer got there first, it re-reads and re-decides, up to the policy's
 * attempts. A command whose events are already in the stream is answered from them.
 */
export const handleOnStream = async <S, Ev extends DomainEvent, DErr>(args: {
  readonly streams: LedgerStreams;
  readonly streamName: string;
  readonly model: StreamModel<S, Ev>;
  readonly context: RecordingContext;
  readonly retry: RetryPolicy;
  /** Decides on the freshly loaded state; may load other streams (read-only) itself. */
  readonly decide: (state: S) => Promise<E.Either<DErr | HandlerError, readonly DomainEvent[]>>;
}): Promise<E.Either<DErr | HandlerError, CommandOutcome>> => {
  const { streams, streamName, model, context, retry } = args;
  for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
    if (attempt > 1) await backOff(retry, attempt);
    const loaded = await streams.load(streamName, model, context.commandId);
    if (E.isLeft(loaded)) return loaded;
    if (loaded.right.fromThisCommand.length > 0) {
      const reused = otherCommandWithThisId(loaded.right, context);
      return reused === undefined ? E.right(previousOutcome(loaded.right)) : E.left(reused);
    }
    const decision = await args.decide(loaded.right.state);
    if (E.isLeft(decision)) return decision;
    if (decision.right.length === 0) return E.right({ alreadyHandled: false, events: [] });
    const appended = await streams.append(loaded.right, model, decision.right, context);
    if (E.isRight(appended)) return E.right({ alreadyHandled: false, events: appended.right });
    if (appended.left._tag !== "WrongExpectedVersion") return appended;
  }
  return E.left({ _tag: "ConcurrencyRetriesExhausted", streamName, attempts: retry.maxAttempts });
};
