import * as E from "fp-ts/lib/Either.js";
import { computeEventHash } from "../audit/eventHash.js";
import { describeValidationErrors, type DecodedEvent } from "../events/decodeEvent.js";
import { codecOf, decodeOwnEvent, type EventCodecs, type EventOf } from "../events/eventDefinitions.js";
import type { EventMetadata } from "../events/eventMetadata.js";
import type { EventStore } from "../store/eventStore.js";
import type { EventToAppend, JsonObject } from "../store/recordedEvent.js";
import { findUnstorableText } from "../values/text.js";
import type { RecordingContext } from "./commandContext.js";
import type { AppendedEvent } from "./commandOutcome.js";
import { deriveEventId } from "./eventIds.js";
import type { HandlerError, InvalidCommand } from "./handlerErrors.js";
import type { LoadedStream } from "./loadStream.js";
import { unhashedMetadata } from "./unhashedMetadata.js";

/*
 * The stream reads and appends of stream types of one's own: the same steps and checks as the
 * catalogue's (loadStream, foldStream, appendDecided), with the stream type's codecs in place of
 * the catalogue's. Kept apart so that the catalogue's hot path stays as it is.
 */

/** How one kind of own stream folds: its event codecs, initial state and evolve. */
export interface OwnStreamModel<Events extends EventCodecs, S> {
  /** The event types the stream may hold. */
  readonly events: Events;
  /** The state of a stream with no events. */
  readonly initialState: S;
  /** The state after one more event. */
  evolve(state: S, event: EventOf<Events>, actor: string): S;
}

/**
 * Reads a whole own stream, decodes every event by the model's codecs (an event of another type
 * is `UnexpectedEventInStream`), checks each `prevHash` against its predecessor's `hash`, and
 * folds it, collecting the events of `commandId`. A missing stream is the initial state.
 */
export const loadOwnStream = async <Events extends EventCodecs, S>(
  store: EventStore,
  streamName: string,
  model: OwnStreamModel<Events, S>,
  commandId: string,
): Promise<E.Either<HandlerError, LoadedStream<S, EventOf<Events>>>> => {
  const read = await store.readStream(streamName)();
  if (E.isLeft(read)) {
    if (read.left._tag !== "StreamNotFound") return E.left(read.left);
    return E.right({ streamName, state: model.initialState, revision: "no_stream", lastHash: null, fromThisCommand: [] });
  }
  let state = model.initialState;
  let lastHash: string | null = null;
  let revision: bigint | "no_stream" = "no_stream";
  const fromThisCommand: DecodedEvent<EventOf<Events>>[] = [];
  for (const recorded of read.right) {
    const decoded = decodeOwnEvent(model.events, recorded);
    if (decoded === undefined) return E.left({ _tag: "UnexpectedEventInStream", streamName, revision: recorded.revision, type: recorded.type });
    if (E.isLeft(decoded)) return decoded;
    const { event, metadata } = decoded.right;
    if (metadata.prevHash !== lastHash) {
      return E.left({ _tag: "BrokenHashChain", streamName, revision: recorded.revision, expected: lastHash, found: metadata.prevHash });
    }
    if (metadata.commandId === commandId) fromThisCommand.push(decoded.right);
    state = model.evolve(state, event, metadata.actor);
    lastHash = metadata.hash;
    revision = recorded.revision;
  }
  return E.right({ streamName, state, revision, lastHash, fromThisCommand });
};

const isJsonObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * An own event as it is stored: its data encoded by its codec, a JSON object that the codec
 * decodes again, with text every store keeps. `InvalidCommand` (naming the event type, as the
 * catalogue's append does) for an event no reader would take back.
 */
const storedForm = <Events extends EventCodecs>(events: Events, event: EventOf<Events>): E.Either<InvalidCommand, { readonly data: JsonObject; readonly decoded: EventOf<Events> }> => {
  const invalid = (path: string, reason: string): E.Either<InvalidCommand, never> => E.left({ _tag: "InvalidCommand", command: event.type, path, reason });
  const codec = codecOf(events, event.type);
  if (codec === undefined) return invalid("type", `"${event.type}" is no event type of this stream type`);
  let data: unknown;
  try {
    data = codec.encode(event.data);
  } catch (error) {
    return invalid("data", `its codec cannot encode it: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isJsonObject(data)) return invalid("data", "an event's data must be a JSON object");
  const decoded = codec.decode(data);
  if (E.isLeft(decoded)) {
    const { path, reason } = describeValidationErrors(decoded.left);
    return invalid(path === "" ? "data" : `data.${path}`, reason);
  }
  const unstorable = findUnstorableText(data, "data");
  if (unstorable !== undefined) return invalid(unstorable.path, unstorable.reason);
  return E.right({ data, decoded: { type: event.type, data: decoded.right } as EventOf<Events> });
};

/**
 * Appends decided own events after a loaded stream, at exactly the revision it was loaded at,
 * each with its id derived from the command id (UUID v5), its metadata and its link in the
 * stream's hash chain, exactly as the catalogue's events are appended.
 */
export const appendOwnDecided = async <Events extends EventCodecs>(
  store: EventStore,
  loaded: LoadedStream<unknown, EventOf<Events>>,
  events: Events,
  decided: readonly EventOf<Events>[],
  context: RecordingContext,
): Promise<E.Either<HandlerError, readonly AppendedEvent<EventOf<Events>>[]>> => {
  const { streamName } = loaded;
  const first = loaded.revision === "no_stream" ? 0n : loaded.revision + 1n;
  const appended: AppendedEvent<EventOf<Events>>[] = [];
  const toAppend: (EventToAppend & { readonly recordedAt?: never })[] = [];
  const perType = new Map<string, number>();
  let prevHash = loaded.lastHash;
  for (const [index, event] of decided.entries()) {
    const stored = storedForm(events, event);
    if (E.isLeft(stored)) return stored;
    const { data, decoded } = stored.right;
    const ordinal = perType.get(event.type) ?? 0;
    perType.set(event.type, ordinal + 1);
    const id = deriveEventId(context.commandId, streamName, event.type, ordinal);
    const revision = first + BigInt(index);
    const unhashed = unhashedMetadata(context, prevHash);
    let hash: string;
    try {
      hash = computeEventHash({ streamName, revision, id, type: event.type, data, metadata: unhashed });
    } catch {
      return E.left({ _tag: "InvalidCommand", command: event.type, path: "data", reason: "has no canonical JSON form (RFC 8785)" });
    }
    const metadata = { ...unhashed, hash } as EventMetadata;
    toAppend.push({ id, type: event.type, data, metadata });
    appended.push({ streamName, revision, id, event: decoded, metadata });
    prevHash = hash;
  }
  const result = await store.appendToStream(streamName, toAppend, { expectedRevision: loaded.revision })();
  return E.isLeft(result) ? result : E.right(appended);
};
