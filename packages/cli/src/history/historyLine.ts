import canonicalize from "canonicalize";
import type { JsonObject, RecordedEvent } from "@grantledger/core";

/**
 * One recorded event as a line of an exported history (DESIGN.md, "Events on the wire"): the
 * keys in the order `streamName, revision, position, id, type, data, metadata, recordedAt`,
 * revision and position as JSON integers. `data` and `metadata` are written in RFC 8785
 * canonical form, the form their hash covers, so an export depends only on the history and not
 * on the key order a store happens to return (PostgreSQL's jsonb reorders keys): export, import
 * elsewhere and export again gives the same bytes.
 */
export const formatHistoryLine = (event: RecordedEvent): string =>
  `{"streamName":${JSON.stringify(event.streamName)},"revision":${event.revision},"position":${event.position},` +
  `"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},` +
  `"data":${canonicalJson(event.data, event, "data")},"metadata":${canonicalJson(event.metadata, event, "metadata")},` +
  `"recordedAt":${JSON.stringify(event.recordedAt)}}`;

const canonicalJson = (value: JsonObject, event: RecordedEvent, field: string): string => {
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError(`${event.streamName}@${event.revision}: ${field} has no JSON form`);
  return json;
};

/** Why a line of a history file is not a recorded event. */
export class HistoryLineError extends Error {
  /**
   * @param line - the line of the file, from 1.
   * @param reason - what is wrong with it.
   */
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(reason);
    this.name = "HistoryLineError";
  }
}

// Our own lines start with these three keys; reading their digits from the text keeps a
// position above 2^53 exact, where JSON.parse would round it.
const PREFIX = /^\{"streamName":"(?:[^"\\]|\\.)*","revision":(0|[1-9]\d*),"position":(0|[1-9]\d*),/;

const KEYS = ["streamName", "revision", "position", "id", "type", "data", "metadata", "recordedAt"] as const;

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

const integerField = (record: JsonObject, key: string, exact: string | undefined, line: number): bigint => {
  const value = record[key];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new HistoryLineError(line, `${key} is not a non-negative JSON integer: ${JSON.stringify(value)}`);
  }
  if (exact !== undefined) return BigInt(exact);
  if (!Number.isSafeInteger(value)) throw new HistoryLineError(line, `${key} ${value} is beyond 2^53 and was not written as our export writes it`);
  return BigInt(value);
};

/** Parses one line of an exported history; `line` (1-based) is only for the error. */
export const parseHistoryLine = (text: string, line: number): RecordedEvent => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HistoryLineError(line, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(parsed)) throw new HistoryLineError(line, "not a JSON object");
  for (const key of KEYS) if (!(key in parsed)) throw new HistoryLineError(line, `no ${key}`);
  for (const key of Object.keys(parsed)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new HistoryLineError(line, `unexpected key ${JSON.stringify(key)}`);
  }
  const { streamName, id, type, data, metadata, recordedAt } = parsed;
  if (typeof streamName !== "string" || streamName === "") throw new HistoryLineError(line, "streamName is not a non-empty string");
  if (typeof id !== "string" || id === "") throw new HistoryLineError(line, "id is not a non-empty string");
  if (typeof type !== "string" || type === "") throw new HistoryLineError(line, "type is not a non-empty string");
  if (!isObject(data)) throw new HistoryLineError(line, "data is not a JSON object");
  if (!isObject(metadata)) throw new HistoryLineError(line, "metadata is not a JSON object");
  if (typeof recordedAt !== "string") throw new HistoryLineError(line, "recordedAt is not a string");
  const exact = PREFIX.exec(text);
  return {
    streamName,
    revision: integerField(parsed, "revision", exact?.[1], line),
    position: integerField(parsed, "position", exact?.[2], line),
    id,
    type,
    data,
    metadata,
    recordedAt,
  };
};
