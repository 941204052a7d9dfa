import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { replayRules } from "../audit/ruleReplay.js";
import {
  amendment,
  award,
  awardedGrant,
  context,
  createTestStore,
  crisisRound,
  evaluatedGrant,
  heldFor,
  ledgerOver,
  must,
  outcomeTag,
  typesIn,
} from "./ledger.testkit.js";

/*
 * An award, or an amendment that raises one, appends to two streams: the money on the round
 * first, then the decision on the grant. A crash between the two leaves the round holding
 * money for a grant that does not yet say why. Whether such a commitment is a retried
 * command's is the handler's question (the round decider takes every commitment as new money):
 * the same command, retried, finds exactly what it needs already held and completes without
 * committing again.
 */
const AWARD = 10_000_000;

describe("an award retried after a crash between its two appends", () => {
  it("completes, committing its money once", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r"), context()));
    await evaluatedGrant(ledger, "g1");

    store.failNextAppendTo("grant-g1");
    expect(await outcomeTag(ledger.awardGrant(award("g1", AWARD), context("award-g1")))).toBe("StoreUnavailable");
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ status: "evaluated" });

    const retried = await must(ledger.awardGrant(award("g1", AWARD), context("award-g1")));
    expect(retried.events.map((e) => e.event.type)).toEqual(["FundsCommitted", "GrantAwarded"]);
    expect(typesIn(store, "round-r")).toEqual(["RoundOpened", "FundsCommitted"]);
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ status: "awarded", award: { amount: AWARD } });

    const again = await must(ledger.awardGrant(award("g1", AWARD), context("award-g1")));
    expect(again.alreadyHandled).toBe(true);
    expect(typesIn(store, "round-r")).toEqual(["RoundOpened", "FundsCommitted"]);
  });

  it("completes though its commitment took the round's last money", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r", AWARD), context()));
    await evaluatedGrant(ledger, "g1");

    store.failNextAppendTo("grant-g1");
    await ledger.awardGrant(award("g1", AWARD), context("award-g1"))();
    expect(await must(ledger.readRound("r"))).toMatchObject({ budget: AWARD, committed: AWARD });

    await must(ledger.awardGrant(award("g1", AWARD), context("award-g1")));
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ status: "awarded" });
  });

  it("completes after the round closed in between, committing nothing in the closed round", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r"), context()));
    await evaluatedGrant(ledger, "g1");

    store.failNextAppendTo("grant-g1");
    await ledger.awardGrant(award("g1", AWARD), context("award-g1"))();
    await must(ledger.closeRound({ roundId: "r", closedAt: "2009-06-30T16:00:00+02:00" }, context()));

    await must(ledger.awardGrant(award("g1", AWARD), context("award-g1")));
    expect(typesIn(store, "round-r")).toEqual(["RoundOpened", "FundsCommitted", "RoundClosed"]);
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ status: "awarded" });
  });

  it("is completed by another command for the same amount, and the first then finds the grant decided", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r"), context()));
    await evaluatedGrant(ledger, "g1");
    store.failNextAppendTo("grant-g1");
    await ledger.awardGrant(award("g1", AWARD), context("award-g1"))();

    expect(await outcomeTag(ledger.awardGrant(award("g1", AWARD - 1), context("award-g1-less")))).toBe("CommitmentMismatch");
    const other = await must(ledger.awardGrant(award("g1", AWARD), context("award-g1-again")));
    expect(other.events.map((e) => e.event.type)).toEqual(["GrantAwarded"]);
    // The first command's commitment backs the award now: it is not released.
    expect(await outcomeTag(ledger.awardGrant(award("g1", AWARD), context("award-g1")))).toBe("GrantAlreadyDecided");
    expect(typesIn(store, "round-r")).toEqual(["RoundOpened", "FundsCommitted"]);
    expect(heldFor(await must(ledger.readRound("r")), "g1")).toBe(AWARD);
  });
});

describe("an amendment that raises an award, retried after a crash between its two appends", () => {
  it("completes, committing the increase once", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r"), context()));
    await awardedGrant(ledger, "g1", "r", AWARD);
    // The request was the whole share cap; an amendment may go up to it only, so lower first.
    await must(ledger.amendAward(amendment("g1", AWARD - 3_000_000, "2009-08-01T10:00:00+02:00"), context()));
    expect(heldFor(await must(ledger.readRound("r")), "g1")).toBe(AWARD - 3_000_000);

    store.failNextAppendTo("grant-g1");
    expect(await outcomeTag(ledger.amendAward(amendment("g1", AWARD), context("raise-g1")))).toBe("StoreUnavailable");
    expect(heldFor(await must(ledger.readRound("r")), "g1")).toBe(AWARD);
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ award: { amount: AWARD - 3_000_000 } });

    const retried = await must(ledger.amendAward(amendment("g1", AWARD), context("raise-g1")));
    expect(retried.events.map((e) => e.event.type)).toEqual(["FundsCommitted", "AwardAmended"]);
    expect(retried.events.find((e) => e.event.type === "FundsCommitted")?.event.data).toMatchObject({ amount: 3_000_000 });
    expect(typesIn(store, "round-r")).toEqual(["RoundOpened", "FundsCommitted", "FundsReleased", "FundsCommitted"]);
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ award: { amount: AWARD } });
  });

  it("completes though the increase took the round's last money, or the round closed since", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r", AWARD), context()));
    await awardedGrant(ledger, "g1", "r", AWARD);
    await must(ledger.amendAward(amendment("g1", AWARD - 1, "2009-08-01T10:00:00+02:00"), context()));

    store.failNextAppendTo("grant-g1");
    await ledger.amendAward(amendment("g1", AWARD), context("raise-g1"))();
    await must(ledger.closeRound({ roundId: "r", closedAt: "2009-09-30T16:00:00+02:00" }, context()));
    await must(ledger.amendAward(amendment("g1", AWARD), context("raise-g1")));
    expect(await must(ledger.readRound("r"))).toMatchObject({ budget: AWARD, committed: AWARD, status: "closed" });
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ award: { amount: AWARD } });
  });

  it("releases its increase when the grant was closed before the retry", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r"), context()));
    await awardedGrant(ledger, "g1", "r", AWARD);
    await must(ledger.amendAward(amendment("g1", AWARD - 3_000_000, "2009-08-01T10:00:00+02:00"), context()));
    store.failNextAppendTo("grant-g1");
    await ledger.amendAward(amendment("g1", AWARD), context("raise-g1"))();

    // Nothing paid: the closing releases everything the round holds, the crashed increase included.
    await must(ledger.closeGrant({ grantId: "g1", finalReport: { summary: "Avsluttet" }, closedAt: "2009-10-01T10:00:00+02:00" }, context()));
    expect(heldFor(await must(ledger.readRound("r")), "g1")).toBe(0);
    expect(await outcomeTag(ledger.amendAward(amendment("g1", AWARD), context("raise-g1")))).toBe("GrantNotAwarded");
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: 0 });
  });
});

