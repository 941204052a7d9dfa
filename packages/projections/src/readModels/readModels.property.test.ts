import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRecordedEvent, type DecodedEvent } from "@grantledger/core";
import { createLedgerWorld, historyArbitrary } from "../testkit/ledgerHistory.testkit.js";
import { readEverything } from "../testkit/storeCopy.testkit.js";
import { READ_MODELS } from "../testkit/views.testkit.js";

// Freezes everything reachable, so that any change in place of a state given to a fold throws.
const deepFreeze = <T>(value: T, seen = new Set<unknown>()): T => {
  if (typeof value !== "object" || value === null || seen.has(value)) return value;
  seen.add(value);
  for (const child of Object.values(value)) deepFreeze(child, seen);
  return Object.freeze(value);
};

describe("the read models, over random histories", () => {
  it("fold batches (applyAll) exactly as event by event (apply), and never change a state they were given", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary(), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }), async (steps, cuts) => {
        const world = await createLedgerWorld();
        for (const [index, step] of steps.entries()) await world.run(step, index);
        const recorded = await readEverything(world.store);
        for (const { projection, view } of READ_MODELS) {
          const events: DecodedEvent[] = [];
          for (const event of recorded) {
            if (!projection.handles.some((type) => type === event.type)) continue;
            const decoded = decodeRecordedEvent(event);
            if (E.isLeft(decoded)) throw new Error(decoded.left.reason);
            events.push(decoded.right);
          }
          const oneByOne = events.reduce((state, event) => deepFreeze(projection.apply(state, event)), deepFreeze(projection.initialState));
          let batched = projection.initialState;
          for (let start = 0, cut = 0; start < events.length; cut++) {
            const size = cuts[cut % cuts.length] ?? 1;
            const batch = events.slice(start, start + size);
            start += size;
            batched = deepFreeze(projection.applyAll?.(batched, batch) ?? batch.reduce(projection.apply, batched));
          }
          expect(view(batched)).toEqual(view(oneByOne));
        }
      }),
      { numRuns: 20 },
    );
  });
});
