import * as E from "fp-ts/lib/Either.js";
import { unhashedMetadata } from "./unhashedMetadata.js";
import { computeEventHash } from "../audit/eventHash.js";
import { describeValidationErrors } from "../events/decodeEvent.js";
import { decodeDomainEvent, type DomainEvent } from "../events/domainEvent.js";
import type { EventMetadata } from "../events/eventMetadata.js";
import { EVENT_VERSIONING } from "../events/versions/builtInVersions.js";
import { currentVersion } from "../events/versions/eventVersioning.js";
import type { EventStore } from "../store/eventStore.js";
import type { EventToAppend, JsonObject } from "../store/recordedEvent.js";
import type { CommandContext } from "./commandContext.js";
import type { AppendedEvent } from "./commandOutcome.js";
import { deriveEventId } from "./eventIds.js";
import type { HandlerError } from "./handlerErrors.js";
import type { LoadedStream } from "./loadStream.js";

/**
 * Appends decided events after a loaded stream, at exactly the revision it was loaded at, each
 * with its derived id, its metadata and its link in the stream's hash chain. Every event passes
 * its codec first, so nothing that a reader would refuse is ever written.
 */
export const appendDecided = async (
  store: EventStore,
  loaded: LoadedStream<unknown>,
  events: readonly DomainEvent[],
  context: CommandContext,
): Promise<E.Either<HandlerError, readonly AppendedEvent[]>> => {
  const { streamName } = loaded;
  const first = loaded.revision === "no_stream" ? 0n : loaded.revision + 1n;
  const appended: AppendedEvent[] = [];
  // A command's events are recorded at the store's time, never at one the caller names: the
  // type keeps `recordedAt` (for importing a history) out of this path.
  const toAppend: (EventToAppend & { readonly recordedAt?: never })[] = [];
  const perType = new Map<string, number>();
  let prevHash = loaded.lastHash;
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as DomainEvent;
    const valid = decodeDomainEvent(event);
    if (E.isLeft(valid)) {
      const { path, reason } = describeValidationErrors(valid.left);
      return E.left({ _tag: "InvalidCommand", command: event.type, path, reason });
    }
    const ordinal = perType.get(event.type) ?? 0;
    perType.set(event.type, ordinal + 1);
    const id = deriveEventId(context.commandId, streamName, event.type, ordinal);
    const revision = first + BigInt(index);
    const unhashed = unhashedMetadata(context, prevHash, currentVersion(EVENT_VERSIONING, event.type));
    const data = event.data as JsonObject;
    const hash = computeEventHash({ streamName, revision, id, type: event.type, data, metadata: unhashed });
    const metadata = { ...unhashed, hash } as EventMetadata;
    toAppend.push({ id, type: event.type, data, metadata });
    appended.push({ streamName, revision, id, event, metadata });
    prevHash = hash;
  }
  const result = await store.appendToStream(streamName, toAppend, { expectedRevision: loaded.revision })();
  return E.isLeft(result) ? result : E.right(appended);
};
