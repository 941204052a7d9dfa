import { describe, expect, it } from "vitest";
import type { GrantLedger } from "./grantLedger.js";
import {
  amendment,
  application,
  award,
  awardedGrant,
  context,
  createTestStore,
  crisisRound,
  evaluatedGrant,
  evaluation,
  heldFor,
  ledgerOver,
  must,
  outcomeTag,
  payment,
  typesIn,
} from "./ledger.testkit.js";

/*
 * After every command that ends or lowers a grant's need for its money, the round gives back
 * what it holds beyond that need (commitmentTarget: a live award's amount, what a closed grant
 * was paid net, nothing for a grant rejected, withdrawn, dismissed or renounced), with one
 * FundsReleased of exactly the difference.
 */
const AWARD = 10_000_000;
const closing = (grantId: string, closedAt = "2010-11-30T12:00:00+01:00") => ({ grantId, finalReport: { summary: "Prosjektet er levert" }, closedAt });

const roundWith = async (budget = 2_000_000_000) => {
  const store = createTestStore();
  const ledger = ledgerOver(store);
  await must(ledger.openRound(crisisRound("r", budget), context()));
  return { store, ledger };
};
const held = async (ledger: GrantLedger, grantId: string) => heldFor(await must(ledger.readRound("r")), grantId);
const releasedBy = (outcome: { readonly events: readonly { readonly event: { readonly type: string; readonly data: object } }[] }) =>
  outcome.events.filter((e) => e.event.type === "FundsReleased").map((e) => (e.event.data as { amount: number }).amount);

describe("releasing a crashed award's commitment when the grant is decided otherwise", () => {
  it.each([
    ["rejected", (l: GrantLedger) => l.rejectApplication({ grantId: "g1", reason: "Utenfor ordningen", rejectedAt: "2009-06-02T10:00:00+02:00" }, context())],
    ["withdrawn", (l: GrantLedger) => l.withdrawApplication({ grantId: "g1", reason: "Trukket", withdrawnAt: "2009-06-02T10:00:00+02:00" }, context())],
    ["dismissed", (l: GrantLedger) => l.dismissApplication({ grantId: "g1", reason: "Mangler vedlegg", dismissedAt: "2009-06-02T10:00:00+02:00" }, context())],
  ] as const)("releases it all when the grant is %s", async (_how, decide) => {
    const { store, ledger } = await roundWith();
    await evaluatedGrant(ledger, "g1");
    store.failNextAppendTo("grant-g1");
    await ledger.awardGrant(award("g1", AWARD), context("award-g1"))();
    expect(await held(ledger, "g1")).toBe(AWARD);

    const decided = await must(decide(ledger));
    expect(releasedBy(decided)).toEqual([AWARD]);
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: 0 });
    // The crashed award, retried, is refused and releases nothing more.
    expect(await outcomeTag(ledger.awardGrant(award("g1", AWARD), context("award-g1")))).toBe("GrantAlreadyDecided");
    expect(typesIn(store, "round-r").filter((type) => type === "FundsReleased")).toHaveLength(1);
  });
});

