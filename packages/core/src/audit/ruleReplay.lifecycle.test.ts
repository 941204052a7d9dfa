import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { GrantLedger } from "../handler/grantLedger.js";
import { application, award, context, createTestStore, crisisRound, evaluation, ledgerOver, must, payment } from "../handler/ledger.testkit.js";
import type { JsonObject, RecordedEvent } from "../store/recordedEvent.js";
import { replayRules, type RuleBreak } from "./ruleReplay.js";

/*
 * Rule replay over the rest of a grant's life, as the command handler writes it: two rounds of
 * one scheme with separated duties; grant a awarded, raised, paid, a payment reversed and paid
 * again, money claimed back and repaid, closed; b lowered; c rejected, appealed, upheld, awarded
 * anew and renounced; d dismissed; e withdrawn; f evaluated by a second evaluator after the
 * first declared a conflict; the first round's budget adjusted, the round closed and what was
 * left carried to the second. Each tampering below must be named at the event it touches.
 */
const EVALUATOR = "fagpanel@difi";
const AWARDER = "direktor@difi";
const PAYER = "okonomi@difi";
const by = (actor: string) => context(undefined, actor);
const SCHEME = "ikt-kommuner-2009";
const policy = { ...crisisRound().policy, separationOfDuties: true };
const UNIT = 1_000_000;

const applyAndEvaluate = async (ledger: GrantLedger, grantId: string, evaluator = EVALUATOR) => {
  await must(ledger.applyForGrant({ ...application(grantId, "r1", 4 * UNIT), totalCost: 40 * UNIT }, by("saksbehandler@difi")));
  await must(ledger.evaluateApplication(evaluation(grantId), by(evaluator)));
};

const buildLifecycleHistory = async (): Promise<readonly RecordedEvent[]> => {
  const store = createTestStore();
  const ledger = ledgerOver(store);
  await must(ledger.openRound(crisisRound("r1", 20 * UNIT, { schemeId: SCHEME, policy }), by(AWARDER)));
  await must(ledger.openRound(crisisRound("r2", 40 * UNIT, { schemeId: SCHEME, policy, applicationDeadline: "2009-10-15T12:00:00+02:00" }), by(AWARDER)));
  for (const grantId of ["a", "b", "c", "d", "e"]) await applyAndEvaluate(ledger, grantId);

  await must(ledger.awardGrant(award("a", 4 * UNIT), by(AWARDER)));
  await must(ledger.acceptConditions({ grantId: "a", acceptedBy: "Rådmannen", acceptedAt: "2009-06-02T10:00:00+02:00" }, by("bergen@kommune")));
  await must(ledger.amendAward({ grantId: "a", amount: 6 * UNIT, disbursementPlan: [{ due: "2010-07-01", amount: 6 * UNIT }], reason: "Utvidet", amendedAt: "2009-06-05T10:00:00+02:00" }, by(AWARDER)));
  await must(ledger.disburseGrant(payment("a", 3 * UNIT, "P-1", "2009-07-02T09:00:00+02:00"), by(PAYER)));
  await must(ledger.reverseDisbursement({ grantId: "a", paymentRef: "P-1", amount: 3 * UNIT, reason: "Feil konto", reversedAt: "2009-07-03T09:00:00+02:00" }, by(PAYER)));
  await must(ledger.disburseGrant(payment("a", 3 * UNIT, "P-1", "2009-07-04T09:00:00+02:00"), by(PAYER)));
  await must(ledger.claimRepayment({ grantId: "a", claimId: "K-1", amount: UNIT, reason: "Vilkår ikke fulgt", claimedAt: "2009-09-01T10:00:00+02:00" }, by(PAYER)));
  await must(ledger.recordRepayment({ grantId: "a", claimId: "K-1", amount: UNIT / 2, receivedAt: "2009-09-15T10:00:00+02:00" }, by(PAYER)));
  await must(ledger.closeGrant({ grantId: "a", finalReport: { summary: "Levert" }, closedAt: "2009-10-01T10:00:00+02:00" }, by(AWARDER)));

  await must(ledger.awardGrant(award("b", 4 * UNIT), by(AWARDER)));
  await must(ledger.amendAward({ grantId: "b", amount: 3 * UNIT, disbursementPlan: [{ due: "2010-07-01", amount: 3 * UNIT }], reason: "Redusert", amendedAt: "2009-06-10T10:00:00+02:00" }, by(AWARDER)));

  await must(ledger.rejectApplication({ grantId: "c", reason: "Utenfor ordningen", rejectedAt: "2009-06-01T10:00:00+02:00" }, by(AWARDER)));
  await must(ledger.appealDecision({ grantId: "c", grounds: "Innenfor", appealedAt: "2009-06-10T10:00:00+02:00" }, by("bergen@kommune")));
  await must(ledger.upholdAppeal({ grantId: "c", reason: "Klagen tas til følge", decidedAt: "2009-06-20T10:00:00+02:00" }, by("klagenemnd@difi")));
  await must(ledger.evaluateApplication({ ...evaluation("c"), evaluatedAt: "2009-06-25T10:00:00+02:00" }, by(EVALUATOR)));
  await must(ledger.awardGrant({ ...award("c", 2 * UNIT), awardedAt: "2009-06-30T10:00:00+02:00" }, by(AWARDER)));
  await must(ledger.renounceAward({ grantId: "c", reason: "Lagt ned", renouncedAt: "2009-07-10T10:00:00+02:00" }, by("bergen@kommune")));

  await must(ledger.dismissApplication({ grantId: "d", reason: "Mangler vedlegg", dismissedAt: "2009-06-01T10:00:00+02:00" }, by(AWARDER)));
  await must(ledger.withdrawApplication({ grantId: "e", reason: "Trukket", withdrawnAt: "2009-06-01T10:00:00+02:00" }, by("bergen@kommune")));
  await must(ledger.applyForGrant({ ...application("f", "r1", UNIT), totalCost: 10 * UNIT }, by("saksbehandler@difi")));
  await must(ledger.declareConflictOfInterest({ grantId: "f", evaluator: EVALUATOR, reason: "Nær familie", declaredAt: "2009-04-20T10:00:00+02:00" }, by(EVALUATOR)));
  await must(ledger.evaluateApplication({ ...evaluation("f"), evaluator: "fagpanel-2@difi" }, by("fagpanel-2@difi")));

  await must(ledger.adjustRoundBudget({ roundId: "r1", budget: 18 * UNIT, reason: "Revidert budsjett", adjustedAt: "2009-06-19T12:00:00+02:00" }, by(AWARDER)));
  await must(ledger.closeRound({ roundId: "r1", closedAt: "2009-08-31T16:00:00+02:00" }, by(AWARDER)));
  // r1 holds a's 2 500 000 paid net and b's 3 000 000: 12 500 000 of its 18 000 000 are left.
  await must(ledger.carryOverFunds({ roundId: "r1", toRoundId: "r2", amount: 12 * UNIT, carriedAt: "2009-10-02T12:00:00+02:00" }, by(AWARDER)));
  return store.log;
};

