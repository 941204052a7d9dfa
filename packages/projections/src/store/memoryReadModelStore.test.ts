import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createMemoryReadModelStore } from "./memoryReadModelStore.js";

// What every read-model store must do is tested by the read-model contract, which runs on this
// store in @grantledger/adapters (memoryReadModelStore.contract.test.ts). These are its own ways.
describe("createMemoryReadModelStore", () => {
  it("saves a new version whole, though it shares objects with the one before", async () => {
    const store = createMemoryReadModelStore();
    const rows = [{ awarded: 1 }];
    await store.save("totals", { version: 1, checkpoint: 0n, state: { rows, total: 1 } })();
    await store.save("totals", { version: 1, checkpoint: 1n, state: { rows, total: 2, more: [rows] } })();
    expect(await store.load("totals")()).toEqual(E.right({ version: 1, checkpoint: 1n, state: { rows: [{ awarded: 1 }], total: 2, more: [[{ awarded: 1 }]] } }));
  });

  it("saves correctly after a save that failed half-way", async () => {
    const store = createMemoryReadModelStore();
    const rows = [{ awarded: 1 }, { awarded: 2 }];
    await store.save("totals", { version: 1, checkpoint: 0n, state: { rows: [rows[0], () => 0] } })();
    await store.save("totals", { version: 1, checkpoint: 1n, state: { rows } })();
    expect(await store.load("totals")()).toEqual(E.right({ version: 1, checkpoint: 1n, state: { rows: [{ awarded: 1 }, { awarded: 2 }] } }));
  });
});
