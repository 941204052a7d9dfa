import * as E from "fp-ts/lib/Either.js";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { CommandOutcome } from "./commandOutcome.js";
import type { LedgerError } from "./grantLedger.js";
import { application, award, context, createTestStore, crisisRound, evaluation, ledgerOver, typesIn } from "./ledger.testkit.js";
import { promiseMethods } from "./promiseMethods.js";

describe("ledger.run: the ledger's methods as promises", () => {
  it("runs each command at once and answers the same Either as the TaskEither method", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    expect(E.isRight(await ledger.run.openRound(crisisRound(), context()))).toBe(true);
    expect(E.isRight(await ledger.run.applyForGrant(application("g1"), context()))).toBe(true);
    expect(E.isRight(await ledger.run.evaluateApplication(evaluation("g1"), context()))).toBe(true);
    const awarded = await ledger.run.awardGrant(award("g1", 5_000_000), context("award-g1"));
    expect(E.isRight(awarded) && awarded.right.events.map((e) => e.event.type)).toEqual(["FundsCommitted", "GrantAwarded"]);
    expect(typesIn(store, "grant-g1")).toEqual(["GrantApplied", "ApplicationEvaluated", "GrantAwarded"]);

    const again = await ledger.run.awardGrant(award("g1", 6_000_000), context());
    expect(again).toEqual(await ledger.awardGrant(award("g1", 6_000_000), context())());
    expect(E.isLeft(again) && again.left).toMatchObject({ _tag: "GrantAlreadyDecided", grantId: "g1", status: "awarded" });

    const retried = await ledger.run.execute({ type: "AwardGrant", data: award("g1", 5_000_000) }, context("award-g1"));
    expect(E.isRight(retried) && retried.right.alreadyHandled).toBe(true);
    const round = await ledger.run.readRound("r");
    expect(E.isRight(round) && round.right.status !== "none" && round.right.committed).toBe(5_000_000);
  });

  it("runs the command on the call, where a TaskEither method without its () does nothing", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    const forgotten = ledger.openRound(crisisRound("r3"), context());
    await ledger.run.openRound(crisisRound("r2"), context());
    expect(typesIn(store, "round-r2")).toEqual(["RoundOpened"]);
    expect(typesIn(store, "round-r3")).toEqual([]);
    expect(typeof forgotten).toBe("function");
  });

  it("types each result as a Promise of the same Either, so a forgotten await does not type-check as one", () => {
    const ledger = ledgerOver(createTestStore());
    expectTypeOf(ledger.run.awardGrant).returns.toEqualTypeOf<Promise<E.Either<LedgerError, CommandOutcome>>>();
    expectTypeOf(ledger.run.awardGrant).parameters.toEqualTypeOf<Parameters<typeof ledger.awardGrant>>();
    expectTypeOf(ledger.run).not.toHaveProperty("run");
    expectTypeOf<ReturnType<typeof ledger.run.openRound>>().not.toMatchTypeOf<E.Either<unknown, unknown>>();
  });

  it("wraps only what returns a task, calling the target's method as it is at the call", async () => {
    const target = { count: 1, ask: (n: number) => () => Promise.resolve(E.right(n * 2)) };
    const run = promiseMethods(target);
    expectTypeOf(run).toEqualTypeOf<{ readonly ask: (n: number) => Promise<E.Either<never, number>> }>();
    expect(await run.ask(21)).toEqual(E.right(42));
    target.ask = (n: number) => () => Promise.resolve(E.right(n));
    expect(await run.ask(21)).toEqual(E.right(21));
  });
});
