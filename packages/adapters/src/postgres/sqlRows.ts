import type { JsonObject, RecordedEvent } from "@grantledger/core";
import type { SqlRow } from "./sqlDriver.js";

/** A row that does not have the shape the store's own SQL gives it: the schema is not ours. */
export class UnexpectedRow extends Error {
  constructor(column: string, value: unknown) {
    super(`unexpected value in column ${column}: ${String(value)}`);
    this.name = "UnexpectedRow";
  }
}

/**
 * The columns every event read selects. Data and metadata come as text and are parsed here, and
 * the time is formatted by the server, so both drivers (whose type parsers differ) give the same.
 */
export const EVENT_COLUMNS = `position, stream_name, revision, id::text AS id, type, data::text AS data,
  metadata::text AS metadata, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

/** A row selected with {@link EVENT_COLUMNS} as a recorded event. */
export const recordedEventOf = (row: SqlRow): RecordedEvent => ({
  id: text(row, "id"),
  type: text(row, "type"),
  data: jsonObject(row, "data"),
  metadata: jsonObject(row, "metadata"),
  streamName: text(row, "stream_name"),
  revision: int8(row, "revision"),
  position: int8(row, "position"),
  recordedAt: text(row, "recorded_at"),
});

/** A string column. */
export const text = (row: SqlRow, column: string): string => {
  const value = row[column];
  if (typeof value !== "string") throw new UnexpectedRow(column, value);
  return value;
};

/**
 * A bigint column: `pg` gives int8 as a string (a JS number would lose precision above 2^53),
 * PGlite as a number or, when large, a bigint.
 */
export const int8 = (row: SqlRow, column: string): bigint => {
  const value = row[column];
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  throw new UnexpectedRow(column, value);
};

/** A nullable bigint column. */
export const optionalInt8 = (row: SqlRow, column: string): bigint | undefined =>
  row[column] === null || row[column] === undefined ? undefined : int8(row, column);

const jsonObject = (row: SqlRow, column: string): JsonObject => {
  const value: unknown = JSON.parse(text(row, column));
  if (!isJsonObject(value)) throw new UnexpectedRow(column, value);
  return value;
};

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);
