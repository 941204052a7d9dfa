import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { createGrantLedger, type EventStore, type GrantLedger } from "@grantledger/core";
import { PARTICIPANT_POOL, withShares } from "./fixtures.testkit.js";

/*
 * Random histories written through the command handler, as a user would write them: a few
 * grants in two rounds (the 2009 scheme, and a co-financing scheme that needs a benefits plan
 * and a report before each next tranche), each step a command that the rules may accept or
 * refuse. Refusals append nothing, which is also a history worth folding.
 */

export type Step =
  | { readonly kind: "apply"; readonly grant: number; readonly participants: readonly number[]; readonly weights: readonly number[]; readonly requested: number }
  | { readonly kind: "evaluate"; readonly grant: number; readonly recommend: boolean }
  | { readonly kind: "award"; readonly grant: number; readonly percent: number }
  | { readonly kind: "reject"; readonly grant: number }
  | { readonly kind: "disburse"; readonly grant: number; readonly percent: number }
  | { readonly kind: "report"; readonly grant: number; readonly year: number; readonly costSaving: number; readonly hours: number; readonly otherParties: number }
  | { readonly kind: "close"; readonly round: number };

const grant = fc.integer({ min: 0, max: 5 });
const percent = fc.integer({ min: 1, max: 100 });
const applyFields = {
  participants: fc.uniqueArray(fc.integer({ min: 0, max: PARTICIPANT_POOL.length - 1 }), { minLength: 1, maxLength: 4 }),
  weights: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 4, maxLength: 4 }),
  requested: fc.integer({ min: 1, max: 400_000 }),
};
const reportFields = {
  year: fc.integer({ min: 2009, max: 2013 }),
  costSaving: fc.integer({ min: -50_000, max: 5_000_000 }),
  hours: fc.double({ min: 0, max: 500, noNaN: true }),
  otherParties: fc.integer({ min: 0, max: 3_000_000 }),
};

/** One step of a history, on any grant, in any order: most of these are refused. */
export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("apply" as const), grant, ...applyFields }),
  fc.record({ kind: fc.constant("evaluate" as const), grant, recommend: fc.boolean() }),
  fc.record({ kind: fc.constant("award" as const), grant, percent }),
  fc.record({ kind: fc.constant("reject" as const), grant }),
  fc.record({ kind: fc.constant("disburse" as const), grant, percent }),
  fc.record({ kind: fc.constant("report" as const), grant, ...reportFields }),
  fc.record({ kind: fc.constant("close" as const), round: fc.integer({ min: 0, max: 1 }) }),
);

// One grant's life in order: applied, mostly evaluated, then awarded (and paid, reported on) or rejected.
const lifeArbitrary = (grantNo: number): fc.Arbitrary<readonly Step[]> =>
  fc
    .record({
      apply: fc.record(applyFields),
      evaluated: fc.boolean().map((b) => b || grantNo % 4 !== 3),
      recommend: fc.boolean(),
      decision: fc.constantFrom("award", "award", "reject", "none"),
      awardPercent: percent,
      after: fc.array(fc.oneof(fc.record({ kind: fc.constant("disburse" as const), percent }), fc.record({ kind: fc.constant("report" as const), ...reportFields })), { maxLength: 5 }),
    })
    .map(({ apply, evaluated, recommend, decision, awardPercent, after }): Step[] => [
      { kind: "apply", grant: grantNo, ...apply },
      ...(evaluated ? [{ kind: "evaluate" as const, grant: grantNo, recommend }] : []),
      ...(decision === "reject" ? [{ kind: "reject" as const, grant: grantNo }] : []),
      ...(decision === "award" ? [{ kind: "award" as const, grant: grantNo, percent: awardPercent }, ...after.map((step) => ({ ...step, grant: grantNo }))] : []),
    ]);

/**
 * A history of up to `maxGrants` grant lives, interleaved at random (each life keeps its order),
 * with a few stray steps (mostly refused) and perhaps a round closed somewhere in between.
 */
export const historyArbitrary = (maxGrants = 5): fc.Arbitrary<readonly Step[]> =>
  fc
    .tuple(
      fc.integer({ min: 1, max: maxGrants }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, grantNo) => lifeArbitrary(grantNo)))),
      fc.array(stepArbitrary, { maxLength: 3 }),
      fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
    )
    .map(([lives, strays, keys]) => {
      // Each step gets a random key, rising within a life, and all are sorted by key.
      const keyed: { key: number; step: Step }[] = [];
      const draw = keys[Symbol.iterator]();
      for (const life of lives) {
        let key = 0;
        for (const step of life) keyed.push({ key: (key += draw.next().value ?? 0), step });
      }
      for (const step of strays) keyed.push({ key: (draw.next().value ?? 0) * 6, step });
      return keyed.sort((a, b) => a.key - b.key).map(({ step }) => step);
    });

const ROUNDS = ["r2009", "r2018"] as const;
const roundOf = (grantNo: number): string => ROUNDS[grantNo % 3 === 2 ? 1 : 0];
const grantId = (grantNo: number): string => `g${grantNo}`;
const plan = [{ category: "cost-saving" as const, description: "Saved licences", unit: "NOK", target: 1_000_000, owner: "CIO" }];

