import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { isRecordedTime, unstorableText } from "@grantledger/core";
import type { AccessDenied, InvalidAppend, RecordedEvent, StoreUnavailable } from "@grantledger/core";
import { HAS_IMPORT_EVENTS } from "./importEventsMigration.js";
import { schemaVersion } from "./openSchema.js";
import type { PostgresEventStore } from "./postgresEventStore.js";
import { accessDenied, describeSqlError, isAccessDenied, isDataException, unavailable } from "./sqlErrors.js";
import { quoteIdentifier } from "./sqlNames.js";
import { int8, optionalInt8, text } from "./sqlRows.js";
import type { SqlExecutor, SqlRow } from "./sqlDriver.js";

/** Events a bulk import writes in one transaction unless told otherwise. */
export const DEFAULT_EVENTS_PER_TRANSACTION = 10_000;

/** An event of the store, as a conflict names it. */
export interface EventInTheWay {
  /** Its id. */
  readonly id: string;
  /** Its stream. */
  readonly streamName: string;
  /** Its revision. */
  readonly revision: bigint;
  /** The `hash` in its metadata, if it has one. */
  readonly hash: string | undefined;
}

/** An event given to an import at another global position than it brought. */
export interface MovedPosition {
  /** The position it brought (the file's). */
  readonly file: bigint;
  /** The position the store gave it. */
  readonly target: bigint;
}

/**
 * The store holds something else where an imported event goes; nothing of the transaction that
 * met it was written (the transactions before it were).
 */
export interface ImportConflict {
  /** Its tag. */
  readonly _tag: "ImportConflict";
  /**
   * `duplicate_event_id`: the event's id is elsewhere in the store; `place_taken`: another id is
   * at the event's stream and revision; `different_hash`: the same id is there with another hash
   * in its metadata; `gap`: the stream's last revision in the store is not the one before the event.
   */
  readonly kind: "duplicate_event_id" | "place_taken" | "different_hash" | "gap";
  /** The imported event: its 0-based index among all the events given to the import. */
  readonly index: number;
  /** Its stream. */
  readonly streamName: string;
  /** Its revision. */
  readonly revision: bigint;
  /** Its id. */
  readonly eventId: string;
  /** The `hash` in its metadata, if it has one. */
  readonly hash: string | undefined;
  /**
   * What the store holds in its way, when an event: its id, stream, revision and metadata `hash`
   * (for `gap`: absent; the store's last revision of the stream is in `reason`).
   */
  readonly there: EventInTheWay | undefined;
  /** The same in one sentence. */
  readonly reason: string;
}

/** The schema predates the import function and the store was opened without migrating. */
export interface ImportNeedsMigration {
  /** Its tag. */
  readonly _tag: "ImportNeedsMigration";
  /** The schema. */
  readonly schema: string;
  /** The migration it is at. */
  readonly found: number;
  /** The same in one sentence. */
  readonly reason: string;
}

/** Why a bulk import stopped. Every transaction before the one that met it is committed. */
export type BulkImportError = ImportConflict | ImportNeedsMigration | InvalidAppend | AccessDenied | StoreUnavailable;

/** What a bulk import did. `events` = `appended` + `alreadyThere`. */
export interface BulkImportReport {
  /** Events given. */
  readonly events: number;
  /** Events written by this import. */
  readonly appended: number;
  /** Events the store held already at their places (a repeated or resumed import). */
  readonly alreadyThere: number;
  /** Transactions committed. */
  readonly transactions: number;
  /** The first event written at another global position than the one it brought, if any. */
  readonly movedPosition: MovedPosition | undefined;
}

/** How to import. */
export interface BulkImportOptions {
  /** Events a transaction writes (the last one fewer); {@link DEFAULT_EVENTS_PER_TRANSACTION} by default. */
  readonly eventsPerTransaction?: number;
  /** Called after each transaction commits, with the totals so far (a progress bar, a test that stops half-way). */
  readonly onCommitted?: (soFar: BulkImportReport) => void;
}

/**
 * A bulk import under way: events are given in the history's global order with {@link add} and
 * written {@link BulkImportOptions.eventsPerTransaction} at a time; {@link finish} writes the rest.
 */
export interface BulkImport {
  /**
   * Takes `events` (in order, after those given before). Resolves once they are buffered; when a
   * transaction's worth is full it is sent, and the call waits for the one sent before it, so
   * one transaction is written while the next is gathered. A `Left` is final: the import stopped.
   */
  add(events: Iterable<RecordedEvent>): Promise<Either<BulkImportError, void>>;
  /** Writes what is buffered, waits for every transaction, and reports. */
  finish(): Promise<Either<BulkImportError, BulkImportReport>>;
}

