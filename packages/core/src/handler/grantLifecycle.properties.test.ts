import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replayRules } from "../audit/ruleReplay.js";
import { commitmentTarget } from "../deciders/grantState.js";
import { commitmentFor } from "../deciders/roundState.js";
import type { RecordedEvent } from "../store/recordedEvent.js";
import { GRANTS, ROUNDS, lifecycleRun, runLifecycle, type LifecycleWorld } from "./lifecycleSteps.testkit.js";

/*
 * The money rules of a grant's whole life, under random command sequences run through real
 * ledgers (see lifecycleSteps.testkit.ts): awards, amendments up and down, payments, reversals,
 * repayment claims and receipts, closings, renouncing, withdrawals, dismissals, appeals, budget
 * adjustments and carry-overs, with crashes between a command's two appends and their retries.
 * The figures are taken from the events the store holds, not from the ledger's folds, and are
 * checked after every event of every step, so a rule broken for an instant is caught too.
 */

// LIFECYCLE_RUNS=2000 hunts longer; 150 keeps the suite quick.
const RUNS = { numRuns: Number(process.env["LIFECYCLE_RUNS"] ?? 150) };

type Data = Readonly<Record<string, unknown>>;
const amountOf = (event: RecordedEvent): number => (event.data as Data)["amount"] as number;

// Checked after every event: compare plainly, and hand over to expect only for the report.
const atMost = (actual: number, bound: number, what: string): void => {
  if (!(actual <= bound)) expect(actual, what).toBeLessThanOrEqual(bound);
};
const same = (actual: unknown, expected: unknown, what: string): void => {
  if (actual !== expected) expect(actual, what).toBe(expected);
};

/** Paid net, the award and the claims of every grant, event by event. */
const checkGrantStreams = (log: readonly RecordedEvent[]): void => {
  for (const grantId of GRANTS) {
    let award: number | undefined;
    let paid = 0;
    const payments = new Map<string, number>();
    const claims = new Map<string, { claimed: number; received: number }>();
    for (const event of log) {
      if (event.streamName !== `grant-${grantId}`) continue;
      const data = event.data as Data;
      switch (event.type) {
        case "GrantAwarded":
        case "AwardAmended":
          award = amountOf(event);
          break;
        case "GrantDisbursed":
          paid += amountOf(event);
          payments.set(data["paymentRef"] as string, amountOf(event));
          break;
        case "DisbursementReversed":
          // A payment is reversed whole, and only one that stands.
          same(payments.get(data["paymentRef"] as string), amountOf(event), "a reversal's amount is its payment's");
          payments.delete(data["paymentRef"] as string);
          paid -= amountOf(event);
          break;
        case "RepaymentClaimed":
          claims.set(data["claimId"] as string, { claimed: amountOf(event), received: 0 });
          break;
        case "RepaymentReceived": {
          const claim = claims.get(data["claimId"] as string);
          if (claim === undefined) throw new Error(`a repayment against no claim in grant-${grantId}`);
          claim.received += amountOf(event);
          paid -= amountOf(event);
          break;
        }
        case "GrantClosed":
          // What returns to the round is what was awarded and not paid net.
          same(data["unpaid"], (award ?? 0) - paid, "a closing's unpaid");
          break;
      }
      atMost(0, paid, "paid net >= 0");
      atMost(paid, award ?? 0, "paid net <= the award");
      let open = 0;
      for (const { claimed, received } of claims.values()) {
        atMost(received, claimed, "repaid <= claimed");
        open += claimed - received;
      }
      atMost(open, paid, "open claims <= paid net");
    }
  }
};

/** Every round's live commitments against its budget as adjusted and carried, event by event. */
const checkRoundStreams = (log: readonly RecordedEvent[]): void => {
  for (const roundId of ROUNDS) {
    let budget = 0;
    let live = 0;
    const held = new Map<string, number>();
    for (const event of log) {
      if (event.streamName !== `round-${roundId}`) continue;
      const data = event.data as Data;
      const grantId = data["grantId"] as string;
      switch (event.type) {
        case "RoundOpened":
          budget = data["budget"] as number;
          break;
        case "RoundBudgetAdjusted":
          same(data["previousBudget"], budget, "an adjustment's previous budget");
          budget = data["budget"] as number;
          break;
        case "FundsCarriedOver":
          budget -= amountOf(event);
          break;
        case "FundsCarriedIn":
          budget += amountOf(event);
          break;
        case "FundsCommitted":
          live += amountOf(event);
          held.set(grantId, (held.get(grantId) ?? 0) + amountOf(event));
          break;
        case "FundsReleased":
          live -= amountOf(event);
          held.set(grantId, (held.get(grantId) ?? 0) - amountOf(event));
          // A release gives back part or all of what is held, never more.
          atMost(0, held.get(grantId) ?? 0, "held after a release >= 0");
          break;
      }
      atMost(live, budget, `round ${roundId}: live commitments <= budget`);
    }
  }
};

