import { describeReadModelStoreContract } from "../testing/readModelStoreContract.js";
import { createPostgresReadModelStore } from "./postgresReadModelStore.js";
import { TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";

// The read-model contract, with the projection runner, on embedded PostgreSQL: a PGlite of the
// suite's own, the events and read models in one schema, as a service keeps them.
describeReadModelStoreContract("postgres on PGlite (in memory)", async () => {
  const database = await TestDatabase.open("pglite");
  const store = await database.openStore(uniqueSchema("rm_contract"));
  return { eventStore: store, openReadModelStore: () => createPostgresReadModelStore(store), teardown: () => database.close() };
});
