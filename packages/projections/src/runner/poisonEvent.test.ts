import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "@grantledger/core";
import { projectAsOf } from "../projectAsOf.js";
import type { ProjectionError } from "../projectionError.js";
import { municipalityTotals } from "../readModels/municipalityTotals.js";
import { createMemoryReadModelStore } from "../store/memoryReadModelStore.js";
import { appendRaw, application, award, participant, someMetadata } from "../testkit/fixtures.testkit.js";
import { createLedgerWorld, historyArbitrary, type LedgerWorld } from "../testkit/ledgerHistory.testkit.js";
import { right } from "../testkit/runnerChecks.testkit.js";
import { READ_MODELS } from "../testkit/views.testkit.js";
import { createProjectionRunner } from "./projectionRunner.js";

// A disbursement every read model but the benefits one reads, with an amount that is not money.
const badDisbursement = { grantId: "g0", amount: -5, paymentRef: "p", disbursedAt: "2010-01-01T10:00:00Z" };

const runHistory = async (world: LedgerWorld, steps: readonly Parameters<LedgerWorld["run"]>[0][], offset: number) => {
  for (const [index, step] of steps.entries()) await world.run(step, offset + index);
};

describe("a poison event", () => {
  it("stops the runner (catching up or live) with its typed error; the checkpoint stays before it and nothing after it is applied", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary(3), historyArbitrary(3), fc.boolean(), fc.integer({ min: 1, max: 5 }), async (before, after, live, batchSize) => {
        const world = await createLedgerWorld();
        const errors: ProjectionError[] = [];
        const readModelStore = createMemoryReadModelStore();
        const runner = createProjectionRunner({ store: world.store, projection: municipalityTotals, readModelStore, batchSize, onError: (error) => errors.push(error) });
        if (live) right(await runner.start()());
        await runHistory(world, before, 0);
        const poisonAt = await appendRaw(world.store, "grant-g0", "GrantDisbursed", badDisbursement);
        await runHistory(world, after, 1_000);
        const last = (await world.lastPosition()) ?? 0n;

        const outcome = live ? await runner.waitForPosition(last)() : await runner.catchUp()();
        const poison = { _tag: "PoisonEvent", projection: "municipality-totals", streamName: "grant-g0", position: poisonAt, type: "GrantDisbursed", path: "event.data.amount" };
        expect(outcome).toMatchObject(E.left(poison));
        expect(runner.status()).toBe("failed");
        expect(runner.failure()).toMatchObject(poison);
        expect(errors).toHaveLength(1);
        expect(runner.current().checkpoint).toBe(poisonAt - 1n);
        const justBefore = right(await projectAsOf(world.store, municipalityTotals, { position: poisonAt - 1n })());
        expect(runner.current().state).toEqual(justBefore.state);
        // What was saved is the same: a restart resumes before the poison, and stops there again.
        expect(await readModelStore.load("municipality-totals")()).toEqual(E.right({ version: municipalityTotals.version, checkpoint: poisonAt - 1n, state: justBefore.state }));
        const restarted = createProjectionRunner({ store: world.store, projection: municipalityTotals, readModelStore });
        expect(await restarted.start()()).toMatchObject(E.left(poison));
        await runner.stop();
      }),
      { numRuns: 15 },
    );
  });

  it("names the revision of the event in its stream, and an as-of over it fails the same way", async () => {
    const world = await createLedgerWorld();
    await world.run({ kind: "apply", grant: 0, participants: [0], weights: [1, 1, 1, 1], requested: 1_000 }, 0);
    const poisonAt = await appendRaw(world.store, "grant-g0", "GrantDisbursed", badDisbursement);
    for (const { projection } of READ_MODELS.filter(({ projection }) => projection.handles.includes("GrantDisbursed"))) {
      const expected = { _tag: "PoisonEvent", projection: projection.name, streamName: "grant-g0", revision: 1n, position: poisonAt, type: "GrantDisbursed" };
      expect(await projectAsOf(world.store, projection)()).toMatchObject(E.left(expected));
      expect(await projectAsOf(world.store, projection, { position: poisonAt - 1n })()).toMatchObject(E.right({ position: poisonAt - 1n }));
    }
  });

  it("is also an event that passes its codec but that apply refuses: an award of a grant never applied for", async () => {
    const world = await createLedgerWorld();
    const poisonAt = await appendRaw(world.store, "grant-ghost", "GrantAwarded", award("ghost", 1_000, "r2009") as JsonObject);
    const runner = createProjectionRunner({ store: world.store, projection: municipalityTotals, readModelStore: createMemoryReadModelStore() });
    const outcome = await runner.catchUp()();
    expect(outcome).toMatchObject(E.left({ _tag: "PoisonEvent", position: poisonAt, type: "GrantAwarded", reason: expect.stringMatching(/grant ghost/) }));
    expect(E.isLeft(outcome) && "path" in outcome.left).toBe(false);
    expect(runner.current().checkpoint).toBe(poisonAt - 1n);
  });

  it("is not an event of a type the projection does not read (a seal, a type it has no use for)", async () => {
    const world = await createLedgerWorld();
    await appendRaw(world.store, "seal", "StreamsSealed", { root: "not a domain event" });
    await appendRaw(world.store, "grant-g9", "ApplicationEvaluated", { grantId: "g9", score: 900 }, { hash: "bad" });
    await appendRaw(world.store, "grant-g1", "GrantApplied", application("g1", [participant.municipality("1201", "Bergen", 10_000)], 500, "r2009") as JsonObject, someMetadata());
    const last = await world.lastPosition();
    const runner = createProjectionRunner({ store: world.store, projection: municipalityTotals, readModelStore: createMemoryReadModelStore() });
    expect(right(await runner.catchUp()()).checkpoint).toBe(last);
  });

  it("includes an event whose metadata fails its codec", async () => {
    const world = await createLedgerWorld();
    const data = application("g1", [participant.municipality("1201", "Bergen", 10_000)], 500, "r2009") as JsonObject;
    const poisonAt = await appendRaw(world.store, "grant-g1", "GrantApplied", data, { ...someMetadata(), hash: "not-a-hash" });
    const outcome = await projectAsOf(world.store, municipalityTotals)();
    expect(outcome).toMatchObject(E.left({ _tag: "PoisonEvent", position: poisonAt, path: "metadata.hash" }));
  });
});
