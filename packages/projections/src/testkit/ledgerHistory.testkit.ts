import * as E from "fp-ts/lib/Either.js";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { createGrantLedger, type EventStore, type ExistingGrant, type ExistingRound, type GrantLedger } from "@grantledger/core";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { withShares } from "./fixtures.testkit.js";
import type { Step } from "./ledgerSteps.testkit.js";

export { historyArbitrary, stepArbitrary, type Step } from "./ledgerSteps.testkit.js";

/*
 * Random histories written through the command handler, as a user would write them: grants in
 * three rounds (the 2009 scheme's first round, and its second round once a step opens it; and a
 * co-financing scheme that needs a benefits plan, a report before each next tranche, accepted
 * conditions before payment, and separate actors to evaluate, award and pay), each step a
 * command that the rules may accept or refuse. Refusals append nothing, which is also a history
 * worth folding.
 */

const FIRST = "r2009";
const CO_FINANCING = "r2018";
const SECOND = "r2009-2";
/** The rounds by the number a `close` or `adjustBudget` step gives. */
const ROUNDS = [FIRST, CO_FINANCING, SECOND] as const;
const roundOf = (grantNo: number): string => (grantNo === 4 ? SECOND : grantNo % 3 === 2 ? CO_FINANCING : FIRST);
const grantId = (grantNo: number): string => `g${grantNo}`;
const plan = [{ category: "cost-saving" as const, description: "Saved licences", unit: "NOK", target: 1_000_000, owner: "CIO" }];

/** A memory store and a ledger over it, with the first two rounds opened. */
export interface LedgerWorld {
  readonly store: EventStore;
  readonly ledger: GrantLedger;
  /** Runs one step; a refused command is no error, but bad test data (InvalidCommand) is. */
  run(step: Step, index: number): Promise<void>;
  /** How often each refusal occurred, by tag: to see that histories are not all refusals. */
  readonly refusals: Map<string, number>;
  /** The position of the last recorded event. */
  lastPosition(): Promise<bigint | undefined>;
}

const round = (roundId: string) => {
  const coFinancing = roundId === CO_FINANCING;
  return {
    roundId,
    name: coFinancing ? "Medfinansiering 2018" : roundId === SECOND ? "Kriselaget 2009, runde 2" : "Kriselaget 2009",
    schemeId: coFinancing ? "medfinansiering" : "krise-2009",
    funder: { orgNo: "991825827", name: "Difi" },
    budget: coFinancing ? 800_000 : roundId === SECOND ? 400_000 : 600_000,
    policy: {
      maxShareBps: 5000,
      eligibleApplicants: ["municipality", "county", "state-agency"] as ("municipality" | "county" | "state-agency")[],
      requiresBenefitsPlan: coFinancing,
      reportBeforeNextTranche: coFinancing,
      ...(coFinancing ? { requiresAcceptance: true, separationOfDuties: true } : {}),
    },
    applicationDeadline: roundId === SECOND ? "2010-06-30T23:59:59Z" : "2009-06-30T23:59:59Z",
    disbursementWindow: { from: "2009-01-01", to: "2013-12-31" },
  };
};

// A co-financing award is paid in two tranches (so a report falls due before the second); an
// amendment moves the dates. A 2009 award of an even percentage names its own report dates.
const awardPlan = (roundId: string, amount: number, amended: boolean) => {
  const [first, second] = amended ? ["2010-09-01", "2011-09-01"] : ["2010-06-01", "2011-06-01"];
  if (roundId !== CO_FINANCING || amount < 2) return [{ due: first, amount }];
  const half = Math.floor(amount / 2);
  return [{ due: first, amount: half }, { due: second, amount: amount - half }];
};

// Separate actors for the duties the co-financing round keeps apart.
const ACTORS: Partial<Record<Step["kind"], string>> = {
  evaluate: "evaluator",
  award: "director",
  amend: "director",
  reject: "director",
  dismiss: "director",
  upholdAppeal: "director",
  dismissAppeal: "director",
  disburse: "paymaster",
  reverse: "paymaster",
};

const percentOf = (amount: number, percent: number): number => Math.max(1, Math.floor((amount * percent) / 100));

