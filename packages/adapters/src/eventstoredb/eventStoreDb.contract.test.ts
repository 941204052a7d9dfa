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

describe.skipIf(connectionString === undefined)(
  connectionString === undefined
    ? "real EventStoreDB server: SKIPPED because EVENTSTORE_CONNECTION_STRING is not set"
    : "real EventStoreDB server at EVENTSTORE_CONNECTION_STRING",
  () => {
    describeEventStoreContract("eventstoredb", async () => ({
      store: createEventStoreDbEventStore(connectionString ?? ""),
    }));
  },
);
