import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { EventStore } from "@grantledger/core";
import { createPostgresEventStore, createPostgresReadModelStore } from "@grantledger/adapters/postgres";
import { createMemoryReadModelStore, foldRecorded, startGrantEngine, type ReadModelStore } from "@grantledger/projections";
import { inspectionsByGrant, openDeviations, uninspectedGrants } from "./inspectionsByGrant.js";
import { context, grantsIn, handlerOver, historyOf, must, visit } from "./inspections.testkit.js";

const closing = (inspectionId: string) => ({ type: "CloseDeviations" as const, data: { inspectionId, closedOn: "2009-12-01", notes: "Fixed" } });

/**
 * Starts the engine with the inspection read model, writes, checks the model against a fold of
 * the whole history, and stops. `applied` lists the events its `apply` was given: what was
 * folded in this run rather than loaded from the read-model store.
 */
const runEngine = async (store: EventStore, readModelStore: ReadModelStore, write: () => Promise<void>) => {
  const applied: string[] = [];
  const counting: typeof inspectionsByGrant = {
    ...inspectionsByGrant,
    apply: (state, event) => {
      applied.push(event.event.type);
      return inspectionsByGrant.apply(state, event);
    },
  };
  const engine = await must(startGrantEngine({ store, readModelStore, projections: [counting] }));
  try {
    const atStart = engine.readModel(inspectionsByGrant);
    await write();
    await must(engine.settled());
    const model = engine.readModel(inspectionsByGrant);
    const folded = foldRecorded(inspectionsByGrant, { state: inspectionsByGrant.initialState, checkpoint: undefined }, await historyOf(store));
    expect(folded.poison).toBeUndefined();
    expect(model).toEqual(folded.snapshot.state);
    return { atStart, model, applied };
  } finally {
    await engine.stop();
  }
};

describe("the inspection read model in the grant engine", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("follows inspections written after the start; settled() covers it; a restart goes on from its checkpoint (memory)", async () => {
    const store = await grantsIn();
    const readModelStore = createMemoryReadModelStore();
    const handler = handlerOver(store);
    const first = await runEngine(store, readModelStore, async () => {
      await must(handler.execute({ type: "RecordInspection", data: visit("i1") }, context()));
    });
    expect(uninspectedGrants(first.atStart)).toEqual(["awarded"]);
    expect(first.applied).toEqual(["GrantAwarded", "InspectionRecorded"]);
    expect(openDeviations(first.model, "awarded")).toBe(1);
    const saved = await must(readModelStore.load("inspections-by-grant"));
    expect(saved?.checkpoint).toBe((await historyOf(store)).at(-1)?.position);

    const second = await runEngine(store, readModelStore, async () => {
      await must(handler.execute(closing("i1"), context()));
    });
    // Loaded from the read-model store at start: only the event after its checkpoint is folded.
    expect(second.atStart).toEqual(first.model);
    expect(second.applied).toEqual(["DeviationsClosed"]);
    expect(openDeviations(second.model, "awarded")).toBe(0);
  });

  it("keeps its state in the store's database on PGlite, across a restart of the process", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gl-inspections-"));
    dirs.push(dir);
    const open = () => must(createPostgresEventStore({ url: `pglite:${dir}` }));
    const store = await open();
    let model: typeof inspectionsByGrant.initialState | undefined;
    try {
      await grantsIn(store);
      ({ model } = await runEngine(store, createPostgresReadModelStore(store), async () => {
        await must(handlerOver(store).execute({ type: "RecordInspection", data: visit("i1") }, context()));
      }));
    } finally {
      await store.close();
    }
    const reopened = await open();
    try {
      const again = await runEngine(reopened, createPostgresReadModelStore(reopened), async () => {
        await must(handlerOver(reopened).execute(closing("i1"), context()));
      });
      expect(again.atStart).toEqual(model);
      expect(again.applied).toEqual(["DeviationsClosed"]);
      expect(openDeviations(again.model, "awarded")).toBe(0);
    } finally {
      await reopened.close();
    }
  });
});
