/**
 * WIRE-FORMAT TESTS, not a substitute for a real server: the real client talks real gRPC to a
 * test server registered from the service definitions the client ships, with the memory store
 * behind it (see `testServer/fakeEventStoreDb.testkit.ts`). They check that the adapter and the
 * client agree on the wire, for both kinds of server the client knows (with and without batch
 * append). The contract suite against a real EventStoreDB is in `eventStoreDb.contract.test.ts`.
 */
import { afterAll, beforeAll, describe } from "vitest";
import type { EventStore } from "@grantledger/core";
import { expectedRevisionContract } from "../testing/expectedRevisionContract.js";
import { globalOrderContract } from "../testing/globalOrderContract.js";
import { idempotencyContract } from "../testing/idempotencyContract.js";
import { readContract } from "../testing/readContract.js";
import { recordedAtContract } from "../testing/recordedAtContract.js";
import { subscriptionContract } from "../testing/subscriptionContract.js";
import { createEventStoreDbEventStore } from "./eventStoreDbEventStore.js";
import { startFakeEventStoreDb } from "./testServer/fakeEventStoreDb.testkit.js";
import type { FakeEventStoreDb, ServerGeneration } from "./testServer/fakeEventStoreDb.testkit.js";

describe.each<ServerGeneration>(["batch-append", "legacy-append"])("wire-format test against a fake %s server (not a real EventStoreDB)", (generation) => {
  let server: FakeEventStoreDb | undefined;
  let store: EventStore | undefined;
  const getStore = (): EventStore => {
    if (store === undefined) throw new Error("the test server did not start");
    return store;
  };

  beforeAll(async () => {
    server = await startFakeEventStoreDb({ generation });
    store = createEventStoreDbEventStore({ connectionString: server.connectionString, deadlineMs: 5_000 });
  });

  afterAll(async () => {
    await store?.close();
    await server?.close();
  });

  // The contract suite's groups that a memory-backed server can answer as EventStoreDB would.
  // The event-id group is left out: this server checks ids across streams as the memory store
  // does and EventStoreDB does not, so only a real server (with EventStoreDB's capabilities
  // declared, see eventStoreDb.contract.test.ts) can judge it.
  expectedRevisionContract(getStore);
  idempotencyContract(getStore);
  readContract(getStore);
  globalOrderContract(getStore);
  subscriptionContract(getStore);
  // The adapter keeps a given time in the event's metadata (`$recordedAt`), as a real server would store it.
  recordedAtContract(getStore, { keepsRecordedAt: true });
});
