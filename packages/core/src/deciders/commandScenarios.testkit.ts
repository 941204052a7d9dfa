import fc from "fast-check";
import type { RoundOpening } from "./fixtures.testkit.js";
import { at, day, difi, id, text } from "./fixtures.testkit.js";
import { unsafeBasisPoints } from "../values/basisPoints.js";
import { unsafeMoney } from "../values/money.js";

/*
 * Random command sequences for the property tests: a few grants in one round, each living
 * through apply, evaluate, award or reject, payments and reports, with steps out of order,
 * repeated or invalid mixed in. Amounts are drawn relative to the state they will meet, so
 * the boundaries (exactly the cap, one øre over) come up often.
 */

export const ROUND = id("property-round");
export const GRANTS = ["g0", "g1", "g2", "g3"].map(id);

export type Base = "cap" | "requested" | "remainingBudget" | "remainingAward" | "absolute";
/** An amount relative to the state it meets, so boundaries (exactly, one øre over) come up often. */
export interface AmountSpec {
  readonly of: Base;
  readonly quarters: number;
  readonly delta: number;
  readonly absolute: number;
}

export type Step =
  | { readonly kind: "apply"; readonly grant: number; readonly totalCost: number; readonly requested: AmountSpec; readonly late: boolean; readonly wholeShares: boolean }
  | { readonly kind: "evaluate"; readonly grant: number; readonly recommendAward: boolean; readonly recommended: AmountSpec | undefined }
  | { readonly kind: "award"; readonly grant: number; readonly amount: AmountSpec; readonly instalments: number; readonly planOff: number; readonly crash: boolean }
  | { readonly kind: "reject"; readonly grant: number; readonly blank: boolean }
  | { readonly kind: "disburse"; readonly grant: number; readonly amount: AmountSpec; readonly ref: number; readonly inWindow: boolean }
  | { readonly kind: "report"; readonly grant: number; readonly month: number; readonly months: number };

/** Any amount: none, part or all of what the state allows, a quarter more, or a figure of its own; give or take an øre. */
const amountSpec: fc.Arbitrary<AmountSpec> = fc.record({
  of: fc.constantFrom<Base>("cap", "requested", "requested", "remainingBudget", "remainingAward", "remainingAward", "absolute"),
  quarters: fc.constantFrom(0, 1, 2, 3, 4, 4, 4, 4, 5),
  delta: fc.constantFrom(-1, 0, 0, 0, 1),
  absolute: fc.nat({ max: 3_000_000 }),
});
/** An amount the rules probably allow: part or all of what the state leaves room for. */
const likelyAmount = (...of: Base[]): fc.Arbitrary<AmountSpec> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ of: fc.constantFrom(...of), quarters: fc.integer({ min: 1, max: 4 }), delta: fc.constantFrom(-1, 0, 0), absolute: fc.constant(0) }) },
    { weight: 1, arbitrary: amountSpec },
  );
const rarely = fc.constantFrom(false, false, false, false, false, false, false, false, false, true);

const applyStep = (grant: number, requested = amountSpec) =>
  fc.record({
    kind: fc.constant("apply" as const),
    grant: fc.constant(grant),
    totalCost: fc.integer({ min: 1_000, max: 4_000_000 }),
    requested,
    late: rarely,
    wholeShares: rarely.map((b) => !b),
  });
const evaluateStep = (grant: number) =>
  fc.record({ kind: fc.constant("evaluate" as const), grant: fc.constant(grant), recommendAward: fc.boolean(), recommended: fc.option(amountSpec, { nil: undefined }) });
const awardStep = (grant: number, amount = amountSpec) =>
  fc.record({
    kind: fc.constant("award" as const),
    grant: fc.constant(grant),
    amount,
    instalments: fc.integer({ min: 1, max: 3 }),
    planOff: fc.constantFrom(0, 0, 0, 0, 0, 0, -1, 1),
    crash: rarely,
  });
const rejectStep = (grant: number) => fc.record({ kind: fc.constant("reject" as const), grant: fc.constant(grant), blank: rarely });
const disburseStep = (grant: number, amount = amountSpec) =>
  fc.record({ kind: fc.constant("disburse" as const), grant: fc.constant(grant), amount, ref: fc.nat({ max: 5 }), inWindow: rarely.map((b) => !b) });