describe("releasing what an ended award no longer needs", () => {
  it("releases a renounced award's whole commitment, for the next award to use", async () => {
    const { ledger } = await roundWith(AWARD);
    await awardedGrant(ledger, "g1", "r", AWARD);
    const renounced = await must(ledger.renounceAward({ grantId: "g1", reason: "Prosjektet er lagt ned", renouncedAt: "2009-06-10T10:00:00+02:00" }, context()));
    expect(renounced.events.map((e) => e.event.type)).toEqual(["AwardRenounced", "FundsReleased"]);
    expect(releasedBy(renounced)).toEqual([AWARD]);
    await evaluatedGrant(ledger, "g2", "r", AWARD);
    await must(ledger.awardGrant(award("g2", AWARD), context()));
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });
  });

  it("releases what a closed grant was not paid, keeping what it was paid net", async () => {
    const { ledger } = await roundWith();
    await awardedGrant(ledger, "g1", "r", AWARD);
    await must(ledger.disburseGrant(payment("g1", 6_000_000, "P-1"), context()));
    const closed = await must(ledger.closeGrant(closing("g1"), context()));
    expect(closed.events.map((e) => e.event.type)).toEqual(["GrantClosed", "FundsReleased"]);
    expect(closed.events[0]?.event.data).toMatchObject({ unpaid: 4_000_000 });
    expect(releasedBy(closed)).toEqual([4_000_000]);
    expect(await held(ledger, "g1")).toBe(6_000_000);
  });

  it("releases nothing when a grant paid in full is closed", async () => {
    const { ledger } = await roundWith();
    await awardedGrant(ledger, "g1", "r", AWARD);
    await must(ledger.disburseGrant(payment("g1", AWARD, "P-1"), context()));
    const closed = await must(ledger.closeGrant(closing("g1"), context()));
    expect(closed.events.map((e) => e.event.type)).toEqual(["GrantClosed"]);
    expect(await held(ledger, "g1")).toBe(AWARD);
  });

  it("counts reversals and repayments in what a closed grant keeps", async () => {
    const { ledger } = await roundWith();
    await awardedGrant(ledger, "g1", "r", AWARD);
    await must(ledger.disburseGrant(payment("g1", 6_000_000, "P-1"), context()));
    await must(ledger.reverseDisbursement({ grantId: "g1", paymentRef: "P-1", amount: 6_000_000, reason: "Feil beløp", reversedAt: "2009-07-03T09:00:00+02:00" }, context()));
    await must(ledger.disburseGrant(payment("g1", 5_000_000, "P-1", "2009-07-04T09:00:00+02:00"), context()));
    await must(ledger.claimRepayment({ grantId: "g1", claimId: "K-1", amount: 1_000_000, reason: "Vilkår ikke fulgt", claimedAt: "2009-10-01T10:00:00+02:00" }, context()));
    await must(ledger.recordRepayment({ grantId: "g1", claimId: "K-1", amount: 1_000_000, receivedAt: "2009-11-01T10:00:00+01:00" }, context()));
    // The award still backs all of it while live: a reversal or repayment releases nothing.
    expect(await held(ledger, "g1")).toBe(AWARD);
    const closed = await must(ledger.closeGrant(closing("g1"), context()));
    expect(releasedBy(closed)).toEqual([6_000_000]);
    expect(await held(ledger, "g1")).toBe(4_000_000);
  });

  it("releases a repayment received after closing, in parts, into a closed round too", async () => {
    const { ledger } = await roundWith();
    await awardedGrant(ledger, "g1", "r", AWARD);
    await must(ledger.disburseGrant(payment("g1", AWARD, "P-1"), context()));
    await must(ledger.closeGrant(closing("g1"), context()));
    await must(ledger.closeRound({ roundId: "r", closedAt: "2010-12-31T16:00:00+01:00" }, context()));
    await must(ledger.claimRepayment({ grantId: "g1", claimId: "K-1", amount: 3_000_000, reason: "Vilkår ikke fulgt", claimedAt: "2011-01-10T10:00:00+01:00" }, context()));
    const first = await must(ledger.recordRepayment({ grantId: "g1", claimId: "K-1", amount: 1_000_000, receivedAt: "2011-02-01T10:00:00+01:00" }, context("repay-1")));
    expect(releasedBy(first)).toEqual([1_000_000]);
    const second = await must(ledger.recordRepayment({ grantId: "g1", claimId: "K-1", amount: 2_000_000, receivedAt: "2011-03-01T10:00:00+01:00" }, context()));
    expect(releasedBy(second)).toEqual([2_000_000]);
    expect(await held(ledger, "g1")).toBe(7_000_000);
    // Retried, a repayment releases nothing twice.
    const retried = await must(ledger.recordRepayment({ grantId: "g1", claimId: "K-1", amount: 1_000_000, receivedAt: "2011-02-01T10:00:00+01:00" }, context("repay-1")));
    expect(retried.alreadyHandled).toBe(true);
    expect(await held(ledger, "g1")).toBe(7_000_000);
  });

  it("releases on the retry a closing that crashed before its release", async () => {
    const { store, ledger } = await roundWith();
    await awardedGrant(ledger, "g1", "r", AWARD);
    store.failNextAppendTo("round-r");
    expect(await outcomeTag(ledger.closeGrant(closing("g1"), context("close-g1")))).toBe("StoreUnavailable");
    expect(await held(ledger, "g1")).toBe(AWARD);
    const retried = await must(ledger.closeGrant(closing("g1"), context("close-g1")));
    expect(retried.events.map((e) => e.event.type)).toEqual(["GrantClosed", "FundsReleased"]);
    expect(await held(ledger, "g1")).toBe(0);
  });
});