/** Across the streams: each grant's money held as it needs, and carried money arrived. */
const checkAcrossStreams = async (world: LifecycleWorld): Promise<void> => {
  const ledger = world.ledgers[0];
  if (ledger === undefined) throw new Error("no ledger");
  const rounds = new Map<string, Awaited<ReturnType<ReturnType<typeof ledger.readRound>>>>();
  for (const roundId of ROUNDS) rounds.set(roundId, await ledger.readRound(roundId)());
  for (const grantId of GRANTS) {
    const grant = await ledger.readGrant(grantId)();
    if (E.isLeft(grant)) throw new Error("a grant did not read");
    if (grant.right.status === "none") continue;
    const round = rounds.get(grant.right.roundId);
    if (round === undefined || E.isLeft(round) || round.right.status === "none") throw new Error("a round did not read");
    const held = commitmentFor(round.right, grantId) ?? 0;
    const target = commitmentTarget(grant.right);
    // Never less than the grant needs, whatever crashed; once settled, exactly that.
    atMost(target, held, `grant ${grantId}: held >= its need`);
    if (held === target) world.unsettled.delete(grantId);
    if (!world.unsettled.has(grantId)) same(held, target, `grant ${grantId}: released down to exactly its need`);
  }
  const sent = world.store.log.filter((e) => e.type === "FundsCarriedOver").reduce((sum, e) => sum + amountOf(e), 0);
  const arrived = world.store.log.filter((e) => e.type === "FundsCarriedIn").reduce((sum, e) => sum + amountOf(e), 0);
  atMost(arrived, sent, "carried in <= carried over");
  if (!world.carryInFlight) same(arrived, sent, "every carry-over arrived");
};

describe("a grant's whole life under random command sequences, through the ledger", () => {
  it("keeps paid net within the award, claims within paid net, repayments within claims, commitments within budgets, and holds what each grant needs", async () => {
    await fc.assert(
      fc.asyncProperty(lifecycleRun, async (run) => {
        await runLifecycle(run, async (world) => {
          checkGrantStreams(world.store.log);
          checkRoundStreams(world.store.log);
          await checkAcrossStreams(world);
        });
      }),
      RUNS,
    );
  });

  it("writes only histories that rule replay re-decides event by event without a break", async () => {
    await fc.assert(
      fc.asyncProperty(lifecycleRun, async (run) => {
        const world = await runLifecycle(run, async () => undefined);
        const replayed = await replayRules(world.store.log);
        if (E.isLeft(replayed)) expect(replayed.left).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("reaches the rules it is about: the sampled runs write every event of a grant's life", async () => {
    // Not a property: a guard that the generator still exercises every command, accepted.
    const seen = new Set<string>();
    for (const run of fc.sample(lifecycleRun, { numRuns: 60, seed: 2009 })) {
      const world = await runLifecycle(run, async () => undefined);
      for (const event of world.store.log) seen.add(event.type);
    }
    const every = [
      ...["GrantApplied", "ApplicationEvaluated", "GrantAwarded", "GrantRejected", "GrantDisbursed", "ConditionsAccepted", "AwardAmended"],
      ...["DisbursementReversed", "RepaymentClaimed", "RepaymentReceived", "GrantClosed", "ApplicationWithdrawn", "AwardRenounced"],
      ...["ApplicationDismissed", "DecisionAppealed", "AppealUpheld", "AppealDismissed", "ConflictOfInterestDeclared"],
      ...["RoundOpened", "RoundClosed", "FundsCommitted", "FundsReleased", "RoundBudgetAdjusted", "FundsCarriedOver", "FundsCarriedIn"],
    ];
    expect(every.filter((type) => !seen.has(type))).toEqual([]);
  });
});
