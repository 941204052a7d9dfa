import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { roundBudget } from "../readModels/roundBudget.js";
import { createMemoryReadModelStore } from "../store/memoryReadModelStore.js";
import type { ReadModelStore } from "../store/readModelStore.js";
import { createLedgerWorld, type Step } from "../testkit/ledgerHistory.testkit.js";
import { foldAll, right } from "../testkit/runnerChecks.testkit.js";
import { createProjectionRunner } from "./projectionRunner.js";

const life: readonly Step[] = [
  { kind: "apply", grant: 0, participants: [0, 6], weights: [3, 1, 1, 1], requested: 90_000 },
  { kind: "apply", grant: 1, participants: [1], weights: [1, 1, 1, 1], requested: 40_000 },
  { kind: "evaluate", grant: 0, recommend: true },
  { kind: "award", grant: 0, percent: 80 },
  { kind: "disburse", grant: 0, percent: 50 },
  { kind: "reject", grant: 1 },
];

const worldWith = async (steps: readonly Step[] = life) => {
  const world = await createLedgerWorld();
  for (const [index, step] of steps.entries()) await world.run(step, index);
  return world;
};

describe("createProjectionRunner", () => {
  it("holds the initial state until it has caught up, and is idle again after a catch-up alone", async () => {
    const world = await worldWith();
    const runner = createProjectionRunner({ store: world.store, projection: roundBudget, readModelStore: createMemoryReadModelStore() });
    expect([runner.current(), runner.status()]).toEqual([{ state: roundBudget.initialState, checkpoint: undefined }, "idle"]);
    const caught = right(await runner.catchUp()());
    expect(caught).toEqual({ state: await foldAll(world.store, roundBudget), checkpoint: await world.lastPosition() });
    expect([runner.current(), runner.status()]).toEqual([caught, "idle"]);
  });

  it("continues from the stored checkpoint, trusting the state saved with it, until asked to rebuild", async () => {
    const world = await worldWith();
    const readModelStore = createMemoryReadModelStore();
    const last = await world.lastPosition();
    await readModelStore.save("round-budget", { version: roundBudget.version, checkpoint: last, state: roundBudget.initialState })();
    const runner = createProjectionRunner({ store: world.store, projection: roundBudget, readModelStore });
    expect(right(await runner.catchUp()()).state).toEqual(roundBudget.initialState);
    expect(right(await runner.rebuild()())).toEqual({ state: await foldAll(world.store, roundBudget), checkpoint: last });
  });

  it("follows live, answers waiters as it gets there, and answers the rest when stopped", async () => {
    const world = await worldWith(life.slice(0, 2));
    const runner = createProjectionRunner({ store: world.store, projection: roundBudget, readModelStore: createMemoryReadModelStore() });
    expect(await runner.waitForPosition(0n)()).toMatchObject(E.left({ _tag: "RunnerNotRunning", position: 0n, checkpoint: undefined }));
    right(await runner.start()());
    right(await runner.start()());
    expect(runner.status()).toBe("live");
    const soon = runner.waitForPosition(6n)();
    const never = runner.waitForPosition(1_000n)();
    for (const [index, step] of life.slice(2).entries()) await world.run(step, index + 2);
    expect(right(await soon).checkpoint).toBeGreaterThanOrEqual(6n);
    await runner.stop();
    expect(await never).toMatchObject(E.left({ _tag: "RunnerNotRunning", position: 1_000n }));
    expect(runner.status()).toBe("stopped");
    expect(runner.current()).toEqual({ state: await foldAll(world.store, roundBudget), checkpoint: await world.lastPosition() });
  });

  it("catches up beside a live follower without applying anything twice", async () => {
    const world = await worldWith(life.slice(0, 1));
    const runner = createProjectionRunner({ store: world.store, projection: roundBudget, readModelStore: createMemoryReadModelStore(), batchSize: 2 });
    right(await runner.start()());
    const runs = life.slice(1).map((step, index) => world.run(step, index + 1));
    const catchUps = [runner.catchUp()(), runner.catchUp()()];
    await Promise.all(runs);
    await Promise.all(catchUps);
    right(await runner.waitForPosition((await world.lastPosition()) ?? 0n)());
    expect(runner.current().state).toEqual(await foldAll(world.store, roundBudget));
    await runner.stop();
  });

  it("stops a catch-up after its current batch, and a later start goes on from there", async () => {
    const world = await worldWith();
    const readModelStore = createMemoryReadModelStore();
    const runner = createProjectionRunner({ store: world.store, projection: roundBudget, readModelStore, batchSize: 1 });
    const starting = runner.start()();
    right(await runner.waitForPosition(3n)());
    await runner.stop();
    expect(E.isRight(await starting)).toBe(true);
    expect(runner.status()).toBe("stopped");
    // At most the batch in flight when stop() was called (one event) is taken after position 3.
    const stoppedAt = runner.current().checkpoint ?? -1n;
    expect(stoppedAt >= 3n && stoppedAt <= 4n).toBe(true);
    expect(await readModelStore.load("round-budget")()).toMatchObject(E.right({ checkpoint: stoppedAt }));
    right(await runner.start()());
    right(await runner.waitForPosition((await world.lastPosition()) ?? 0n)());
    expect(runner.current().state).toEqual(await foldAll(world.store, roundBudget));
    await runner.stop();
  });

  it("ends as stopped when the store closes under it", async () => {
    const world = await worldWith();
    const runner = createProjectionRunner({ store: world.store, projection: roundBudget, readModelStore: createMemoryReadModelStore() });
    right(await runner.start()());
    const waiting = runner.waitForPosition(1_000n)();
    await world.store.close();
    expect(await waiting).toMatchObject(E.left({ _tag: "RunnerNotRunning" }));
    expect(runner.status()).toBe("stopped");
    expect(await runner.catchUp()()).toMatchObject(E.left({ _tag: "EventStoreFailed", projection: "round-budget", error: { _tag: "StoreClosed" } }));
    expect(runner.status()).toBe("failed");
  });

  it("fails with ReadModelStoreFailed when the read-model store fails, even by throwing", async () => {
    const world = await worldWith();
    const errors: unknown[] = [];
    const broken: ReadModelStore = {
      load: () => () => Promise.reject(new Error("disk on fire")),
      save: () => () => Promise.reject(new Error("disk on fire")),
    };
    const runner = createProjectionRunner({ store: world.store, projection: roundBudget, readModelStore: broken, onError: (error) => errors.push(error) });
    const failure = { _tag: "ReadModelStoreFailed", name: "round-budget", operation: "load", reason: "disk on fire" };
    expect(await runner.start()()).toEqual(E.left(failure));
    expect([runner.status(), runner.failure(), errors]).toEqual(["failed", failure, [failure]]);
    expect(await runner.waitForPosition(0n)()).toEqual(E.left(failure));
  });

  it("is started again after a failure while live, and then misses nothing", async () => {
    const world = await worldWith(life.slice(0, 2));
    const saved = createMemoryReadModelStore();
    let broken = false;
    const flaky: ReadModelStore = {
      load: saved.load,
      save: (name, model) => (broken ? () => Promise.resolve(E.left({ _tag: "ReadModelStoreFailed", name, operation: "save", reason: "offline" })) : saved.save(name, model)),
    };
    const runner = createProjectionRunner({ store: world.store, projection: roundBudget, readModelStore: flaky });
    right(await runner.start()());
    broken = true;
    await world.run(life[2] as Step, 2);
    expect(await runner.waitForPosition((await world.lastPosition()) ?? 0n)()).toMatchObject(E.left({ _tag: "ReadModelStoreFailed", reason: "offline" }));
    expect(runner.status()).toBe("failed");
    broken = false;
    right(await runner.start()());
    expect(runner.status()).toBe("live");
    for (const [index, step] of life.slice(3).entries()) await world.run(step, index + 3);
    right(await runner.waitForPosition((await world.lastPosition()) ?? 0n)());
    expect(runner.current().state).toEqual(await foldAll(world.store, roundBudget));
    expect(await saved.load("round-budget")()).toMatchObject(E.right({ checkpoint: await world.lastPosition() }));
    await runner.stop();
  });
});