describe("an amendment that lowers an award", () => {
  it("releases what the round holds beyond the new amount, once", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r"), context()));
    await awardedGrant(ledger, "g1", "r", AWARD);

    const lowered = await must(ledger.amendAward(amendment("g1", 6_000_000), context("lower-g1")));
    expect(lowered.events.map((e) => [e.event.type, (e.event.data as { amount?: number }).amount])).toEqual([
      ["AwardAmended", 6_000_000],
      ["FundsReleased", 4_000_000],
    ]);
    const again = await must(ledger.amendAward(amendment("g1", 6_000_000), context("lower-g1")));
    expect(again.alreadyHandled).toBe(true);
    expect(typesIn(store, "round-r")).toEqual(["RoundOpened", "FundsCommitted", "FundsReleased"]);
    expect(heldFor(await must(ledger.readRound("r")), "g1")).toBe(6_000_000);
  });

  it("releases on the retry when it crashed before the release", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r"), context()));
    await awardedGrant(ledger, "g1", "r", AWARD);

    store.failNextAppendTo("round-r");
    expect(await outcomeTag(ledger.amendAward(amendment("g1", 6_000_000), context("lower-g1")))).toBe("StoreUnavailable");
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ award: { amount: 6_000_000 } });
    expect(heldFor(await must(ledger.readRound("r")), "g1")).toBe(AWARD);

    const retried = await must(ledger.amendAward(amendment("g1", 6_000_000), context("lower-g1")));
    expect(retried.events.map((e) => e.event.type)).toEqual(["AwardAmended", "FundsReleased"]);
    expect(heldFor(await must(ledger.readRound("r")), "g1")).toBe(6_000_000);
  });

  it("gives the money to the next award", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r", AWARD), context()));
    await awardedGrant(ledger, "g1", "r", AWARD);
    await evaluatedGrant(ledger, "g2", "r", 4_000_000);
    expect(await outcomeTag(ledger.awardGrant(award("g2", 4_000_000), context()))).toBe("AwardExceedsRemainingBudget");

    await must(ledger.amendAward(amendment("g1", 6_000_000), context()));
    const next = await ledger.awardGrant(award("g2", 4_000_000), context())();
    expect(next).toSatisfy(E.isRight);
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });
  });
});

describe("a raise while another command's release is pending (two processes, no lock between them)", () => {
  it("ends with the award raised and backed, the lowering's release giving back only what the grant no longer needs", async () => {
    const store = createTestStore();
    const [lowering, raising] = [ledgerOver(store), ledgerOver(store)];
    await must(lowering.openRound(crisisRound("r", 30_000_000), context()));
    await awardedGrant(lowering, "g1", "r", 10_000_000);
    // The lowering to 5 000 000 records its amendment, then crashes before its release.
    store.failNextAppendTo("round-r");
    expect(await outcomeTag(lowering.amendAward(amendment("g1", 5_000_000), context("lower")))).toBe("StoreUnavailable");
    expect(heldFor(await must(raising.readRound("r")), "g1")).toBe(10_000_000);
    // Another process raises it back to 10 000 000 before the lowering is retried.
    await must(raising.amendAward(amendment("g1", 10_000_000, "2009-10-01T10:00:00+02:00"), context("raise")));
    // The lowering, retried, releases only what the grant no longer needs.
    await must(lowering.amendAward(amendment("g1", 5_000_000), context("lower")));
    const round = await must(raising.readRound("r"));
    const grant = await must(raising.readGrant("g1"));
    expect(grant.status === "awarded" ? grant.award?.amount : undefined).toBe(10_000_000);
    expect(heldFor(round, "g1")).toBe(10_000_000);
    expect(await replayRules(store.log)).toMatchObject(E.right({ events: store.log.length }));
  });
});

describe("rule replay at the end of a history", () => {
  it("names a grant its round holds money for that it does not need (an award interrupted and not retried), and none once settled", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r", 30_000_000), context()));
    await evaluatedGrant(ledger, "g1", "r", 10_000_000);
    store.failNextAppendTo("grant-g1");
    expect(await outcomeTag(ledger.awardGrant(award("g1", 10_000_000), context("award")))).toBe("StoreUnavailable");
    expect(await replayRules(store.log)).toMatchObject(E.right({ unsettled: [{ grantId: "g1", roundId: "r", held: 10_000_000, needed: 0 }] }));
    await must(ledger.awardGrant(award("g1", 10_000_000), context("award")));
    expect(await replayRules(store.log)).toMatchObject(E.right({ unsettled: [] }));
  });
});
