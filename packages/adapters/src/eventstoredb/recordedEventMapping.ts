import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import { jsonEvent } from "@eventstore/db-client";
import type { JSONEventData, ResolvedEvent } from "@eventstore/db-client";
import { isRecordedTime } from "@grantledger/core";
import type { JsonObject, RecordedEvent } from "@grantledger/core";
import type { PreparedEvent } from "../shared/prepareAppend.js";

/**
 * The key of an event's metadata under which the adapter keeps a recorded time given with an
 * append (`EventToAppend.recordedAt`, an imported history's): EventStoreDB stamps every event with
 * its own `created` time and takes none from a client, so the given one travels in the metadata.
 * It is reserved: an append whose own metadata holds it is refused, and reads take it out of the
 * metadata they hand back and report it as `recordedAt`. Other EventStoreDB clients reading the
 * raw event see it.
 */
export const RECORDED_AT_KEY = "$recordedAt";

/**
 * An event checked by `prepareAppend`, in the client's shape: JSON data and JSON metadata, the
 * given recorded time (if any) added to the metadata under {@link RECORDED_AT_KEY}, after the
 * event's own keys. The caller has refused metadata that holds that key already.
 */
export const toEsdbEvent = (event: PreparedEvent): JSONEventData =>
  jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.recordedAt === undefined ? event.metadata : { ...event.metadata, [RECORDED_AT_KEY]: event.recordedAt },
  });

/**
 * Whether an event is EventStoreDB's own (stream metadata, statistics, projection links and
 * emitted streams) rather than the application's: its type or its stream starts with `$`. Reads
 * of all streams and subscriptions pass over them, as the client's `excludeSystemEvents` does.
 */
export const isSystemEvent = (streamName: string, type: string): boolean => streamName.startsWith("$") || type.startsWith("$");

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * The global position of a resolved event: its own commit position, else the one the read
 * carries. Old servers fill the event's with the protobuf default 0 on stream reads, so 0 counts
 * as absent.
 */
export const positionOf = (resolved: ResolvedEvent): bigint | undefined => {
  const own = resolved.event?.position?.commit;
  return own !== undefined && own > 0n ? own : resolved.commitPosition;
};

/**
 * A resolved event as the port's recorded event, or why it cannot be one (a sentence naming the
 * event). Every read (of a stream, of `$all`, a subscription) maps through here. Position is the
 * commit position; servers before 22.6 send none for stream reads (the protobuf default, 0), and
 * no application event can sit at 0, so 0 is treated as missing. `recordedAt` is the time kept
 * under {@link RECORDED_AT_KEY} in the metadata (taken out of the metadata handed back) if the
 * event was appended with one, else the server's `created` time; a kept time that is not in the
 * form of a recorded time (`isRecordedTime`) makes the event unreadable rather than fall back to
 * `created`.
 */
export const toRecordedEvent = (resolved: ResolvedEvent): Either<string, RecordedEvent> => {
  const event = resolved.event;
  if (event === undefined) return E.left("a link event whose target is gone");
  const where = `${event.type} at ${event.streamId}@${event.revision}`;
  const position = positionOf(resolved);
  if (position === undefined || position <= 0n) {
    return E.left(`${where} came without its global position (EventStoreDB before 22.6 does not send it for stream reads)`);
  }
  if (!event.isJson) return E.left(`${where} is stored as binary, not JSON`);
  if (!isJsonObject(event.data)) return E.left(`${where} has data that is not a JSON object`);
  const stored = event.metadata ?? {};
  if (!isJsonObject(stored)) return E.left(`${where} has metadata that is not a JSON object`);
  const time = recordedTimeOf(stored, event.created);
  if (E.isLeft(time)) return E.left(`${where} ${time.left}`);
  return E.right({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: time.right.metadata,
    streamName: event.streamId,
    revision: event.revision,
    position,
    recordedAt: time.right.recordedAt,
  });
};

/**
 * The event's recorded time and the metadata without the reserved key: the kept time if the
 * metadata holds one, else the server's `created`; or why there is none (after the event's name).
 */
const recordedTimeOf = (stored: JsonObject, created: Date): Either<string, { readonly recordedAt: string; readonly metadata: JsonObject }> => {
  if (!Object.hasOwn(stored, RECORDED_AT_KEY)) {
    if (Number.isNaN(created.getTime())) return E.left("has no valid recording time");
    return E.right({ recordedAt: created.toISOString(), metadata: stored });
  }
  const { [RECORDED_AT_KEY]: kept, ...metadata } = stored;
  if (!isRecordedTime(kept)) {
    return E.left(`has a kept recorded time (metadata.${RECORDED_AT_KEY}) that is not a UTC time to the millisecond (YYYY-MM-DDTHH:MM:SS.sssZ): ${JSON.stringify(kept)}`);
  }
  return E.right({ recordedAt: kept, metadata });
};
