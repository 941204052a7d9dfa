import { v4 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { municipalityTotals, projectAsOf } from "@grantledger/projections";
import { createExclusiveProjectionRunner } from "./exclusiveProjectionRunner.js";
import type { ExclusiveProjectionRunner } from "./exclusiveProjectionRunner.js";
import type { PostgresEventStore } from "./postgresEventStore.js";
import { recordGrants, right } from "./readModelFixtures.testkit.js";
import { serverUrl, TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";

// A lock connection to kill needs a server; on PGlite, the hand-over on stop() is what can be shown.
const onServer = serverUrl === undefined ? it.skip : it;

let database: TestDatabase;
beforeAll(async () => {
  database = await TestDatabase.open("server");
});
afterAll(() => database.close());

const waitFor = async (what: string, condition: () => boolean): Promise<void> => {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 5_000) throw new Error(`waited 5 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Two stores on one schema (on a server: separate connections), each with a runner for the totals. */
const twoRunners = async (label: string) => {
  const schema = uniqueSchema(label);
  const names = [`gl_a_${v4().slice(0, 8)}`, `gl_b_${v4().slice(0, 8)}`] as const;
  const stores = [await database.openStore(schema, { applicationName: names[0] }), await database.openStore(schema, { applicationName: names[1] })] as const;
  const roles = { a: [] as string[], b: [] as string[] };
  const runner = (store: PostgresEventStore, label: keyof typeof roles): ExclusiveProjectionRunner<unknown> =>
    createExclusiveProjectionRunner({ store, projection: municipalityTotals, standbyPollMs: 50, batchSize: 4, onRoleChange: (role) => roles[label].push(role) });
  return { stores, names, roles, a: runner(stores[0], "a"), b: runner(stores[1], "b") };
};

/** The runner's state once it has reached `position`, checked against a fold of the whole log. */
const reachesAsOf = async (store: PostgresEventStore, runner: ExclusiveProjectionRunner<unknown>, position: bigint): Promise<void> => {
  const active = runner.active();
  if (active === undefined) throw new Error("not active");
  const reached = await right(active.waitForPosition(position));
  expect(reached.state).toEqual((await right(projectAsOf(store, municipalityTotals))).state);
};

describe("one active runner per projection across processes", () => {
  it("keeps a second runner as standby, which takes over where the first stopped", async () => {
    const { stores, roles, a, b } = await twoRunners("handover");
    try {
      await recordGrants(stores[0], 0, 3);
      a.start();
      await waitFor("a to be active", () => a.role() === "active");
      b.start();
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(b.role()).toBe("standby");
      await reachesAsOf(stores[0], a, await recordGrants(stores[0], 3, 5));
      await a.stop();
      await waitFor("b to take over", () => b.role() === "active");
      await reachesAsOf(stores[1], b, await recordGrants(stores[1], 5, 7));
      expect(roles).toEqual({ a: ["standby", "active", "stopped"], b: ["standby", "active"] });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  onServer("hands over when the active runner's connection dies; the old one steps down to standby", async () => {
    const { stores, names, a, b } = await twoRunners("failover");
    try {
      await recordGrants(stores[0], 0, 3);
      a.start();
      await waitFor("a to be active", () => a.role() === "active");
      b.start();
      await reachesAsOf(stores[0], a, await recordGrants(stores[0], 3, 4));
      const killed = await database.admin.query(
        `SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid
          WHERE s.application_name = $1 AND l.locktype = 'advisory'`,
        [names[0]],
      );
      expect(killed).toHaveLength(1);
      await waitFor("b to take over", () => b.role() === "active");
      await waitFor("a to step down", () => a.role() === "standby");
      await reachesAsOf(stores[1], b, await recordGrants(stores[1], 4, 7));
      expect(a.role()).toBe("standby");
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
