import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { replayRules } from "../audit/ruleReplay.js";
import { commitmentTarget } from "../deciders/grantState.js";
import type { GrantLedger } from "./grantLedger.js";
import { amendment, application, award, context, createTestStore, crisisRound, evaluation, heldFor, ledgerOver, must, type TestStore } from "./ledger.testkit.js";

/*
 * Amendments that raise awards and new awards, 200 at once from four processes (four ledgers
 * on one store: their in-process queues do not see each other, so only the expected-revision
 * check of each commitment keeps the budget) for a round's last money. Every raise and every
 * new award asks for the same 10 000 kr, so exactly as many fit as the money left holds.
 */
const UNIT = 1_000_000;
const PROCESSES = 4;

/** An application whose project is large enough that its award can be doubled within the 20 % cap. */
const doublable = (grantId: string) => ({ ...application(grantId, "r", UNIT), totalCost: 10 * UNIT });

/** `store`, counting the appends refused for a stale expected revision: the races actually run. */
const countingConflicts = (store: TestStore): { readonly store: TestStore; readonly conflicts: () => number } => {
  let conflicts = 0;
  const counted: TestStore = {
    ...store,
    log: store.log,
    appendToStream: (streamName, events, options) => async () => {
      const appended = await store.appendToStream(streamName, events, options)();
      if (E.isLeft(appended) && appended.left._tag === "WrongExpectedVersion") conflicts += 1;
      return appended;
    },
  };
  return { store: counted, conflicts: () => conflicts };
};

/** A round with `awarded` grants holding UNIT each and `evaluated` grants waiting, and `fits` units and one øre short of another left. */
const lastMoney = async (awarded: number, evaluated: number, fits: number) => {
  const { store, conflicts } = countingConflicts(createTestStore());
  const ledgers: GrantLedger[] = Array.from({ length: PROCESSES }, () => ledgerOver(store, { retry: { maxAttempts: 60 } }));
  const setup = ledgers[0] as GrantLedger;
  await must(setup.openRound(crisisRound("r", (awarded + fits + 1) * UNIT - 1), context()));
  const held = Array.from({ length: awarded }, (_, i) => `held-${i}`);
  const waiting = Array.from({ length: evaluated }, (_, i) => `new-${i}`);
  for (const grantId of [...held, ...waiting]) {
    await must(setup.applyForGrant(doublable(grantId), context()));
    await must(setup.evaluateApplication(evaluation(grantId), context()));
  }
  for (const grantId of held) await must(setup.awardGrant(award(grantId, UNIT), context()));
  return { store, ledgers, setup, held, waiting, conflicts };
};

/** Each grant's money held exactly as it needs, and nothing held for anyone else. */
const expectSettled = async (store: TestStore, setup: GrantLedger, grantIds: readonly string[]) => {
  const round = await must(setup.readRound("r"));
  let needed = 0;
  for (const grantId of grantIds) {
    const target = commitmentTarget(await must(setup.readGrant(grantId)));
    expect(heldFor(round, grantId), grantId).toBe(target);
    needed += target;
  }
  expect(round).toMatchObject({ committed: needed });
  if (round.status !== "none") expect(round.committed).toBeLessThanOrEqual(round.budget);
  // The history as written passes rule replay: every commitment backs the decision it precedes.
  expect(await replayRules(store.log)).toSatisfy(E.isRight);
};

describe("raises and awards racing for a round's last money", () => {
  it("200 at once from four processes, 100 raises and 100 new awards, with room for 37: exactly 37 get in", async () => {
    const { store, ledgers, setup, held, waiting, conflicts } = await lastMoney(100, 100, 37);
    const commands = [
      ...held.map((grantId) => (ledger: GrantLedger) => ledger.amendAward(amendment(grantId, 2 * UNIT), context())()),
      ...waiting.map((grantId) => (ledger: GrantLedger) => ledger.awardGrant(award(grantId, UNIT), context())()),
    ];
    // Interleaved so that raises and awards alternate on every ledger.
    const order = commands.map((_, i) => (i % 2 === 0 ? i / 2 : 100 + (i - 1) / 2));
    const results = await Promise.all(order.map((index, i) => (commands[index] as (l: GrantLedger) => Promise<E.Either<{ _tag: string }, unknown>>)(ledgers[i % PROCESSES] as GrantLedger)));

    expect(conflicts()).toBeGreaterThan(0);
    expect(results.filter(E.isRight)).toHaveLength(37);
    expect(new Set(results.flatMap((r) => (E.isLeft(r) ? [r.left._tag] : [])))).toEqual(new Set(["AwardExceedsRemainingBudget"]));
    expect(await must(setup.readRound("r"))).toMatchObject({ committed: 137 * UNIT, budget: 138 * UNIT - 1 });
    // One commitment per command that got in, none for those refused.
    expect(store.log.filter((e) => e.type === "FundsCommitted")).toHaveLength(100 + 37);
    const grants = await Promise.all([...held, ...waiting].map((grantId) => must(setup.readGrant(grantId))));
    const raised = grants.filter((g) => g.status === "awarded" && g.award?.amount === 2 * UNIT).length;
    const newlyAwarded = grants.filter((g) => g.status === "awarded" && g.grantId.startsWith("new-")).length;
    expect(raised + newlyAwarded).toBe(37);
    await expectSettled(store, setup, [...held, ...waiting]);
  });

  it("with lowerings freeing money among them, never commits past the budget and holds for each grant exactly its award", async () => {
    const { store, ledgers, setup, held, waiting } = await lastMoney(100, 100, 10);
    const commands = [
      // A third of the awards lowered by half a unit, the rest raised; every waiting grant awarded.
      ...held.map((grantId, i) => (ledger: GrantLedger) => ledger.amendAward(amendment(grantId, i % 3 === 0 ? UNIT / 2 : 2 * UNIT), context())()),
      ...waiting.map((grantId) => (ledger: GrantLedger) => ledger.awardGrant(award(grantId, UNIT), context())()),
    ];
    const results = await Promise.all(commands.map((command, i) => command(ledgers[(i * 7) % PROCESSES] as GrantLedger)));

    // The lowerings always go through; the rest are refused only for want of money.
    expect(results.filter((_, i) => i < held.length && i % 3 === 0).every(E.isRight)).toBe(true);
    const refusals = new Set(results.flatMap((r) => (E.isLeft(r) ? [r.left._tag] : [])));
    expect([...refusals].every((tag) => tag === "AwardExceedsRemainingBudget")).toBe(true);
    // At least the 10 units left get in, and the half units freed by 34 lowerings (17 more).
    const gotIn = results.filter((r, i) => E.isRight(r) && !(i < held.length && i % 3 === 0)).length;
    expect(gotIn).toBeGreaterThanOrEqual(10);
    expect(gotIn).toBeLessThanOrEqual(10 + 17);
    await expectSettled(store, setup, [...held, ...waiting]);
  });
});