/** A memory store and a ledger over it, with both rounds opened. */
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

const round = (roundId: string, coFinancing: boolean) => ({
  roundId,
  name: coFinancing ? "Medfinansiering 2018" : "Kriselaget 2009",
  funder: { orgNo: "991825827", name: "Difi" },
  budget: coFinancing ? 800_000 : 600_000,
  policy: { maxShareBps: 5000, eligibleApplicants: ["municipality", "county", "state-agency"] as ("municipality" | "county" | "state-agency")[], requiresBenefitsPlan: coFinancing, reportBeforeNextTranche: coFinancing },
  applicationDeadline: "2009-06-30T23:59:59Z",
  disbursementWindow: { from: "2009-01-01", to: "2013-12-31" },
});

/** Opens both rounds in a fresh memory store; `now` is the store's clock. */
export const createLedgerWorld = async (now?: () => Date): Promise<LedgerWorld> => {
  const store = createMemoryEventStore(now === undefined ? {} : { now });
  const ledger = createGrantLedger({ store });
  const awards = new Map<number, number>();
  const context = (index: number) => ({ commandId: `step-${index}`, actor: "case-officer" });
  const refusals = new Map<string, number>();
  const check = (result: E.Either<{ readonly _tag: string }, unknown>): void => {
    if (E.isRight(result)) return;
    if (result.left._tag === "InvalidCommand") throw new Error(`bad test data: ${JSON.stringify(result.left)}`);
    refusals.set(result.left._tag, (refusals.get(result.left._tag) ?? 0) + 1);
  };
  check(await ledger.openRound(round(ROUNDS[0], false), context(-1))());
  check(await ledger.openRound(round(ROUNDS[1], true), context(-2))());

  const run = async (step: Step, index: number): Promise<void> => {
    const id = step.kind === "close" ? "" : grantId(step.grant);
    const ctx = context(index);
    switch (step.kind) {
      case "apply": {
        const applicant = step.grant % 3 === 2 ? { orgNo: "971040238", name: "Statens kartverk", kind: "state-agency" as const } : { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" as const };
        const participants = withShares(step.participants, step.weights);
        return check(await ledger.applyForGrant({ grantId: id, roundId: roundOf(step.grant), applicant, participants, project: { title: `Project ${id}` }, totalCost: step.requested * 2 + 7, requested: step.requested, appliedAt: "2009-03-01T10:00:00+01:00" }, ctx)());
      }
      case "evaluate":
        return check(await ledger.evaluateApplication({ grantId: id, score: step.recommend ? 80 : 20, recommendation: step.recommend ? "award" : "reject", evaluator: "Panel", evaluatedAt: "2009-08-01T12:00:00Z" }, ctx)());
      case "award": {
        const loaded = await ledger.readGrant(id)();
        const requested = E.isRight(loaded) && loaded.right.status !== "none" ? loaded.right.application.requested : 1;
        const amount = Math.max(1, Math.floor((requested * step.percent) / 100));
        const result = await ledger.awardGrant({ grantId: id, amount, disbursementPlan: [{ due: "2010-06-01", amount }], conditions: [], awardedAt: "2009-09-01T09:00:00Z", ...(roundOf(step.grant) === ROUNDS[1] ? { benefitsPlan: plan } : {}) }, ctx)();
        if (E.isRight(result)) awards.set(step.grant, amount);
        return check(result);
      }
      case "reject":
        return check(await ledger.rejectApplication({ grantId: id, reason: "Below the bar", rejectedAt: "2009-09-02T09:00:00Z" }, ctx)());
      case "disburse": {
        const amount = Math.max(1, Math.floor(((awards.get(step.grant) ?? 1) * step.percent) / 100));
        return check(await ledger.disburseGrant({ grantId: id, amount, paymentRef: `pay-${index}`, disbursedAt: `2010-0${1 + (index % 9)}-15T10:00:00Z` }, ctx)());
      }
      case "report": {
        const benefits = [
          { category: "cost-saving" as const, description: "Licences", unit: "NOK", actual: step.costSaving, owner: "CIO" },
          { category: "time-saving" as const, description: "Case handling", unit: "hours", actual: step.hours, owner: "Ops" },
          { category: "other-parties" as const, description: "Citizens", unit: "NOK", actual: step.otherParties, owner: "CIO" },
        ];
        return check(await ledger.reportBenefits({ grantId: id, period: { from: `${step.year}-01-01`, to: `${step.year}-12-31` }, benefits, reportedAt: `${step.year + 1}-02-01T10:00:00Z` }, ctx)());
      }
      case "close":
        return check(await ledger.closeRound({ roundId: ROUNDS[step.round] ?? ROUNDS[0], closedAt: "2009-12-31T12:00:00Z" }, ctx)());
    }
  };

  const lastPosition = async (): Promise<bigint | undefined> => {
    const all = await store.readAll()();
    if (E.isLeft(all)) throw new Error(all.left._tag);
    return all.right[all.right.length - 1]?.position;
  };
  return { store, ledger, run, refusals, lastPosition };
};
