import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createMemoryReadModelStore } from "./memoryReadModelStore.js";

describe("createMemoryReadModelStore", () => {
  it("has nothing under a name never saved", async () => {
    expect(await createMemoryReadModelStore().load("totals")()).toEqual(E.right(undefined));
  });

  it("keeps version, checkpoint and state together, as saved", async () => {
    const store = createMemoryReadModelStore();
    await store.save("totals", { version: 1, checkpoint: 4n, state: { rows: new Map([["1201", 5]]) } })();
    await store.save("totals", { version: 2, checkpoint: 9n, state: { rows: new Map([["1201", 7]]) } })();
    expect(await store.load("totals")()).toEqual(E.right({ version: 2, checkpoint: 9n, state: { rows: new Map([["1201", 7]]) } }));
  });

  it("keeps a copy: changing the saved or the loaded object later changes nothing stored", async () => {
    const store = createMemoryReadModelStore();
    const state = { rows: [{ awarded: 100 }] };
    await store.save("totals", { version: 1, checkpoint: 0n, state })();
    state.rows[0] = { awarded: -1 };
    const loaded = await store.load("totals")();
    if (E.isLeft(loaded) || loaded.right === undefined) throw new Error("expected a model");
    (loaded.right.state as typeof state).rows.push({ awarded: 5 });
    expect(await store.load("totals")()).toEqual(E.right({ version: 1, checkpoint: 0n, state: { rows: [{ awarded: 100 }] } }));
  });

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

  it("refuses a state that cannot be copied, and keeps what it had", async () => {
    const store = createMemoryReadModelStore();
    await store.save("totals", { version: 1, checkpoint: 0n, state: 1 })();
    const refused = await store.save("totals", { version: 1, checkpoint: 1n, state: { f: () => 1 } })();
    expect(refused).toMatchObject(E.left({ _tag: "ReadModelStoreFailed", name: "totals", operation: "save" }));
    expect(await store.load("totals")()).toEqual(E.right({ version: 1, checkpoint: 0n, state: 1 }));
  });
});
