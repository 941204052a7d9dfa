import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import type { DomainEvent } from "./domainEvent.js";
import type { RecordedEvent } from "../store/recordedEvent.js";
import { decodeDomainEvent, isDomainEvent } from "./domainEvent.js";
import { EventMetadata } from "./eventMetadata.js";
import { EVENT_VERSIONING } from "./versions/builtInVersions.js";
import type { EventVersioning } from "./versions/eventVersioning.js";
import { isUpcastFailure, upcastOrFail, type UpcastFailure } from "./versions/upcastStored.js";

/** A recorded event that did not pass its codec: where it is, and what failed. */
export interface EventDecodeFailed {
  readonly _tag: "EventDecodeFailed";
  /** The stream the event is in. */
  readonly streamName: string;
  /** Its revision in that stream, from 0. */
  readonly revision: bigint;
  /** Its position in the store's global order. */
  readonly position: bigint;
  /** Its recorded type, which may be one grantledger does not know. */
  readonly type: string;
  /** The failing path, e.g. `data.participants.0.shareBps` or `metadata.hash`. */
  readonly path: string;
  /** What the codec expected and found there. */
  readonly reason: string;
  /**
   * The version the event was stored at, when it is not its type's current one: either it could
   * not be brought to the current version (`path` `metadata.schemaVersion` for a version newer
   * than the reader knows or none at all, else the path in the stored data), or it was, and the
   * current version's codec refused the result.
   */
  readonly schemaVersion?: number;
}

/**
 * A recorded event whose type, data and metadata passed their codecs. `Ev` is the catalogue's
 * {@link DomainEvent} unless a reader decodes event types of its own (see `decodeRecordedEventWith`).
 */
export interface DecodedEvent<Ev = DomainEvent> {
  /** The event as the store returned it, with its stream, revision and position. */
  readonly recorded: RecordedEvent;
  /** Its type and data, decoded, in the current version of its type (upcast when stored at an older one). */
  readonly event: Ev;
  /** Its metadata as stored, decoded: command, actor, the hash chain, and the `schemaVersion` it was stored at. */
  readonly metadata: EventMetadata;
}

const COMPOSITE_TAGS = new Set(["UnionType", "IntersectionType", "RefinementType", "ExactType"]);

const tagOf = (type: t.Decoder<unknown, unknown>): string | undefined =>
  "_tag" in type && typeof type._tag === "string" ? type._tag : undefined;

/** The longest description of a found value in a reason: a refusal names the value, it does not echo a 10 MB one. */
const MAX_FOUND_LENGTH = 120;

/** A short, safe description of a value that failed a codec: its JSON cut to a few words, or its kind. */
const describeFound = (value: unknown): string => {
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? `an array of ${value.length} items` : "an object";
  const json = typeof value === "bigint" ? value.toString() : JSON.stringify(value);
  if (json === undefined) return typeof value;
  return json.length <= MAX_FOUND_LENGTH ? json : `${json.slice(0, MAX_FOUND_LENGTH)}… (${json.length} characters)`;
};

/**
 * The dotted path and a short reason for a failed decode. Of all the errors io-ts reports (a
 * union reports one per member), the deepest is the most specific, so that one is named. Keys
 * that only number the members of a union or intersection are left out of the path.
 */
export const describeValidationErrors = (
  errors: t.Errors,
): {
  /** The dotted path of the failing value, e.g. `data.participants.0.shareBps`; `""` at the root. */
  path: string;
  /** What was expected and what was found, e.g. `expected Money, found -5`. */
  reason: string;
} => {
  let deepest: t.ValidationError | undefined;
  for (const error of errors) if (deepest === undefined || error.context.length > deepest.context.length) deepest = error;
  if (deepest === undefined) return { path: "", reason: "invalid" };
  const keys: string[] = [];
  deepest.context.forEach((entry, index) => {
    const parent = deepest.context[index - 1];
    if (entry.key === "" || (parent !== undefined && COMPOSITE_TAGS.has(tagOf(parent.type) ?? ""))) return;
    keys.push(entry.key);
  });
  const expected = deepest.context[deepest.context.length - 1]?.type.name ?? "a valid value";
  const found = deepest.value === undefined ? "nothing" : describeFound(deepest.value);
  return { path: keys.join("."), reason: deepest.message ?? `expected ${expected}, found ${found}` };
};