/** Opens the first two rounds in a fresh memory store; `now` is the store's clock. */
export const createLedgerWorld = async (now?: () => Date): Promise<LedgerWorld> => {
  const store = createMemoryEventStore(now === undefined ? {} : { now });
  const ledger = createGrantLedger({ store, historical: HISTORICAL_FIXTURES });
  const context = (index: number, kind?: Step["kind"]) => ({ commandId: `step-${index}`, actor: (kind === undefined ? undefined : ACTORS[kind]) ?? "case-officer" });
  const refusals = new Map<string, number>();
  const check = (result: E.Either<{ readonly _tag: string }, unknown>): void => {
    if (E.isRight(result)) return;
    if (result.left._tag === "InvalidCommand") throw new Error(`bad test data: ${JSON.stringify(result.left)}`);
    refusals.set(result.left._tag, (refusals.get(result.left._tag) ?? 0) + 1);
  };
  check(await ledger.openRound(round(FIRST), context(-1))());
  check(await ledger.openRound(round(CO_FINANCING), context(-2))());

  const grantState = async (id: string): Promise<ExistingGrant | undefined> => {
    const loaded = await ledger.readGrant(id)();
    return E.isRight(loaded) && loaded.right.status !== "none" ? loaded.right : undefined;
  };
  const roundState = async (id: string): Promise<ExistingRound | undefined> => {
    const loaded = await ledger.readRound(id)();
    return E.isRight(loaded) && loaded.right.status !== "none" ? loaded.right : undefined;
  };

  const runRound = async (step: Extract<Step, { kind: "close" | "adjustBudget" | "openSecondRound" | "carryOver" }>, index: number): Promise<void> => {
    const ctx = context(index, step.kind);
    switch (step.kind) {
      case "close":
        return check(await ledger.closeRound({ roundId: ROUNDS[step.round] ?? FIRST, closedAt: "2009-12-31T12:00:00Z" }, ctx)());
      case "adjustBudget": {
        const roundId = ROUNDS[step.round] ?? FIRST;
        const budget = percentOf((await roundState(roundId))?.budget ?? 1, step.percent);
        return check(await ledger.adjustRoundBudget({ roundId, budget, reason: "Revidert nasjonalbudsjett", adjustedAt: "2009-05-01T10:00:00Z" }, ctx)());
      }
      case "openSecondRound":
        return check(await ledger.openRound(round(SECOND), ctx)());
      case "carryOver": {
        const first = await roundState(FIRST);
        const amount = percentOf(first === undefined ? 1 : first.budget - first.committed, step.percent);
        return check(await ledger.carryOverFunds({ roundId: FIRST, toRoundId: SECOND, amount, carriedAt: "2010-01-15T10:00:00Z" }, ctx)());
      }
    }
  };

  const runAfterAward = async (step: Extract<Step, { kind: "disburse" | "amend" | "reverse" | "claim" | "repay" }>, index: number): Promise<void> => {
    const id = grantId(step.grant);
    const ctx = context(index, step.kind);
    const grant = await grantState(id);
    switch (step.kind) {
      case "disburse": {
        const amount = percentOf(grant?.award?.amount ?? 1, step.percent);
        return check(await ledger.disburseGrant({ grantId: id, amount, paymentRef: `pay-${index}`, disbursedAt: `2010-0${1 + (index % 9)}-15T10:00:00Z` }, ctx)());
      }
      case "amend": {
        const amount = percentOf(grant?.application.requested ?? 1, step.percent);
        const disbursementPlan = awardPlan(roundOf(step.grant), amount, true);
        return check(await ledger.amendAward({ grantId: id, amount, disbursementPlan, reason: "Revised project costs", amendedAt: "2010-03-01T10:00:00Z" }, ctx)());
      }
      case "reverse": {
        const live = grant?.payments.filter((payment) => !payment.reversed) ?? [];
        const payment = live[step.payment % Math.max(1, live.length)] ?? { paymentRef: "none", amount: 1 };
        return check(await ledger.reverseDisbursement({ grantId: id, paymentRef: payment.paymentRef, amount: payment.amount, reason: "Wrong amount", reversedAt: "2010-12-01T10:00:00Z" }, ctx)());
      }
      case "claim": {
        const open = grant === undefined ? 0 : grant.claims.reduce((sum, claim) => sum + claim.amount - claim.received, 0);
        const amount = percentOf(grant === undefined ? 1 : grant.disbursed - grant.repaid - open, step.percent);
        return check(await ledger.claimRepayment({ grantId: id, claimId: `c-${index}`, amount, reason: "Condition not followed", claimedAt: "2011-01-10T10:00:00Z" }, ctx)());
      }
      case "repay": {
        const claim = grant?.claims.find((candidate) => candidate.received < candidate.amount);
        const amount = percentOf(claim === undefined ? 1 : claim.amount - claim.received, step.percent);
        return check(await ledger.recordRepayment({ grantId: id, claimId: claim?.claimId ?? "none", amount, receivedAt: "2011-02-10T10:00:00Z" }, ctx)());
      }
    }
  };

  const run = async (step: Step, index: number): Promise<void> => {
    if (step.kind === "close" || step.kind === "adjustBudget" || step.kind === "openSecondRound" || step.kind === "carryOver") return runRound(step, index);
    if (step.kind === "disburse" || step.kind === "amend" || step.kind === "reverse" || step.kind === "claim" || step.kind === "repay") return runAfterAward(step, index);
    const id = grantId(step.grant);
    const roundId = roundOf(step.grant);
    const ctx = context(index, step.kind);
    switch (step.kind) {
      case "apply": {
        const applicant = step.grant % 3 === 2 ? { orgNo: "971040238", name: "Statens kartverk", kind: "state-agency" as const } : { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" as const };
        const participants = withShares(step.participants, step.weights);
        return check(await ledger.applyForGrant({ grantId: id, roundId, applicant, participants, project: { title: `Project ${id}` }, totalCost: step.requested * 2 + 7, requested: step.requested, appliedAt: "2009-03-01T10:00:00+01:00" }, ctx)());
      }
      case "evaluate":
        return check(await ledger.evaluateApplication({ grantId: id, score: step.recommend ? 80 : 20, recommendation: step.recommend ? "award" : "reject", evaluator: "Panel", evaluatedAt: "2009-08-01T12:00:00Z" }, ctx)());
      case "award": {
        const amount = percentOf((await grantState(id))?.application.requested ?? 1, step.percent);
        const reportsDue = roundId !== CO_FINANCING && step.percent % 2 === 0 ? { reportsDue: ["2010-12-31", "2011-12-31"] } : {};
        const benefitsPlan = roundId === CO_FINANCING ? { benefitsPlan: plan } : {};
        return check(await ledger.awardGrant({ grantId: id, amount, disbursementPlan: awardPlan(roundId, amount, false), conditions: [], awardedAt: "2009-09-01T09:00:00Z", ...benefitsPlan, ...reportsDue }, ctx)());
      }
      case "reject":
        return check(await ledger.rejectApplication({ grantId: id, reason: "Below the bar", rejectedAt: "2009-09-02T09:00:00Z" }, ctx)());
      case "report": {
        const benefits = [
          { category: "cost-saving" as const, description: "Licences", unit: "NOK", actual: step.costSaving, owner: "CIO" },
          { category: "time-saving" as const, description: "Case handling", unit: "hours", actual: step.hours, owner: "Ops" },
          { category: "other-parties" as const, description: "Citizens", unit: "NOK", actual: step.otherParties, owner: "CIO" },
        ];
        return check(await ledger.reportBenefits({ grantId: id, period: { from: `${step.year}-01-01`, to: `${step.year}-12-31` }, benefits, reportedAt: `${step.year + 1}-02-01T10:00:00Z` }, ctx)());
      }
      case "accept":
        return check(await ledger.acceptConditions({ grantId: id, acceptedBy: "Rådmannen", acceptedAt: "2009-09-15T10:00:00Z" }, ctx)());
      case "closeGrant":
        return check(await ledger.closeGrant({ grantId: id, finalReport: { summary: "Delivered as planned" }, closedAt: "2011-06-30T10:00:00Z" }, ctx)());
      case "withdraw":
        return check(await ledger.withdrawApplication({ grantId: id, reason: "Project postponed", withdrawnAt: "2009-07-01T10:00:00Z" }, ctx)());
      case "renounce":
        return check(await ledger.renounceAward({ grantId: id, reason: "Cannot raise the co-financing", renouncedAt: "2009-10-01T10:00:00Z" }, ctx)());
      case "dismiss":
        return check(await ledger.dismissApplication({ grantId: id, reason: "Incomplete application", dismissedAt: "2009-09-02T09:00:00Z" }, ctx)());
      case "appeal":
        return check(await ledger.appealDecision({ grantId: id, grounds: "The assessment overlooked our plan", appealedAt: "2009-09-10T10:00:00Z" }, ctx)());
      case "upholdAppeal":
        return check(await ledger.upholdAppeal({ grantId: id, reason: "The plan was overlooked", decidedAt: "2009-09-20T10:00:00Z" }, ctx)());
      case "dismissAppeal":
        return check(await ledger.dismissAppeal({ grantId: id, reason: "The assessment stands", decidedAt: "2009-09-20T10:00:00Z" }, ctx)());
      case "declareConflict":
        return check(await ledger.declareConflictOfInterest({ grantId: id, evaluator: step.blocking ? "evaluator" : "another-evaluator", reason: "Related to the applicant", declaredAt: "2009-07-15T10:00:00Z" }, ctx)());
    }
  };

  const lastPosition = async (): Promise<bigint | undefined> => {
    const all = await store.readAll()();
    if (E.isLeft(all)) throw new Error(all.left._tag);
    return all.right[all.right.length - 1]?.position;
  };
  return { store, ledger, run, refusals, lastPosition };
};
