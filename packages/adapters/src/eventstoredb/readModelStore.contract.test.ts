/**
 * The read-model contract, with the projection runner, against a real EventStoreDB or KurrentDB
 * server when EVENTSTORE_CONNECTION_STRING says where one is; reported as skipped, under a name
 * that says why, without it. Events and read models are both kept in the server, as a service
 * with EventStoreDB alone keeps them; every test uses new streams and read-model names.
 */
import { EventStoreDBClient } from "@eventstore/db-client";
import { describe } from "vitest";
import { describeReadModelStoreContract } from "../testing/readModelStoreContract.js";
import { createEventStoreDbEventStore } from "./eventStoreDbEventStore.js";
import { createEventStoreDbReadModelStore } from "./readModelStore.js";

const connectionString = process.env["EVENTSTORE_CONNECTION_STRING"];

describe.skipIf(connectionString === undefined)(
  connectionString === undefined
    ? "real EventStoreDB server: SKIPPED because EVENTSTORE_CONNECTION_STRING is not set"
    : "real EventStoreDB server at EVENTSTORE_CONNECTION_STRING",
  () => {
    describeReadModelStoreContract("eventstoredb", async () => {
      const client = EventStoreDBClient.connectionString(connectionString ?? "");
      return {
        eventStore: createEventStoreDbEventStore({ client }),
        openReadModelStore: () => createEventStoreDbReadModelStore({ client }),
        teardown: () => client.dispose(),
      };
    });
  },
);
