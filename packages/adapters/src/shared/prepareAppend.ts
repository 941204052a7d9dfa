import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import { isRecordedTime, unstorableText } from "@grantledger/core";
import type { EventToAppend, InvalidAppend, JsonObject } from "@grantledger/core";
import { frozenJsonObjectCopy } from "./jsonCopy.js";

/**
 * A UUID in its textual form, of any version or variant: what EventStoreDB and Postgres accept.
 * (The `uuid` package's `validate` also insists on an RFC 9562 version and variant.)
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event checked and copied for storage: its id in lower case, its data and metadata frozen JSON. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** An imported event's original recorded time, checked; absent when the store stamps its own. */
  readonly recordedAt?: string;
}

const invalid = (streamName: string, reason: string): Either<InvalidAppend, never> =>
  E.left({ _tag: "InvalidAppend", streamName, reason });

/**
 * Checks an append before anything is written and copies what will be stored, so that every
 * adapter refuses the same inputs with the same reasons. Ids are lower-cased because a UUID is a
 * number: EventStoreDB and Postgres both store it as one and read it back in lower case.
 */
export const prepareAppend = (
  streamName: string,
  events: readonly EventToAppend[],
): Either<InvalidAppend, readonly PreparedEvent[]> => {
  if (typeof streamName !== "string" || streamName.trim() === "") return invalid(streamName, "the stream name is empty");
  if (!Array.isArray(events)) return invalid(streamName, "events is not an array");
  const prepared: PreparedEvent[] = new Array<PreparedEvent>(events.length);
  // Most batches hold one event; only a longer one can repeat an id within itself.
  const seen = events.length > 1 ? new Map<string, number>() : undefined;
  for (let index = 0; index < events.length; index++) {
    const event: EventToAppend | undefined = events[index];
    if (typeof event !== "object" || event === null) return invalid(streamName, `events[${index}] is not an event`);
    if (typeof event.id !== "string" || !UUID.test(event.id)) {
      return invalid(streamName, `events[${index}].id is not a UUID: ${String(event.id)}`);
    }
    if (typeof event.type !== "string" || event.type === "") return invalid(streamName, `events[${index}].type is empty`);
    const unstorableType = unstorableText(event.type);
    if (unstorableType !== undefined) return invalid(streamName, `events[${index}].type ${unstorableType}`);
    const id = event.id.toLowerCase();
    const earlier = seen?.get(id);
    if (earlier !== undefined) return invalid(streamName, `events[${index}].id repeats events[${earlier}].id (${id})`);
    seen?.set(id, index);
    const data = frozenJsonObjectCopy(event.data);
    if (E.isLeft(data)) return invalid(streamName, `events[${index}].data${data.left}`);
    const metadata = frozenJsonObjectCopy(event.metadata);
    if (E.isLeft(metadata)) return invalid(streamName, `events[${index}].metadata${metadata.left}`);
    const { recordedAt } = event;
    if (recordedAt !== undefined && !isRecordedTime(recordedAt)) {
      return invalid(streamName, `events[${index}].recordedAt is not a UTC time to the millisecond (YYYY-MM-DDTHH:MM:SS.sssZ): ${String(recordedAt)}`);
    }
    const checked = { id, type: event.type, data: data.right, metadata: metadata.right };
    // Only an import names a time; the key stays absent otherwise, as the stored shape has it.
    prepared[index] = recordedAt === undefined ? checked : { ...checked, recordedAt };
  }
  return E.right(prepared);
};
