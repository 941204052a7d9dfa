import { createMemoryReadModelStore } from "@grantledger/projections";
import { describeReadModelStoreContract } from "../testing/readModelStoreContract.js";
import { createMemoryEventStore } from "./memoryEventStore.js";

// The read-model contract on the memory stores. One read-model store for the suite: a
// "restarted" runner opens the same one, as a process would reopen the same database.
describeReadModelStoreContract("memory", async () => {
  const readModels = createMemoryReadModelStore();
  return { eventStore: createMemoryEventStore(), openReadModelStore: () => readModels };
});
