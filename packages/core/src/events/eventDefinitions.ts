import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import type { RecordedEvent } from "../store/recordedEvent.js";
import { decodeRecordedEvent, eventDecodeFailed, recordedEventDecodeFailure, type DecodedEvent, type DecodeFailure, type EventDecodeFailed } from "./decodeEvent.js";
import { EVENT_CODECS, type DomainEvent } from "./domainEvent.js";
import { EventMetadata } from "./eventMetadata.js";

/** An event as `{ type, data }`: the catalogue's ({@link DomainEvent}) and an application's own alike. */
export interface EventShape {
  /** The event's type, e.g. `GrantAwarded` or `InspectionRecorded`. */
  readonly type: string;
  /** Its payload. */
  readonly data: unknown;
}

/**
 * An application's own event types beside the catalogue: each type with the io-ts codec of its
 * `data`. The codec decodes the data as stored (plain JSON) and encodes it back to that JSON; a
 * codec that only checks (`t.type`, `t.string`, the catalogue's branded values) stores the data
 * as given.
 */
export type EventCodecs = { readonly [type: string]: t.Mixed };

/** The events of a set of {@link EventCodecs}: `{ type, data }` with `data` as its codec decodes it. */
export type EventOf<C extends EventCodecs> = {
  [K in keyof C & string]: {
    /** The event type: a key of the codecs. */
    readonly type: K;
    /** Its data, decoded. */
    readonly data: t.TypeOf<C[K]>;
  };
}[keyof C & string];

/** The type of seals (stream `seal`): reserved like the catalogue's types. */
const SEAL_TYPE = "SealRecorded";

/** Whether `type` is one of grantledger's own: a catalogue event type or the seal's. */
export const isCatalogueEventType = (type: string): boolean => type === SEAL_TYPE || Object.hasOwn(EVENT_CODECS, type);

/**
 * Whether `value` is an io-ts codec: by its methods, not `instanceof`, so that a codec made by
 * another copy of io-ts (an application's own module, loaded by the CLI) counts too.
 */
export const isCodec = (value: unknown): value is t.Mixed =>
  typeof value === "object" && value !== null && ["decode", "encode", "is", "validate"].every((key) => typeof (value as Record<string, unknown>)[key] === "function");

/**
 * Checks an application's event codecs before use: every type is a name of its own (not empty,
 * not starting with `$`, which EventStoreDB keeps for system events, and none of the catalogue's
 * or the seal's), and every codec is an io-ts codec. Throws a `RangeError` naming the type and
 * `where` (the stream type or projection that gives them): a mistake in code, not in input.
 */
export const checkEventCodecs = (codecs: EventCodecs, where: string): void => {
  for (const [type, codec] of Object.entries(codecs)) {
    if (type === "" || type.startsWith("$")) throw new RangeError(`${where}: event type "${type}" is not a name of its own (empty, or starting with $)`);
    if (isCatalogueEventType(type)) throw new RangeError(`${where}: event type "${type}" is one of grantledger's own; give yours a name of its own`);
    if (!isCodec(codec)) throw new RangeError(`${where}: the codec of "${type}" is not an io-ts codec`);
  }
};

/** The codec of `type` among `codecs`, own keys only (a type named `constructor` is no codec). */
export const codecOf = (codecs: EventCodecs, type: string): t.Mixed | undefined => (Object.hasOwn(codecs, type) ? codecs[type] : undefined);

const failure = (recorded: RecordedEvent, errors: t.Errors, prefix: string): EventDecodeFailed => eventDecodeFailed(recorded, errors, prefix);

/**
 * Decodes a recorded event of one of `codecs`' types: its data by its codec (failures at path
 * `event.data.…`), its metadata by {@link EventMetadata}, as the catalogue's events are.
 * `undefined` when the type is not among `codecs`.
 */
export const decodeOwnEvent = <C extends EventCodecs>(codecs: C, recorded: RecordedEvent): E.Either<EventDecodeFailed, DecodedEvent<EventOf<C>>> | undefined => {
  const codec = codecOf(codecs, recorded.type);
  if (codec === undefined) return undefined;
  const data = codec.decode(recorded.data);
  if (E.isLeft(data)) return E.left(failure(recorded, data.left, "event.data"));
  const metadata = EventMetadata.decode(recorded.metadata);
  if (E.isLeft(metadata)) return E.left(failure(recorded, metadata.left, "metadata"));
  return E.right({ recorded, event: { type: recorded.type, data: data.right } as EventOf<C>, metadata: metadata.right });
};

/**
 * The decoder of a reader that knows event types of its own beside the catalogue: an event of
 * one of `codecs`' types is decoded by its codec, any other exactly as {@link decodeRecordedEvent}
 * decodes it (an unknown type fails at path `type`).
 */
export const decodeRecordedEventWith =
  <C extends EventCodecs>(codecs: C) =>
  (recorded: RecordedEvent): E.Either<EventDecodeFailed, DecodedEvent<DomainEvent | EventOf<C>>> =>
    decodeOwnEvent(codecs, recorded) ?? decodeRecordedEvent(recorded);

// The metadata codec without the two hashes, for a caller that has checked them itself.
const { hash: _hash, prevHash: _prevHash, ...unchainedProps } = EventMetadata.props;
const UnchainedMetadata = t.type(unchainedProps);

/**
 * {@link recordedEventDecodeFailure} for a reader that knows event types of its own: an event of
 * one of `codecs`' types is checked against its codec and the metadata codec, any other as the
 * catalogue's are. `undefined` when the event passes.
 */
export const recordedEventDecodeFailureWith =
  (codecs: EventCodecs) =>
  (recorded: RecordedEvent, hashesChecked = false): DecodeFailure | undefined => {
    const codec = codecOf(codecs, recorded.type);
    if (codec === undefined) return recordedEventDecodeFailure(recorded, hashesChecked);
    const metadataPasses = hashesChecked ? UnchainedMetadata.is(recorded.metadata) : EventMetadata.is(recorded.metadata);
    if (metadataPasses && codec.is(recorded.data)) return undefined;
    const decoded = decodeOwnEvent(codecs, recorded);
    return decoded !== undefined && E.isLeft(decoded) ? { path: decoded.left.path, reason: decoded.left.reason } : undefined;
  };
