import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import { BACKWARDS, binaryEvent, END, NO_STREAM, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from "@eventstore/db-client";
import type { EventStoreDBClient } from "@eventstore/db-client";
import type { ReadModelStore, ReadModelStoreFailed, StoredReadModel } from "@grantledger/projections";
import { checkDeadline, withDeadline } from "./deadline.js";
import { unavailabilityReason } from "./errorMapping.js";
import { DEFAULT_DEADLINE_MS } from "./eventStoreDbEventStore.js";
import { decodeReadModel, encodeReadModel, READ_MODEL_EVENT_TYPE } from "./readModelEncoding.js";

/** Options of {@link createEventStoreDbReadModelStore}. */
export interface EventStoreDbReadModelStoreOptions {
  /** The client to use; the store does not dispose it. */
  readonly client: EventStoreDBClient;
  /** The longest a load or save may take. Default 10 s. */
  readonly deadlineMs?: number;
  /** Read model `name` is kept in stream `<prefix><name>`. Default `grantledger-read-model-`. */
  readonly streamPrefix?: string;
}

type Revision = bigint | typeof NO_STREAM;

/**
 * A {@link ReadModelStore} in EventStoreDB, so a projection can run with EventStoreDB alone. Each
 * read model is one stream whose metadata sets `$maxCount` to 1: a save appends one event holding
 * version, checkpoint and state together (so a load sees all of one save, never parts of two),
 * and the server keeps only the latest. Saves use optimistic concurrency on the stream's
 * revision: a save fails, rather than overwrite, if anyone saved since this store last loaded or
 * saved that read model, which is how a second runner for the same projection shows itself.
 *
 * A state is limited by the server's maximum append size (1 MiB by default); a larger one fails
 * its save with `ReadModelStoreFailed`.
 */
export const createEventStoreDbReadModelStore = (options: EventStoreDbReadModelStoreOptions): ReadModelStore => {
  const { client } = options;
  const deadlineMs = checkDeadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const prefix = options.streamPrefix ?? "grantledger-read-model-";
  const known = new Map<string, Revision>();

  const failed = (name: string, operation: "load" | "save", reason: string): ReadModelStoreFailed => ({
    _tag: "ReadModelStoreFailed",
    name,
    operation,
    reason,
  });

  const readLatest = async (name: string): Promise<{ revision: Revision; data?: unknown; metadata?: unknown }> => {
    let latest: { revision: Revision; data?: unknown; metadata?: unknown } = { revision: NO_STREAM };
    try {
      // Read to the end (one event), never abandoned: see `collect`.
      for await (const resolved of client.readStream(prefix + name, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        const event = resolved.event;
        if (event !== undefined) latest = { revision: event.revision, data: event.data, metadata: event.metadata };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError || error instanceof StreamDeletedError)) throw error;
    }
    return latest;
  };

  const load = async (name: string): Promise<Either<ReadModelStoreFailed, StoredReadModel | undefined>> => {
    const latest = await readLatest(name);
    known.set(name, latest.revision);
    if (latest.revision === NO_STREAM) return E.right(undefined);
    const decoded = decodeReadModel(latest.data, latest.metadata);
    return E.isLeft(decoded) ? E.left(failed(name, "load", `${prefix + name}@${latest.revision}: ${decoded.left}`)) : decoded;
  };

  const save = async (name: string, model: StoredReadModel): Promise<Either<ReadModelStoreFailed, void>> => {
    // Encoded before anything is sent: what is saved is a copy, whatever the caller does next.
    const encoded = encodeReadModel(model);
    if (E.isLeft(encoded)) return E.left(failed(name, "save", encoded.left));
    const expected = known.get(name) ?? (await readLatest(name)).revision;
    const stream = prefix + name;
    if (expected === NO_STREAM) await client.setStreamMetadata(stream, { maxCount: 1 }, { deadline: deadlineMs });
    try {
      const event = binaryEvent({ type: READ_MODEL_EVENT_TYPE, data: encoded.right.data, metadata: encoded.right.metadata });
      const written = await client.appendToStream(stream, event, { expectedRevision: expected, deadline: deadlineMs });
      known.set(name, written.nextExpectedRevision);
      return E.right(undefined);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      known.delete(name);
      const found = error.actualVersion === NO_STREAM ? "none" : String(error.actualVersion);
      return E.left(failed(name, "save", `someone else saved read model ${name} since this store last read it (expected revision ${String(expected)}, found ${found}): is a second runner running?`));
    }
  };

  const guarded =
    <A>(name: string, operation: "load" | "save", work: () => Promise<Either<ReadModelStoreFailed, A>>) =>
    async (): Promise<Either<ReadModelStoreFailed, A>> => {
      try {
        return await withDeadline(operation, deadlineMs, work());
      } catch (error) {
        return E.left(failed(name, operation, unavailabilityReason(error)));
      }
    };

  return {
    load: (name) => guarded(name, "load", () => load(name)),
    save: (name, model) => guarded(name, "save", () => save(name, model)),
  };
};
