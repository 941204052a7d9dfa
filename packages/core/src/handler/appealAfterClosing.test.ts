import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { replayRules } from "../audit/ruleReplay.js";
import { application, award, awardedGrant, context, createTestStore, crisisRound, evaluatedGrant, evaluation, heldFor, ledgerOver, must, outcomeTag } from "./ledger.testkit.js";

/*
 * Appeals take weeks, and a round closes on its decision day. An application an upheld appeal
 * sent back to be decided anew was made in time: its award may commit money in the round closed
 * since. Any other award there is refused, as before.
 */
describe("an award an upheld appeal ordered, after the round closed", () => {
  const rejectedThenClosed = async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound("r", 30_000_000), context()));
    await awardedGrant(ledger, "first", "r", 10_000_000);
    await evaluatedGrant(ledger, "appealed", "r", 10_000_000);
    await must(ledger.rejectApplication({ grantId: "appealed", reason: "Ikke innenfor ordningen", rejectedAt: "2009-06-01T14:00:00+02:00" }, context()));
    await evaluatedGrant(ledger, "late", "r", 5_000_000);
    await must(ledger.closeRound({ roundId: "r", closedAt: "2009-06-01T16:00:00+02:00" }, context()));
    await must(ledger.appealDecision({ grantId: "appealed", grounds: "Prosjektet gir nye tjenester", appealedAt: "2009-06-10T10:00:00+02:00" }, context()));
    await must(ledger.upholdAppeal({ grantId: "appealed", reason: "Avslaget bygde på feil", decidedAt: "2009-06-20T10:00:00+02:00" }, context()));
    await must(ledger.evaluateApplication({ ...evaluation("appealed"), evaluatedAt: "2009-06-25T10:00:00+02:00" }, context()));
    return { store, ledger };
  };
  const lateAward = (grantId: string, amount: number) => ({ ...award(grantId, amount), awardedAt: "2009-07-01T10:00:00+02:00" });

  it("commits in the closed round, against its remaining budget, and replays without a broken rule", async () => {
    const { store, ledger } = await rejectedThenClosed();
    const awarded = await must(ledger.awardGrant(lateAward("appealed", 10_000_000), context()));
    expect(awarded.events.map((e) => [e.streamName, e.event.type])).toEqual([
      ["round-r", "FundsCommitted"],
      ["grant-appealed", "GrantAwarded"],
    ]);
    expect(heldFor(await must(ledger.readRound("r")), "appealed")).toBe(10_000_000);
    expect(await replayRules(store.log)).toMatchObject(E.right({ events: store.log.length }));
  });

  it("is still held to the remaining budget", async () => {
    const { ledger } = await rejectedThenClosed();
    expect(await outcomeTag(ledger.awardGrant(lateAward("appealed", 10_000_000 + 1), context()))).toBe("AwardExceedsRequest");
    await must(ledger.adjustRoundBudget({ roundId: "r", budget: 15_000_000, reason: "Revidert budsjett", adjustedAt: "2009-06-30T10:00:00+02:00" }, context()));
    expect(await outcomeTag(ledger.awardGrant(lateAward("appealed", 10_000_000), context()))).toBe("AwardExceedsRemainingBudget");
  });

  it("leaves every other award in the closed round refused", async () => {
    const { ledger } = await rejectedThenClosed();
    expect(await outcomeTag(ledger.awardGrant(lateAward("late", 5_000_000), context()))).toBe("RoundIsClosed");
    // …and a new application to it.
    expect(await outcomeTag(ledger.applyForGrant(application("new", "r"), context()))).toBe("RoundIsClosed");
  });
});
