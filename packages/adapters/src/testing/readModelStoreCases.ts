import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { ReadModelStore } from "@grantledger/projections";
import { fail, succeed } from "./contractFixtures.js";
import { uniqueReadModelName } from "./readModelContractFixtures.js";

/** How a contract test gets a read-model store over the storage under test. */
export type GetReadModelStore = () => ReadModelStore;

/** [1, <hole>, 3]: a serialisation through JSON would turn the hole into null. */
const sparse = (): unknown[] => {
  const array: unknown[] = [1, 2, 3];
  delete array[1];
  return array;
};

/** A state with what a careless store changes: Maps, bigints, `undefined`, holes, nesting. */
const awkwardState = () => ({
  rows: new Map([["1201", { awarded: 5n, note: undefined, names: ["Bergen", "Bjørgvin"] }]]),
  trie: sparse(),
  nothing: null,
  deep: { a: { b: { c: [1.5, -0, "ære"] } } },
});

/** Registers the tests of the store itself: what a load gives back after saves, and after a failed one. */
export const readModelStoreCases = (getReadModels: GetReadModelStore): void => {
  describe("the read-model store", () => {
    it("has nothing under a name never saved", async () => {
      expect(await getReadModels().load(uniqueReadModelName("never"))()).toEqual(E.right(undefined));
    });

    it("gives back exactly the version, checkpoint and state saved: Maps, bigints, undefined, sparse arrays", async () => {
      const readModels = getReadModels();
      const name = uniqueReadModelName("exact");
      await succeed(readModels.save(name, { version: 3, checkpoint: 41n, state: awkwardState() }));
      expect(await succeed(readModels.load(name))).toStrictEqual({ version: 3, checkpoint: 41n, state: awkwardState() });
      await succeed(readModels.save(name, { version: 3, checkpoint: undefined, state: 0 }));
      expect(await succeed(readModels.load(name))).toStrictEqual({ version: 3, checkpoint: undefined, state: 0 });
    });

    it("keeps a copy: changing the object saved, or the one loaded, changes nothing stored", async () => {
      const readModels = getReadModels();
      const name = uniqueReadModelName("copy");
      const state = { rows: [{ awarded: 100 }], totals: new Map([["1201", 100]]) };
      await succeed(readModels.save(name, { version: 1, checkpoint: 0n, state }));
      state.rows[0] = { awarded: -1 };
      state.totals.set("1247", 7);
      const loaded = await succeed(readModels.load(name));
      (loaded?.state as typeof state).rows.push({ awarded: 5 });
      expect(await succeed(readModels.load(name))).toEqual({ version: 1, checkpoint: 0n, state: { rows: [{ awarded: 100 }], totals: new Map([["1201", 100]]) } });
    });

    it("replaces a read model whole on a later save, also one of another version", async () => {
      const readModels = getReadModels();
      const name = uniqueReadModelName("replace");
      await succeed(readModels.save(name, { version: 1, checkpoint: 4n, state: { rows: new Map([["1201", 5]]), old: true } }));
      await succeed(readModels.save(name, { version: 2, checkpoint: 9n, state: { rows: new Map([["1201", 7]]) } }));
      expect(await succeed(readModels.load(name))).toStrictEqual({ version: 2, checkpoint: 9n, state: { rows: new Map([["1201", 7]]) } });
    });

    it("keeps read models apart by name", async () => {
      const readModels = getReadModels();
      const [one, two] = [uniqueReadModelName("one"), uniqueReadModelName("two")];
      await succeed(readModels.save(one, { version: 1, checkpoint: 1n, state: "one" }));
      await succeed(readModels.save(two, { version: 2, checkpoint: 2n, state: "two" }));
      expect(await succeed(readModels.load(one))).toEqual({ version: 1, checkpoint: 1n, state: "one" });
      expect(await succeed(readModels.load(two))).toEqual({ version: 2, checkpoint: 2n, state: "two" });
    });

    it("refuses a state it cannot save with ReadModelStoreFailed, keeping the state and checkpoint saved before", async () => {
      const readModels = getReadModels();
      const name = uniqueReadModelName("refused");
      await succeed(readModels.save(name, { version: 1, checkpoint: 1n, state: { kept: new Map([["1201", 1n]]) } }));
      const refused = await fail(readModels.save(name, { version: 1, checkpoint: 2n, state: { kept: new Map([["1201", 2n]]), f: () => 1 } }));
      expect(refused).toMatchObject({ _tag: "ReadModelStoreFailed", name, operation: "save", reason: expect.any(String) });
      expect(await succeed(readModels.load(name))).toStrictEqual({ version: 1, checkpoint: 1n, state: { kept: new Map([["1201", 1n]]) } });
      // The store is not left broken: the next save of a good state is kept.
      await succeed(readModels.save(name, { version: 1, checkpoint: 3n, state: { kept: new Map([["1201", 3n]]) } }));
      expect(await succeed(readModels.load(name))).toStrictEqual({ version: 1, checkpoint: 3n, state: { kept: new Map([["1201", 3n]]) } });
    });
  });
};
