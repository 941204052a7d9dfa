/**
 * The contract suite, unchanged, against a real EventStoreDB or KurrentDB server, when
 * EVENTSTORE_CONNECTION_STRING says where one is (see the package README for a Docker command).
 * Without it the suite is reported as skipped, under a name that says why: no server can run in
 * this project's CI. The suite writes only to fresh, randomly named streams, so a shared server
 * with data in it is fine.
 */
import { describe } from "vitest";
import { describeEventStoreContract } from "../testing/eventStoreContract.js";
import { createEventStoreDbEventStore } from "./eventStoreDbEventStore.js";

const connectionString = process.env["EVENTSTORE_CONNECTION_STRING"];

/*
 * What EventStoreDB does not guarantee, so the suite holds it to what it does instead:
 * - ids are checked per stream ("The idempotence check is based on the EventId and stream. It is
 *   possible to reuse an EventId across streams": docs.geteventstore.com, "Optimistic Concurrency
 *   & Idempotence"; kurrent-io/KurrentDB#387, #1173);
 * - a batch expecting the stream's exact current revision is written without an id check
 *   (kurrent-io/KurrentDB#1898; `IndexWriter.CheckCommit` answers Ok when expected = current),
 *   while one expecting `any` that repeats only part of what was recently written is answered
 *   "wrong expected version" (`CorruptedIdempotency` in `StorageWriterService`).
 * A given recordedAt is kept, though the server stamps every event's time itself: the adapter
 * writes it into the event's metadata (under `$recordedAt`) and reads it back from there.
 */
describe.skipIf(connectionString === undefined)(
  connectionString === undefined
    ? "real EventStoreDB server: SKIPPED because EVENTSTORE_CONNECTION_STRING is not set"
    : "real EventStoreDB server at EVENTSTORE_CONNECTION_STRING",
  () => {
    describeEventStoreContract(
      "eventstoredb",
      async () => ({ store: createEventStoreDbEventStore(connectionString ?? "") }),
      { capabilities: { uniqueEventIdsAcrossStreams: false, uniqueEventIdsWithinStream: false, keepsRecordedAt: true } },
    );
  },
);