/** A UUID in its textual form, of any version or variant (as every append takes it). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// As in appendEvents: JSON text holds U+0000 only as an escape preceded by an even number of backslashes.
const NUL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u0000/;

const isJsonObject = (value: unknown): boolean => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * One transaction's events as the import function takes them, column by column: arrays of the
 * small fields, and data and metadata each as one JSON array built with one `JSON.stringify` an
 * event (arrays of thousands of large JSON elements cost several times more to send and parse).
 * The events are kept to name one in an error.
 */
class Batch {
  readonly events: RecordedEvent[] = [];
  readonly streams: string[] = [];
  readonly revisions: string[] = [];
  readonly ids: string[] = [];
  readonly hashes: (string | null)[] = [];
  readonly positions: string[] = [];
  readonly types: string[] = [];
  readonly recordedAt: string[] = [];
  private data = "[";
  private metadata = "[";

  constructor(readonly first: number) {}

  get length(): number {
    return this.events.length;
  }

  /** The function's parameters after `p_write`; `withPayload` false for a check, which needs none. */
  parameters(withPayload: boolean): unknown[] {
    const keys = [this.streams, this.revisions, this.ids, this.hashes, this.positions];
    return withPayload ? [...keys, this.types, this.recordedAt, `${this.data}]`, `${this.metadata}]`] : [...keys, [], [], "[]", "[]"];
  }

