import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent, StreamNotFound } from "@grantledger/core";
import { quoteIdentifier } from "./sqlNames.js";
import { EVENT_COLUMNS, int8, recordedEventOf } from "./sqlRows.js";
import type { SqlExecutor } from "./sqlDriver.js";

const INT8_MAX = 9_223_372_036_854_775_807n;
const INT8_MIN = -9_223_372_036_854_775_808n;

/** A bigint the server accepts as int8, as text (which both drivers pass on unchanged). */
const int8Param = (value: bigint): string => (value > INT8_MAX ? INT8_MAX : value < INT8_MIN ? INT8_MIN : value).toString();

/** `maxCount` as a SQL LIMIT: absent means all (NULL), nonsense (negative, NaN) means none. */
export const sqlLimit = (maxCount: number | undefined): number | null =>
  maxCount === undefined || maxCount === Infinity ? null : Number.isNaN(maxCount) ? 0 : Math.max(0, Math.floor(maxCount));

/**
 * One stream's events, by the unique (stream_name, revision) index. A stream is known to exist
 * from the `streams` table, asked only when the window itself is empty.
 */
export const readStreamEvents = async (
  db: SqlExecutor,
  schema: string,
  streamName: string,
  options: ReadStreamOptions | undefined,
): Promise<Either<StreamNotFound, readonly RecordedEvent[]>> => {
  const s = quoteIdentifier(schema);
  const backwards = options?.direction === "backwards";
  const from = options?.fromRevision ?? (backwards ? INT8_MAX : 0n);
  const rows = await db.query(
    `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE stream_name = $1 AND revision ${backwards ? "<=" : ">="} $2::bigint
      ORDER BY revision ${backwards ? "DESC" : "ASC"} LIMIT $3`,
    [streamName, int8Param(from), sqlLimit(options?.maxCount)],
  );
  if (rows.length === 0) {
    const exists = await db.query(`SELECT 1 FROM ${s}.streams WHERE stream_name = $1`, [streamName]);
    if (exists.length === 0) return E.left({ _tag: "StreamNotFound", streamName });
  }
  return E.right(rows.map(recordedEventOf));
};

/** Events of all streams in global order, strictly after `after`, by the primary key. */
export const readAllEvents = async (
  db: SqlExecutor,
  schema: string,
  options: ReadAllOptions | undefined,
): Promise<readonly RecordedEvent[]> => {
  const rows = await db.query(
    `SELECT ${EVENT_COLUMNS} FROM ${quoteIdentifier(schema)}.events WHERE position > $1::bigint ORDER BY position LIMIT $2`,
    [int8Param(options?.after ?? -1n), sqlLimit(options?.maxCount)],
  );
  return rows.map(recordedEventOf);
};

/** A page for a subscription: the matching events, and how far the log has been looked through. */
export interface SubscriptionPage {
  readonly events: readonly RecordedEvent[];
  /** Every event up to here has been considered: delivered, or skipped for its stream name. */
  readonly scannedTo: bigint;
}

/**
 * Up to `limit` events after `after` whose stream names start with `prefix`, filtered by the
 * server. The head position comes from the same statement, so the same snapshot: when the page is
 * not full, everything up to the head has been seen, and the next page can start there instead
 * of scanning the skipped events again.
 */
export const readSubscriptionPage = async (
  db: SqlExecutor,
  schema: string,
  after: bigint,
  prefix: string | undefined,
  limit: number,
): Promise<SubscriptionPage> => {
  const s = quoteIdentifier(schema);
  const rows = await db.query(
    `SELECT page.*, head.position AS head FROM (SELECT coalesce(max(position), -1) AS position FROM ${s}.events) AS head
      LEFT JOIN LATERAL (SELECT ${EVENT_COLUMNS} FROM ${s}.events
        WHERE position > $1::bigint AND ($2::text IS NULL OR starts_with(stream_name, $2::text))
        ORDER BY position LIMIT $3) AS page ON true
      ORDER BY page.position`,
    [int8Param(after), prefix ?? null, limit],
  );
  const events = rows.filter((row) => row["id"] !== null).map(recordedEventOf);
  const last = events[events.length - 1];
  const head = rows[0] === undefined ? after : int8(rows[0], "head");
  const scannedTo = events.length === limit && last !== undefined ? last.position : head > after ? head : after;
  return { events, scannedTo };
};
