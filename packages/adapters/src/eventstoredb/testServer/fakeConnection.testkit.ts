import { EventStoreDBClient } from "@eventstore/db-client";
import type { EventStore } from "@grantledger/core";
import { createEventStoreDbEventStore } from "../eventStoreDbEventStore.js";
import { startFakeEventStoreDb, type FakeEventStoreDb, type FakeEventStoreDbOptions } from "./fakeEventStoreDb.testkit.js";

/** A fake server, the real client connected to it, and the adapter's store over that client. */
export interface FakeConnection {
  readonly server: FakeEventStoreDb;
  readonly client: EventStoreDBClient;
  readonly store: EventStore;
  /** Closes the store, the client and the server, in that order. */
  close(): Promise<void>;
}

/** What most wire-format tests start with: a fake server and the adapter talking to it over real gRPC. */
export const connectToFakeEventStoreDb = async (options: FakeEventStoreDbOptions = { generation: "batch-append" }): Promise<FakeConnection> => {
  const server = await startFakeEventStoreDb(options);
  const client = EventStoreDBClient.connectionString(server.connectionString);
  const store = createEventStoreDbEventStore({ client, deadlineMs: 5_000 });
  return {
    server,
    client,
    store,
    close: async () => {
      await store.close();
      await client.dispose();
      await server.close();
    },
  };
};
