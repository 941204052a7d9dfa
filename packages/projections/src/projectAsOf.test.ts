import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stepClock } from "./testkit/fixtures.testkit.js";
import { createLedgerWorld, historyArbitrary } from "./testkit/ledgerHistory.testkit.js";
import { copyUpTo, readEverything } from "./testkit/storeCopy.testkit.js";
import { READ_MODELS } from "./testkit/views.testkit.js";
import { projectAsOf } from "./projectAsOf.js";
import { getGrant, grantRegister } from "./readModels/grantRegister.js";
import { roundBudget } from "./readModels/roundBudget.js";
import { getRoundBudget } from "./readModels/roundBudgetQueries.js";

const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected Right, got ${JSON.stringify(result.left, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`);
  return result.right;
};

describe("projectAsOf", () => {
  it("answers what was known at a recorded time: awarded then, paid only later", async () => {
    const world = await createLedgerWorld(stepClock("2009-01-01T00:00:00.000Z"));
    const steps = [
      { kind: "apply", grant: 0, participants: [0, 1], weights: [1, 1, 1, 1], requested: 100_000 },
      { kind: "evaluate", grant: 0, recommend: true },
      { kind: "award", grant: 0, percent: 50 },
      { kind: "disburse", grant: 0, percent: 100 },
    ] as const;
    for (const [index, step] of steps.entries()) await world.run(step, index);
    const events = await readEverything(world.store);
    expect(events.map((event) => event.type)).toEqual(["RoundOpened", "RoundOpened", "GrantApplied", "ApplicationEvaluated", "FundsCommitted", "GrantAwarded", "GrantDisbursed"]);
    const awardedAt = events[5]?.recordedAt ?? "";
    const halfASecondLater = new Date(Date.parse(awardedAt) + 500).toISOString();

    const then = right(await projectAsOf(world.store, grantRegister, { knownAt: halfASecondLater })());
    expect(then.position).toBe(5n);
    expect(getGrant(then.state, "g0")).toMatchObject({ status: "awarded", awarded: 50_000, disbursed: 0 });
    const now = right(await projectAsOf(world.store, grantRegister)());
    expect(getGrant(now.state, "g0")).toMatchObject({ status: "awarded", disbursed: 50_000 });

    // The same moment written in another zone is the same moment.
    const inOslo = new Date(Date.parse(halfASecondLater) + 3_600_000).toISOString().replace("Z", "+01:00");
    expect(right(await projectAsOf(world.store, grantRegister, { knownAt: inOslo })()).position).toBe(5n);

    const budgetThen = right(await projectAsOf(world.store, roundBudget, { position: 4n })());
    expect(getRoundBudget(budgetThen.state, "r2009")).toMatchObject({ committed: 50_000, awarded: 0, pending: 1 });
  });

  it("is the initial state before the first event, and refuses a time it cannot read", async () => {
    const world = await createLedgerWorld(stepClock("2009-01-01T00:00:00.000Z"));
    expect(right(await projectAsOf(world.store, roundBudget, { knownAt: "2008-12-31T23:59:59Z" })())).toEqual({
      state: roundBudget.initialState,
      position: undefined,
    });
    expect(await projectAsOf(world.store, roundBudget, { knownAt: "yesterday" })()).toEqual(
      E.left({ _tag: "InvalidAsOf", projection: "round-budget", option: "knownAt", value: "yesterday" }),
    );
  });

  it("as of a position or a time equals the same fold over the history as it stood then", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary(20), fc.nat(), fc.integer({ min: 1, max: 7 }), async (steps, cutSeed, pageSize) => {
        const world = await createLedgerWorld(stepClock());
        for (const [index, step] of steps.entries()) await world.run(step, index);
        const events = await readEverything(world.store);
        const cut = events[cutSeed % events.length];
        if (cut === undefined) throw new Error("no events");
        // Events recorded in the same append share a time; as of that time, all of them count.
        const lastAtThatTime = events.filter((event) => event.recordedAt <= cut.recordedAt).at(-1)?.position;
        const then = await copyUpTo(world.store, cut.position);
        const thenByTime = await copyUpTo(world.store, lastAtThatTime);
        for (const { projection, view } of READ_MODELS) {
          const expected = right(await projectAsOf(then, projection)());
          const byPosition = right(await projectAsOf(world.store, projection, { position: cut.position, pageSize })());
          expect(byPosition.position).toBe(cut.position);
          expect(view(byPosition.state)).toEqual(view(expected.state));
          const byTime = right(await projectAsOf(world.store, projection, { knownAt: cut.recordedAt, pageSize })());
          expect(byTime.position).toBe(lastAtThatTime);
          expect(view(byTime.state)).toEqual(view(right(await projectAsOf(thenByTime, projection)()).state));
        }
      }),
      { numRuns: 15 },
    );
  });
});
