import { describe, expect, it } from "vitest";
import { awardedGrant, context, createTestStore, crisisRound, ledgerOver, must, outcomeTag, typesIn } from "./ledger.testkit.js";

/*
 * A carry-over appends to two rounds: FundsCarriedOver on the closed source (its budget falls),
 * then FundsCarriedIn on the target (its budget rises). A crash between them leaves the money in
 * flight; the same command, retried, completes the arrival and carries nothing twice.
 */
const SCHEME = "ikt-kommuner-2009";
const first = crisisRound("r1", 20_000_000, { schemeId: SCHEME });
const second = crisisRound("r2", 40_000_000, { schemeId: SCHEME, applicationDeadline: "2009-10-15T12:00:00+02:00" });
const carry = (amount: number) => ({ roundId: "r1", toRoundId: "r2", amount, carriedAt: "2009-09-01T12:00:00+02:00" });

const twoRounds = async () => {
  const store = createTestStore();
  const ledger = ledgerOver(store);
  await must(ledger.openRound(first, context()));
  await must(ledger.openRound(second, context()));
  await awardedGrant(ledger, "g1", "r1", 15_000_000);
  await must(ledger.closeRound({ roundId: "r1", closedAt: "2009-08-31T16:00:00+02:00" }, context()));
  return { store, ledger };
};

describe("carrying a closed round's money to the next round of its scheme", () => {
  it("moves the 5 000 000 left from one budget to the other", async () => {
    const { ledger } = await twoRounds();
    const carried = await must(ledger.carryOverFunds(carry(5_000_000), context()));
    expect(carried.events.map((e) => [e.streamName, e.event.type])).toEqual([
      ["round-r1", "FundsCarriedOver"],
      ["round-r2", "FundsCarriedIn"],
    ]);
    expect(await must(ledger.readRound("r1"))).toMatchObject({ budget: 15_000_000, committed: 15_000_000 });
    expect(await must(ledger.readRound("r2"))).toMatchObject({ budget: 45_000_000, committed: 0 });
    expect(await outcomeTag(ledger.carryOverFunds(carry(1), context()))).toBe("CarryOverExceedsRemaining");
  });

  it("completes on the retry a carry that crashed between its two appends, carrying once", async () => {
    const { store, ledger } = await twoRounds();
    store.failNextAppendTo("round-r2");
    expect(await outcomeTag(ledger.carryOverFunds(carry(5_000_000), context("carry")))).toBe("StoreUnavailable");
    expect(await must(ledger.readRound("r1"))).toMatchObject({ budget: 15_000_000 });
    expect(await must(ledger.readRound("r2"))).toMatchObject({ budget: 40_000_000 });

    const retried = await must(ledger.carryOverFunds(carry(5_000_000), context("carry")));
    expect(retried.events.map((e) => e.event.type)).toEqual(["FundsCarriedOver", "FundsCarriedIn"]);
    const again = await must(ledger.carryOverFunds(carry(5_000_000), context("carry")));
    expect(again.alreadyHandled).toBe(true);
    expect(typesIn(store, "round-r1").filter((type) => type === "FundsCarriedOver")).toHaveLength(1);
    expect(typesIn(store, "round-r2").filter((type) => type === "FundsCarriedIn")).toHaveLength(1);
    expect(await must(ledger.readRound("r2"))).toMatchObject({ budget: 45_000_000 });
  });

  it("completes a crashed carry on the retry even after the target round closed: the money never vanishes", async () => {
    const { store, ledger } = await twoRounds();
    store.failNextAppendTo("round-r2");
    expect(await outcomeTag(ledger.carryOverFunds(carry(5_000_000), context("carry")))).toBe("StoreUnavailable");
    await must(ledger.closeRound({ roundId: "r2", closedAt: "2009-12-31T16:00:00+01:00" }, context()));
    const retried = await must(ledger.carryOverFunds(carry(5_000_000), context("carry")));
    expect(retried.events.map((e) => [e.streamName, e.event.type])).toEqual([
      ["round-r1", "FundsCarriedOver"],
      ["round-r2", "FundsCarriedIn"],
    ]);
    expect(await must(ledger.readRound("r2"))).toMatchObject({ status: "closed", budget: 45_000_000 });
    // A new carry into the closed round is still refused.
    expect(await outcomeTag(ledger.carryOverFunds(carry(1), context()))).toBe("RoundIsClosed");
  });

  it("refuses a carry into a closed round", async () => {
    const { ledger } = await twoRounds();
    await must(ledger.closeRound({ roundId: "r2", closedAt: "2009-08-31T17:00:00+02:00" }, context()));
    expect(await outcomeTag(ledger.carryOverFunds(carry(1_000_000), context()))).toBe("RoundIsClosed");
  });

  it("refuses a carry out of an open round, or into a round of another scheme", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(first, context()));
    await must(ledger.openRound(second, context()));
    await must(ledger.openRound(crisisRound("other", 10_000_000, { schemeId: "medfinansiering" }), context()));
    expect(await outcomeTag(ledger.carryOverFunds(carry(1_000_000), context()))).toBe("CarryOverFromOpenRound");
    await must(ledger.closeRound({ roundId: "r1", closedAt: "2009-08-31T16:00:00+02:00" }, context()));
    expect(await outcomeTag(ledger.carryOverFunds({ ...carry(1_000_000), toRoundId: "other" }, context()))).toBe("RoundsOfDifferentSchemes");
    expect(typesIn(store, "round-r1")).toEqual(["RoundOpened", "RoundClosed"]);
  });
});

describe("adjusting a round's budget through the ledger", () => {
  it("lowers it to what is committed, never below", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(first, context()));
    await awardedGrant(ledger, "g1", "r1", 15_000_000);
    const adjustment = { roundId: "r1", reason: "Revidert nasjonalbudsjett", adjustedAt: "2009-06-19T12:00:00+02:00" };
    expect(await outcomeTag(ledger.adjustRoundBudget({ ...adjustment, budget: 14_999_999 }, context()))).toBe("BudgetBelowCommitted");
    const adjusted = await must(ledger.adjustRoundBudget({ ...adjustment, budget: 15_000_000 }, context()));
    expect(adjusted.events[0]?.event.data).toMatchObject({ budget: 15_000_000, previousBudget: 20_000_000 });
    expect(await must(ledger.readRound("r1"))).toMatchObject({ budget: 15_000_000, committed: 15_000_000 });
  });
});