/**
 * The {@link EventDecodeFailed} of `recorded` for the errors a codec reported, the failing path
 * under `prefix` (`event` or `metadata`); `schemaVersion` when it was stored at an older version.
 */
export const eventDecodeFailed = (recorded: RecordedEvent, errors: t.Errors, prefix: string, schemaVersion?: number): EventDecodeFailed => {
  const { path, reason } = describeValidationErrors(errors);
  return {
    _tag: "EventDecodeFailed",
    streamName: recorded.streamName,
    revision: recorded.revision,
    position: recorded.position,
    type: recorded.type,
    path: path === "" ? prefix : `${prefix}.${path}`,
    reason,
    ...(schemaVersion === undefined ? {} : { schemaVersion }),
  };
};

// Top-level, not a closure per call: decoding is on every replay's hot path.
const decodeFailure = (recorded: RecordedEvent, errors: t.Errors, prefix: string, schemaVersion?: number): E.Either<EventDecodeFailed, DecodedEvent> =>
  E.left(eventDecodeFailed(recorded, errors, prefix, schemaVersion));

const upcastFailure = (recorded: RecordedEvent, failure: UpcastFailure): E.Either<EventDecodeFailed, DecodedEvent> =>
  E.left({
    _tag: "EventDecodeFailed",
    streamName: recorded.streamName,
    revision: recorded.revision,
    position: recorded.position,
    type: recorded.type,
    path: failure.path,
    reason: failure.reason,
    schemaVersion: failure.schemaVersion,
  });

/**
 * Decodes a recorded event; one that does not pass is a typed error naming where and why. An
 * event stored at an older version of its type is first brought to the current one by the
 * upcasters of `versioning` (docs/events.md, "Versions"); `recorded` stays as stored.
 */
export const decodeRecordedEvent = (recorded: RecordedEvent, versioning: EventVersioning = EVENT_VERSIONING): E.Either<EventDecodeFailed, DecodedEvent> => {
  const current = upcastOrFail(recorded, versioning);
  if (isUpcastFailure(current)) return upcastFailure(recorded, current);
  const event = decodeDomainEvent({ type: current.type, data: current.data });
  if (E.isLeft(event)) return decodeFailure(recorded, event.left, "event", current.upcastFrom);
  const metadata = EventMetadata.decode(recorded.metadata);
  if (E.isLeft(metadata)) return decodeFailure(recorded, metadata.left, "metadata");
  return E.right({ recorded, event: event.right, metadata: metadata.right });
};

/** Where and why a recorded event fails its codecs: the `path` and `reason` of {@link EventDecodeFailed}. */
export interface DecodeFailure {
  /** The failing path, e.g. `event.data.participants.0.shareBps` or `metadata.hash`. */
  readonly path: string;
  /** What the codec expected and found there. */
  readonly reason: string;
}

// The metadata codec without the two hashes, for a caller that has checked them itself.
const { hash: _hash, prevHash: _prevHash, ...unchainedProps } = EventMetadata.props;
const UnchainedMetadata = t.type(unchainedProps);

/**
 * Whether a recorded event passes its codecs, as {@link decodeRecordedEvent} decides it, without
 * decoding: `undefined` when it does, else where and why not, as `decodeRecordedEvent` says it.
 * The codecs' type guards are asked first ({@link isDomainEvent}; the metadata codec, too, only
 * checks); only an event that fails them is decoded, for the failing path.
 *
 * @param hashesChecked - `true` when the caller knows `metadata.hash` and `metadata.prevHash`
 *   to be what the codec asks (a verifier that found them equal to hashes it computed): the
 *   guard then leaves them out.
 */
export const recordedEventDecodeFailure = (recorded: RecordedEvent, hashesChecked = false, versioning: EventVersioning = EVENT_VERSIONING): DecodeFailure | undefined => {
  const metadataPasses = hashesChecked ? UnchainedMetadata.is(recorded.metadata) : EventMetadata.is(recorded.metadata);
  const current = upcastOrFail(recorded, versioning);
  if (metadataPasses && !isUpcastFailure(current) && isDomainEvent(current)) return undefined;
  const decoded = decodeRecordedEvent(recorded, versioning);
  return E.isLeft(decoded) ? { path: decoded.left.path, reason: decoded.left.reason } : undefined;
};
