import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import { jsonEvent } from "@eventstore/db-client";
import type { JSONEventData, ResolvedEvent } from "@eventstore/db-client";
import type { JsonObject, RecordedEvent } from "@grantledger/core";
import type { PreparedEvent } from "../shared/prepareAppend.js";

/** An event checked by `prepareAppend`, in the client's shape: JSON data and JSON metadata. */
export const toEsdbEvent = (event: PreparedEvent): JSONEventData =>
  jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });

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
 * event). Position is the commit position; servers before 22.6 send none for stream reads (the
 * protobuf default, 0), and no application event can sit at 0, so 0 is treated as missing.
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
  const metadata = event.metadata ?? {};
  if (!isJsonObject(metadata)) return E.left(`${where} has metadata that is not a JSON object`);
  if (Number.isNaN(event.created.getTime())) return E.left(`${where} has no valid recording time`);
  return E.right({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata,
    streamName: event.streamId,
    revision: event.revision,
    position,
    recordedAt: event.created.toISOString(),
  });
};