const reportStep = (grant: number) =>
  fc.record({ kind: fc.constant("report" as const), grant: fc.constant(grant), month: fc.integer({ min: 1, max: 12 }), months: fc.nat({ max: 2 }) });

/** Any step at all on the grant: out of order, repeated, or both. */
const anyStep = (grant: number): fc.Arbitrary<Step> =>
  fc.oneof(applyStep(grant), evaluateStep(grant), awardStep(grant), rejectStep(grant), disburseStep(grant), reportStep(grant));

/**
 * One grant's life in order (apply, evaluate, award or reject, then payments and reports), with
 * out-of-order steps mixed in, so that most runs reach the rules about money.
 */
const lifecycle = (grant: number): fc.Arbitrary<Step[]> =>
  fc
    .tuple(
      applyStep(grant, likelyAmount("requested")),
      fc.array(anyStep(grant), { maxLength: 1 }),
      evaluateStep(grant),
      fc.oneof(
        { weight: 6, arbitrary: awardStep(grant, likelyAmount("requested", "remainingBudget")).map((step) => [step]) },
        { weight: 2, arbitrary: rejectStep(grant).map((step) => [step]) },
        // The handler retries an award that crashed between its two appends: same command, new state.
        { weight: 1, arbitrary: awardStep(grant).map((step) => [{ ...step, crash: true }, { ...step, crash: false }]) },
      ),
      fc.array(
        fc.oneof(
          { weight: 4, arbitrary: fc.oneof(disburseStep(grant, likelyAmount("remainingAward")), reportStep(grant)) },
          { weight: 1, arbitrary: anyStep(grant) },
        ),
        { maxLength: 10 },
      ),
    )
    .map(([applied, noise, evaluated, decided, after]) => [applied, ...noise, evaluated, ...decided, ...after]);

/** Interleaves the grants' lives: `picks` says whose next step comes next. */
const interleave = (lives: readonly Step[][], picks: readonly number[]): Step[] => {
  const queues = lives.map((life) => [...life].reverse());
  const steps: Step[] = [];
  for (let i = 0; queues.some((queue) => queue.length > 0); i++) {
    const start = picks[i % Math.max(1, picks.length)] ?? 0;
    for (let k = 0; k < queues.length; k++) {
      const next = queues[(start + k) % queues.length]?.pop();
      if (next !== undefined) {
        steps.push(next);
        break;
      }
    }
  }
  return steps;
};

const roundOpening: fc.Arbitrary<RoundOpening> = fc
  .record({
    budget: fc.integer({ min: 1, max: 800_000 }),
    maxShareBps: fc.integer({ min: 1, max: 10_000 }),
    maxGrant: fc.option(fc.integer({ min: 1, max: 3_000_000 }), { nil: undefined }),
    reportBeforeNextTranche: fc.boolean(),
  })
  .map(({ budget, maxShareBps, maxGrant, reportBeforeNextTranche }) => ({
    roundId: ROUND,
    name: text("Egenskapstestrunden"),
    funder: difi,
    budget: unsafeMoney(budget),
    policy: {
      maxShareBps: unsafeBasisPoints(maxShareBps),
      ...(maxGrant === undefined ? {} : { maxGrant: unsafeMoney(Math.min(maxGrant, budget)) }),
      eligibleApplicants: ["municipality" as const],
      requiresBenefitsPlan: false,
      reportBeforeNextTranche,
    },
    applicationDeadline: at("2019-12-31T12:00:00+01:00"),
    disbursementWindow: { from: day("2020-01-01"), to: day("2020-12-31") },
  }));

export const scenario = fc.record({
  round: roundOpening,
  steps: fc
    .tuple(fc.tuple(...GRANTS.map((_, grant) => lifecycle(grant))), fc.array(fc.nat({ max: GRANTS.length - 1 }), { minLength: 1, maxLength: 60 }))
    .map(([lives, picks]) => interleave(lives, picks)),
  /** The round closes before this step, if the sequence is that long. */
  closeAfter: fc.integer({ min: 8, max: 150 }),
});