  /** Checks `event` (the checks every append makes of what it stores) and takes it; or says why not. */
  push(event: RecordedEvent): InvalidAppend | undefined {
    const where = `${event.streamName}@${event.revision}`;
    const invalid = (reason: string): InvalidAppend => ({ _tag: "InvalidAppend", streamName: event.streamName, reason: `${where}: ${reason}` });
    if (typeof event.streamName !== "string" || event.streamName.trim() === "") return invalid("the stream name is empty");
    if (typeof event.id !== "string" || !UUID.test(event.id)) return invalid(`the id is not a UUID: ${String(event.id)}`);
    if (typeof event.type !== "string" || event.type === "") return invalid("the type is empty");
    if (!isJsonObject(event.data) || !isJsonObject(event.metadata)) return invalid("data and metadata must be JSON objects");
    if (!isRecordedTime(event.recordedAt)) return invalid(`recordedAt is not a UTC time to the millisecond (YYYY-MM-DDTHH:MM:SS.sssZ): ${String(event.recordedAt)}`);
    const unstorable = unstorableText(event.type) ?? unstorableText(event.streamName);
    if (unstorable !== undefined) return invalid(`the type or stream name ${unstorable}`);
    let data: string;
    let metadata: string;
    try {
      data = JSON.stringify(event.data);
      metadata = JSON.stringify(event.metadata);
    } catch (error) {
      return invalid(`its data or metadata is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (NUL_ESCAPE.test(data) || NUL_ESCAPE.test(metadata) || event.streamName.includes("\u0000") || event.type.includes("\u0000")) {
      return invalid("it holds the character U+0000, which PostgreSQL cannot store in text or jsonb");
    }
    const hash = event.metadata["hash"];
    const comma = this.events.length === 0 ? "" : ",";
    this.data += comma + data;
    this.metadata += comma + metadata;
    this.types.push(event.type);
    this.recordedAt.push(event.recordedAt);
    this.events.push(event);
    this.streams.push(event.streamName);
    this.revisions.push(event.revision.toString());
    this.ids.push(event.id.toLowerCase());
    this.hashes.push(typeof hash === "string" ? hash : null);
    this.positions.push(event.position.toString());
    return undefined;
  }
}

const importSql = (schema: string): string =>
  `SELECT outcome, appended, already, head, r_n, there_id::text AS there_id, there_stream, there_revision, there_hash, moved_file, moved_target
     FROM ${quoteIdentifier(schema)}.import_events($1, $2::text[], $3::bigint[], $4::uuid[], $5::text[], $6::bigint[], $7::text[], $8::timestamptz[], $9::jsonb, $10::jsonb)`;

interface Outcome {
  readonly appended: number;
  readonly already: number;
  readonly moved: BulkImportReport["movedPosition"];
}

/** Runs the import function over one transaction's events; `write` false only checks them. */
const runBatch = async (db: SqlExecutor, schema: string, batch: Batch, write: boolean): Promise<Either<BulkImportError, Outcome>> => {
  let rows: readonly SqlRow[];
  try {
    rows = await db.query(importSql(schema), [write, ...batch.parameters(write)]);
  } catch (error) {
    if (isDataException(error)) return E.left({ _tag: "InvalidAppend", streamName: batch.events[0]?.streamName ?? "", reason: describeSqlError(error) });
    if (isAccessDenied(error)) return E.left(accessDenied("importEvents", error));
    throw error;
  }
  const [row] = rows;
  if (row === undefined) throw new Error("import_events returned no row");
  const outcome = text(row, "outcome");
  if (outcome === "imported" || outcome === "checked") {
    const file = optionalInt8(row, "moved_file");
    const target = optionalInt8(row, "moved_target");
    return E.right({
      appended: Number(int8(row, "appended")),
      already: Number(int8(row, "already")),
      moved: file === undefined || target === undefined ? undefined : { file, target },
    });
  }
  return E.left(conflictOf(outcome, row, batch));
};

const conflictOf = (kind: string, row: SqlRow, batch: Batch): ImportConflict => {
  const n = Number(int8(row, "r_n")) - 1;
  const event = batch.events[n];
  const streamName = event?.streamName ?? "";
  const revision = event?.revision ?? -1n;
  const eventId = event?.id.toLowerCase() ?? "";
  const thereRevision = optionalInt8(row, "there_revision");
  const thereId = row["there_id"];
  const thereHash = row["there_hash"];
  const there =
    typeof thereId === "string" && thereRevision !== undefined
      ? { id: thereId, streamName: text(row, "there_stream"), revision: thereRevision, hash: typeof thereHash === "string" ? thereHash : undefined }
      : undefined;
  const hash = event?.metadata["hash"];
  const place = `${streamName}@${revision}`;
  const reason =
    kind === "duplicate_event_id"
      ? `event ${eventId} (${place}) is already in the store as ${there?.streamName ?? "?"}@${there?.revision ?? "?"}`
      : kind === "place_taken"
        ? `${place} in the store is event ${there?.id ?? "?"}, not ${eventId}`
        : kind === "different_hash"
          ? `${place} in the store is event ${eventId} with another hash`
          : `${place} does not follow the store's last event of ${streamName} (revision ${thereRevision ?? "none"})`;
  if (kind !== "duplicate_event_id" && kind !== "place_taken" && kind !== "different_hash" && kind !== "gap") {
    throw new Error(`import_events returned the unknown outcome ${kind}`);
  }
  return { _tag: "ImportConflict", kind, index: batch.first + n, streamName, revision, eventId, hash: typeof hash === "string" ? hash : undefined, there, reason };
};

/** Whether the store's schema has the import function; `migrate: false` on an older schema leaves it out. */
const needsMigration = async (store: PostgresEventStore): Promise<ImportNeedsMigration | undefined> => {
  const found = await schemaVersion(store.driver, store.schema);
  if (found >= HAS_IMPORT_EVENTS) return undefined;
  return {
    _tag: "ImportNeedsMigration",
    schema: store.schema,
    found,
    reason: `schema ${store.schema} is at migration ${found}, before migration ${HAS_IMPORT_EVENTS} (bulk import); open the store with migrate (a role that may) to bring it up to date`,
  };
};

const failure = (error: unknown): BulkImportError => unavailable("importEvents", error);

/**
 * Starts a bulk import of a history's events into `store`: the events of an export (each with
 * its stream, revision, id, type, data, metadata and recorded time, in global order), written in
 * transactions of thousands (see `import_events`, migration 7): each takes the append lock,
 * skips the events already at their places, refuses by name an event whose place or id holds
 * something else, inserts the rest in the given order and updates `streams`, and commits. So an
 * import that is stopped (a kill, a lost connection) leaves whole transactions, and running it
 * again over the same events completes it, adding nothing twice; so does a repeated import.
 */
export const startBulkImport = (store: PostgresEventStore, options: BulkImportOptions = {}): BulkImport => {
  const size = Math.max(1, options.eventsPerTransaction ?? DEFAULT_EVENTS_PER_TRANSACTION);
  const ready = needsMigration(store).catch(failure);
  let given = 0;
  let buffer = new Batch(0);
  let inFlight: Promise<Either<BulkImportError, void>> | undefined;
  let stopped: BulkImportError | undefined;
  const totals = { appended: 0, alreadyThere: 0, transactions: 0, movedPosition: undefined as BulkImportReport["movedPosition"] };
  const report = (): BulkImportReport => ({ events: totals.appended + totals.alreadyThere, ...totals });

  const write = async (batch: Batch): Promise<Either<BulkImportError, void>> => {
    let done: Either<BulkImportError, Outcome>;
    try {
      done = await store.driver.transaction((tx) => runBatch(tx, store.schema, batch, true));
    } catch (error) {
      return E.left(failure(error));
    }
    if (E.isLeft(done)) return done;
    totals.appended += done.right.appended;
    totals.alreadyThere += done.right.already;
    totals.transactions += 1;
    totals.movedPosition ??= done.right.moved;
    options.onCommitted?.(report());
    return E.right(undefined);
  };

  // Waits for the transaction in flight, then sends `batch` (if any) without waiting for it.
  const send = async (batch: Batch | undefined): Promise<Either<BulkImportError, void>> => {
    const previous = await (inFlight ?? ready.then((refused) => (refused === undefined ? E.right(undefined) : E.left(refused))));
    inFlight = undefined;
    if (E.isLeft(previous)) {
      stopped = previous.left;
      return previous;
    }
    if (batch !== undefined && batch.length > 0) inFlight = write(batch);
    return E.right(undefined);
  };

  return {
    add: async (events) => {
      if (stopped !== undefined) return E.left(stopped);
      for (const event of events) {
        const invalid = buffer.push(event);
        if (invalid !== undefined) {
          stopped = invalid;
          return E.left(invalid);
        }
        given += 1;
        if (buffer.length >= size) {
          const full = buffer;
          buffer = new Batch(given);
          const sent = await send(full);
          if (E.isLeft(sent)) return sent;
        }
      }
      return E.right(undefined);
    },
    finish: async () => {
      if (stopped !== undefined) return E.left(stopped);
      const last = buffer;
      buffer = new Batch(given);
      const sent = await send(last);
      if (E.isLeft(sent)) return sent;
      const written = await send(undefined);
      return E.isLeft(written) ? written : E.right(report());
    },
  };
};

/**
 * {@link startBulkImport} over a source of batches: every event of `source`, in order, then the
 * report. A source that throws stops the import there (what was committed stays) and rejects.
 *
 * @example
 * const imported = await importEvents(store, readHistoryBatches("grants.ndjson"))();
 * if (E.isLeft(imported)) throw new Error(imported.left.reason);
 * console.log(`${imported.right.appended} appended, ${imported.right.alreadyThere} already there`);
 */
export const importEvents =
  (store: PostgresEventStore, source: AsyncIterable<Iterable<RecordedEvent>>, options?: BulkImportOptions): TaskEither<BulkImportError, BulkImportReport> =>
  async () => {
    const importer = startBulkImport(store, options);
    for await (const batch of source) {
      const added = await importer.add(batch);
      if (E.isLeft(added)) return added;
    }
    return importer.finish();
  };

/** What {@link checkImport} found when nothing was in the way. */
export interface ImportCheck {
  /** Events the store holds already at their places. */
  readonly alreadyThere: number;
}

/**
 * Checks, without writing or locking, that `store` can take `events`: the first conflict
 * {@link startBulkImport} would meet among those the store already holds (an id elsewhere, a
 * place held by another event, another hash), or how many are already there. Events not yet
 * there are not checked against each other's streams (no gap check): that is the import's own.
 */
export const checkImport =
  (store: PostgresEventStore, source: AsyncIterable<Iterable<RecordedEvent>>, options?: Pick<BulkImportOptions, "eventsPerTransaction">): TaskEither<BulkImportError, ImportCheck> =>
  async () => {
    const size = Math.max(1, options?.eventsPerTransaction ?? DEFAULT_EVENTS_PER_TRANSACTION);
    const refused = await needsMigration(store).catch(failure);
    if (refused !== undefined) return E.left(refused);
    let given = 0;
    let alreadyThere = 0;
    let batch = new Batch(0);
    const check = async (): Promise<Either<BulkImportError, void>> => {
      if (batch.length === 0) return E.right(undefined);
      let done: Either<BulkImportError, Outcome>;
      try {
        done = await runBatch(store.driver, store.schema, batch, false);
      } catch (error) {
        return E.left(failure(error));
      }
      batch = new Batch(given);
      if (E.isLeft(done)) return done;
      alreadyThere += done.right.already;
      return E.right(undefined);
    };
    for await (const events of source) {
      for (const event of events) {
        const invalid = batch.push(event);
        if (invalid !== undefined) return E.left(invalid);
        given += 1;
        if (batch.length >= size) {
          const checked = await check();
          if (E.isLeft(checked)) return checked;
        }
      }
    }
    const checked = await check();
    return E.isLeft(checked) ? checked : E.right({ alreadyThere });
  };
