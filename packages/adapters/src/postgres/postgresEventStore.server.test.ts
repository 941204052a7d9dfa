import { describeEventStoreContract } from "../testing/eventStoreContract.js";
import { serverUrl, TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";

// The contract suite, unchanged, on the server named by GRANTLEDGER_PG_URL (PGlite without it),
// in a schema of its own that is dropped afterwards.
describeEventStoreContract(`postgres on ${serverUrl === undefined ? "PGlite (no GRANTLEDGER_PG_URL)" : "the server"}`, async () => {
  const database = await TestDatabase.open("server");
  return { store: await database.openStore(uniqueSchema("contract")), teardown: () => database.close() };
});
