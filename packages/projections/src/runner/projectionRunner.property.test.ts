import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { projectAsOf } from "../projectAsOf.js";
import { createMemoryReadModelStore } from "../store/memoryReadModelStore.js";
import { createLedgerWorld, historyArbitrary } from "../testkit/ledgerHistory.testkit.js";
import { failingAfter, foldAll, right } from "../testkit/runnerChecks.testkit.js";
import { READ_MODELS } from "../testkit/views.testkit.js";
import { createProjectionRunner } from "./projectionRunner.js";
import type { ProjectionRunner } from "./projectionRunnerTypes.js";

describe("projection runner, over random histories", () => {
  it("live result = full rebuild = as of the last position", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary(), fc.integer({ min: 1, max: 6 }), fc.nat(40), async (steps, batchSize, rebuildAt) => {
        const world = await createLedgerWorld();
        const runners = READ_MODELS.map(({ projection }) => createProjectionRunner({ store: world.store, projection, readModelStore: createMemoryReadModelStore(), batchSize }));
        for (const runner of runners) right(await runner.start()());
        const rebuilds: Promise<unknown>[] = [];
        // Commands and the runners' following interleave, as in a running service; a rebuild
        // on request runs beside both.
        for (const [index, step] of steps.entries()) {
          if (index === rebuildAt) rebuilds.push(...runners.map((runner) => runner.rebuild()().then(right)));
          await world.run(step, index);
        }
        await Promise.all(rebuilds);
        const last = await world.lastPosition();
        if (last === undefined) throw new Error("the rounds were not opened");
        for (const [index, { projection, view }] of READ_MODELS.entries()) {
          const runner = runners[index] as ProjectionRunner<unknown>;
          const live = right(await runner.waitForPosition(last)());
          expect(live.checkpoint).toBe(last);
          const asOf = right(await projectAsOf(world.store, projection, { position: last })());
          const fresh = right(await createProjectionRunner({ store: world.store, projection, readModelStore: createMemoryReadModelStore() }).catchUp()());
          const rebuilt = right(await runner.rebuild()());
          expect(view(live.state)).toEqual(view(asOf.state));
          expect(view(fresh.state)).toEqual(view(asOf.state));
          expect(view(rebuilt.state)).toEqual(view(asOf.state));
          expect(live.state).toEqual(asOf.state);
          expect([asOf.position, fresh.checkpoint, rebuilt.checkpoint]).toEqual([last, last, last]);
          await runner.stop();
        }
      }),
      { numRuns: 20 },
    );
  });

  it("a runner stopped (or killed mid-save) at random points and started again ends with the same read model", async () => {
    const interruption = fc.record({ atStep: fc.nat(40), kill: fc.boolean(), savesBeforeDeath: fc.nat(3) });
    await fc.assert(
      fc.asyncProperty(historyArbitrary(), fc.array(interruption, { maxLength: 5 }), fc.integer({ min: 1, max: 4 }), async (steps, interruptions, batchSize) => {
        const world = await createLedgerWorld();
        const saved = createMemoryReadModelStore();
        for (const { projection, view } of READ_MODELS) {
          const startRunner = async (readModelStore = saved) => {
            const runner = createProjectionRunner({ store: world.store, projection, readModelStore, batchSize });
            await runner.start()();
            return runner;
          };
          let runner = await startRunner();
          for (const [index, step] of steps.entries()) {
            for (const { kill, savesBeforeDeath } of interruptions.filter((i) => i.atStep === index)) {
              // No waiting first: the stop lands wherever the runner happens to be.
              await runner.stop();
              runner = await startRunner(kill ? failingAfter(saved, savesBeforeDeath) : saved);
            }
            await world.run(step, index);
          }
          await runner.stop();
          runner = await startRunner();
          const last = await world.lastPosition();
          if (last === undefined) throw new Error("the rounds were not opened");
          const live = right(await runner.waitForPosition(last)());
          expect(view(live.state)).toEqual(view(await foldAll(world.store, projection)));
          expect(live.state).toEqual(await foldAll(world.store, projection));
          await runner.stop();
        }
      }),
      { numRuns: 20 },
    );
  });
});