describe("amendments racing in one process", () => {
  it("keeps an award's money when a raise takes the surplus a lowering is about to release", async () => {
    // The lowering appends its AwardAmended, then waits for the round to release the surplus;
    // the raise, queued first, finds that surplus held and takes it as its own (as a retry
    // would). The release must then see the raised award and free nothing.
    const { ledger } = await roundWith();
    await awardedGrant(ledger, "g1", "r", AWARD);
    const raise = { ...amendment("g1", AWARD, "2009-08-02T10:00:00+02:00"), disbursementPlan: [{ due: "2010-08-01", amount: AWARD }] };
    const [lowered, raised] = await Promise.all([
      ledger.amendAward(amendment("g1", 5_000_000, "2009-08-01T10:00:00+02:00"), context())(),
      ledger.amendAward(raise, context())(),
    ]);
    expect([lowered._tag, raised._tag]).toEqual(["Right", "Right"]);
    const grant = await must(ledger.readGrant("g1"));
    expect(grant).toMatchObject({ award: { amount: AWARD } });
    expect(await held(ledger, "g1")).toBe(AWARD);
  });
});

describe("duties and conflicts through the ledger: who did what is the context's actor", () => {
  const separated = crisisRound("r", 2_000_000_000, { policy: { ...crisisRound().policy, separationOfDuties: true } });

  it("refuses an award by the actor who evaluated, and a payment by the actor who awarded", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(separated, context()));
    await must(ledger.applyForGrant(application("g1"), context()));
    await must(ledger.evaluateApplication(evaluation("g1"), context(undefined, "kari@difi")));
    expect(await outcomeTag(ledger.awardGrant(award("g1", AWARD), context(undefined, "kari@difi")))).toBe("EvaluatorCannotAward");
    expect(await held(ledger, "g1")).toBe(0);
    await must(ledger.awardGrant(award("g1", AWARD), context(undefined, "ola@difi")));
    expect(await outcomeTag(ledger.disburseGrant(payment("g1", 1_000_000, "P-1"), context(undefined, "ola@difi")))).toBe("AwarderCannotPay");
    await must(ledger.disburseGrant(payment("g1", 1_000_000, "P-1"), context(undefined, "per@difi")));
    // A second ledger folds the same actors from the events' metadata.
    const other = ledgerOver(store);
    expect(await outcomeTag(other.disburseGrant(payment("g1", 1_000_000, "P-2"), context(undefined, "ola@difi")))).toBe("AwarderCannotPay");
  });

  it("refuses an evaluation by an actor who declared a conflict of interest", async () => {
    const { ledger } = await roundWith();
    await must(ledger.applyForGrant(application("g1"), context()));
    await must(ledger.declareConflictOfInterest({ grantId: "g1", evaluator: "kari@difi", reason: "Søster i prosjektet", declaredAt: "2009-04-20T10:00:00+02:00" }, context(undefined, "kari@difi")));
    expect(await outcomeTag(ledger.evaluateApplication(evaluation("g1"), context(undefined, "kari@difi")))).toBe("EvaluatorHasConflictOfInterest");
    await must(ledger.evaluateApplication(evaluation("g1"), context(undefined, "ola@difi")));
  });
});
