import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { AppendError, AppendResult, EventToAppend, ExpectedRevision, InvalidAppend } from "@grantledger/core";
import { prepareAppend } from "../shared/prepareAppend.js";
import type { PreparedEvent } from "../shared/prepareAppend.js";
import { KEEPS_RECORDED_AT } from "./keptRecordedAtMigration.js";
import { accessDenied, describeSqlError, isAccessDenied, isDataException } from "./sqlErrors.js";
import { quoteIdentifier } from "./sqlNames.js";
import { int8, optionalInt8, text } from "./sqlRows.js";
import type { SqlExecutor, SqlRow } from "./sqlDriver.js";

/**
 * Appends through the schema's `append_to_stream` function (see `eventTablesMigration.ts`): one
 * statement, one round trip, all or nothing. Input is checked first with the checks every adapter
 * shares, so a refusal reads the same as the memory store's. A session that may not write gets
 * `AccessDenied`; other driver failures reject, and the store turns them into `StoreUnavailable`.
 * `keepsRecordedAt` is false on a schema opened without migrating whose append function predates
 * kept times (see `keptRecordedAtMigration.ts`): it would drop them, so they are refused.
 */
export const appendEvents = async (
  db: SqlExecutor,
  schema: string,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  keepsRecordedAt: boolean,
): Promise<Either<AppendError, AppendResult>> => {
  const prepared = prepareAppend(streamName, events);
  if (E.isLeft(prepared)) return prepared;
  const timed = keepsRecordedAt ? -1 : prepared.right.findIndex((event) => event.recordedAt !== undefined);
  if (timed !== -1) return E.left(olderSchemaRefusal(streamName, schema, timed));
  const batch = JSON.stringify(prepared.right);
  if (NUL_ESCAPE.test(batch)) return E.left(nulRefusal(streamName, prepared.right));
  const sql = `SELECT outcome, r_revision, r_position, conflict_id::text AS conflict_id, conflict_stream, conflict_revision
    FROM ${quoteIdentifier(schema)}.append_to_stream($1, $2, $3::jsonb)`;
  let rows: readonly SqlRow[];
  try {
    rows = await db.query(sql, [streamName, typeof expected === "bigint" ? expected.toString() : expected, batch]);
  } catch (error) {
    // A value the server cannot store (invalid UTF-8, a lone surrogate in JSON, …): nothing was written.
    if (isDataException(error)) return E.left({ _tag: "InvalidAppend", streamName, reason: describeSqlError(error) });
    if (isAccessDenied(error)) return E.left(accessDenied("appendToStream", error));
    throw error;
  }
  const [row] = rows;
  if (row === undefined) throw new Error("append_to_stream returned no row");
  const revision = int8(row, "r_revision");
  switch (text(row, "outcome")) {
    case "appended":
    case "replayed":
      return E.right({ nextExpectedRevision: revision, position: int8(row, "r_position") });
    case "wrong_expected_version":
      return E.left({ _tag: "WrongExpectedVersion", streamName, expected, actual: revision < 0n ? "no_stream" : revision });
    case "duplicate_event_id":
      return E.left({
        _tag: "DuplicateEventId",
        streamName,
        eventId: text(row, "conflict_id"),
        existingStreamName: text(row, "conflict_stream"),
        existingRevision: optionalInt8(row, "conflict_revision") ?? -1n,
      });
    default:
      throw new Error(`append_to_stream returned the unknown outcome ${String(row["outcome"])}`);
  }
};

// JSON text holds U+0000 only as the escape \u0000; an escape is preceded by an even number of
// backslashes (an odd number would make it an escaped backslash followed by "u0000").
const NUL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u0000/;

const olderSchemaRefusal = (streamName: string, schema: string, index: number): InvalidAppend => ({
  _tag: "InvalidAppend",
  streamName,
  reason:
    `events[${index}].recordedAt cannot be kept: schema ${schema} is before migration ${KEEPS_RECORDED_AT}, ` +
    "and the store was opened without migrating; open it with migrate (a role that may) to bring it up to date",
});

/** jsonb cannot hold U+0000; say which event holds it, as the other refusals do. */
const nulRefusal = (streamName: string, batch: readonly PreparedEvent[]): InvalidAppend => {
  const where = batch.flatMap((event, index) =>
    (["type", "data", "metadata"] as const)
      .filter((field) => NUL_ESCAPE.test(JSON.stringify(event[field])))
      .map((field) => `events[${index}].${field}`),
  );
  return {
    _tag: "InvalidAppend",
    streamName,
    reason: `${where[0] ?? "an event"} holds the character U+0000, which PostgreSQL cannot store in text or jsonb`,
  };
};