let history: readonly RecordedEvent[];
beforeAll(async () => {
  history = await buildLifecycleHistory();
});

const indexOf = (streamName: string, type: string, nth = 0): number => {
  const matches = history.flatMap((e, index) => (e.streamName === streamName && e.type === type ? [index] : []));
  const index = matches[nth];
  if (index === undefined) throw new Error(`no ${type} #${nth} in ${streamName}`);
  return index;
};
const withData = (index: number, change: (data: JsonObject) => JsonObject): RecordedEvent[] => history.map((e, i) => (i === index ? { ...e, data: change(e.data) } : e));
const withActor = (index: number, actor: string): RecordedEvent[] => history.map((e, i) => (i === index ? { ...e, metadata: { ...e.metadata, actor } } : e));
const without = (index: number): RecordedEvent[] => history.filter((_, i) => i !== index);
const breakOf = async (events: Iterable<RecordedEvent>): Promise<RuleBreak> => {
  const result = await replayRules(events);
  if (E.isRight(result)) throw new Error(`no rule broken: ${JSON.stringify(result.right)}`);
  return result.left;
};
const at = (event: RecordedEvent | undefined) => ({ streamName: event?.streamName, revision: event?.revision, eventType: event?.type });

describe("rule replay over a grant's whole life", () => {
  it("replays the history the handler wrote, every new event re-decided, with no break", async () => {
    expect(await replayRules(history)).toEqual(E.right({ events: history.length, grants: 6, rounds: 2, unsettled: [] }));
    const types = new Set(history.map((e) => e.type));
    for (const type of ["AwardAmended", "DisbursementReversed", "RepaymentReceived", "GrantClosed", "AppealUpheld", "AwardRenounced", "ApplicationDismissed", "ApplicationWithdrawn", "ConflictOfInterestDeclared", "RoundBudgetAdjusted", "FundsCarriedIn"]) {
      expect(types.has(type), type).toBe(true);
    }
  });

  it("names a raise whose increase was never committed", async () => {
    const amended = indexOf("grant-a", "AwardAmended");
    const increase = indexOf("round-r1", "FundsCommitted", 1);
    expect(history[increase]?.data).toMatchObject({ grantId: "a", amount: 2 * UNIT });
    const broken = await breakOf(without(increase));
    expect(broken).toMatchObject({ ...at(history[amended]), rule: "EventOutOfPlace", error: { grantId: "a", amount: 6 * UNIT, held: 4 * UNIT } });
    expect(broken.error["reason"]).toMatch(/its FundsCommitted was never written/);
  });

  it("names a release that frees money a lowered award still backs", async () => {
    // b was lowered from 4 to 3 MNOK: the round releases 1 MNOK, not a øre more.
    const release = history.findIndex((e) => e.type === "FundsReleased" && e.data["grantId"] === "b");
    const broken = await breakOf(withData(release, (data) => ({ ...data, amount: UNIT + 1 })));
    expect(broken).toMatchObject({ ...at(history[release]), rule: "EventOutOfPlace", error: { grantId: "b", held: 4 * UNIT, needed: 3 * UNIT, released: UNIT + 1 } });
  });

  it("names a closing that claims another unpaid amount than the figures give", async () => {
    const closed = indexOf("grant-a", "GrantClosed");
    const broken = await breakOf(withData(closed, (data) => ({ ...data, unpaid: 0 })));
    expect(broken).toMatchObject({ ...at(history[closed]), rule: "EventOutOfPlace" });
    expect(broken.error["decided"]).toMatchObject([{ type: "GrantClosed", data: { unpaid: 3_500_000 } }]);
  });

  it("names a repayment above its claim, and a reversal of a payment that stands no more", async () => {
    const repaid = indexOf("grant-a", "RepaymentReceived");
    expect(await breakOf(withData(repaid, (data) => ({ ...data, amount: UNIT + 1 })))).toMatchObject({ ...at(history[repaid]), rule: "RepaymentExceedsClaim" });
    const reversal = indexOf("grant-a", "DisbursementReversed");
    const twice = [...history.slice(0, reversal + 1), { ...(history[reversal] as RecordedEvent), revision: (history[reversal] as RecordedEvent).revision + 1n }, ...history.slice(reversal + 1)];
    expect(await breakOf(twice)).toMatchObject({ rule: "PaymentNotFound", error: { paymentRef: "P-1" } });
  });

  it("names an arrival no carry-over sent, and a carry above what the closed round has left", async () => {
    const over = indexOf("round-r1", "FundsCarriedOver");
    const into = indexOf("round-r2", "FundsCarriedIn");
    const arrival = await breakOf(without(over));
    expect(arrival).toMatchObject({ ...at(history[into]), rule: "EventOutOfPlace", error: { fromRoundId: "r1", amount: 12 * UNIT, inFlight: 0 } });
    const tooMuch = await breakOf(withData(over, (data) => ({ ...data, amount: 12_500_001 })));
    expect(tooMuch).toMatchObject({ ...at(history[over]), rule: "CarryOverExceedsRemaining", error: { remaining: 12_500_000 } });
  });

  it("names a budget cut below what the round had committed", async () => {
    const adjusted = indexOf("round-r1", "RoundBudgetAdjusted");
    const broken = await breakOf(withData(adjusted, (data) => ({ ...data, budget: 5 * UNIT })));
    expect(broken).toMatchObject({ ...at(history[adjusted]), rule: "BudgetBelowCommitted" });
  });

  it("names, from the events' own actors, an award by its evaluator and a payment by its awarder", async () => {
    const awarded = indexOf("grant-a", "GrantAwarded");
    expect(await breakOf(withActor(awarded, EVALUATOR))).toMatchObject({ ...at(history[awarded]), rule: "EvaluatorCannotAward", error: { evaluatedBy: EVALUATOR, awardedBy: EVALUATOR } });
    const paid = indexOf("grant-a", "GrantDisbursed");
    expect(await breakOf(withActor(paid, AWARDER))).toMatchObject({ ...at(history[paid]), rule: "AwarderCannotPay", error: { awardedBy: AWARDER, paidBy: AWARDER } });
  });

  it("names an evaluation by an evaluator who declared a conflict", async () => {
    const evaluatedF = indexOf("grant-f", "ApplicationEvaluated");
    expect(await breakOf(withActor(evaluatedF, EVALUATOR))).toMatchObject({ ...at(history[evaluatedF]), rule: "EvaluatorHasConflictOfInterest", error: { evaluator: EVALUATOR } });
  });

  it("names an appeal upheld that was never lodged", async () => {
    const lodged = indexOf("grant-c", "DecisionAppealed");
    const upheld = indexOf("grant-c", "AppealUpheld");
    expect(await breakOf(without(lodged))).toMatchObject({ ...at(history[upheld]), rule: "NoAppealPending", error: { status: "rejected" } });
  });
});
