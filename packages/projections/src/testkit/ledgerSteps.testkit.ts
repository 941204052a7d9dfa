import fc from "fast-check";
import { PARTICIPANT_POOL } from "./fixtures.testkit.js";

/*
 * The steps of random ledger histories, each a command a user would give: on a grant (from its
 * application through award, payments and reports to amendments, reversals, repayments, closing,
 * withdrawal, renouncing, dismissal and appeals), or on a round (closing, a budget adjustment,
 * opening the scheme's second round, carrying money over to it). The rules may accept or refuse
 * each; see `createLedgerWorld` for how a step becomes a command.
 */

export type Step =
  | { readonly kind: "apply"; readonly grant: number; readonly participants: readonly number[]; readonly weights: readonly number[]; readonly requested: number }
  | { readonly kind: "evaluate"; readonly grant: number; readonly recommend: boolean }
  | { readonly kind: "award"; readonly grant: number; readonly percent: number }
  | { readonly kind: "reject"; readonly grant: number }
  | { readonly kind: "disburse"; readonly grant: number; readonly percent: number }
  | { readonly kind: "report"; readonly grant: number; readonly year: number; readonly costSaving: number; readonly hours: number; readonly otherParties: number }
  | { readonly kind: "close"; readonly round: number }
  | { readonly kind: "accept"; readonly grant: number }
  | { readonly kind: "amend"; readonly grant: number; readonly percent: number }
  | { readonly kind: "reverse"; readonly grant: number; readonly payment: number }
  | { readonly kind: "claim"; readonly grant: number; readonly percent: number }
  | { readonly kind: "repay"; readonly grant: number; readonly percent: number }
  | { readonly kind: "closeGrant"; readonly grant: number }
  | { readonly kind: "withdraw"; readonly grant: number }
  | { readonly kind: "renounce"; readonly grant: number }
  | { readonly kind: "dismiss"; readonly grant: number }
  | { readonly kind: "appeal"; readonly grant: number }
  | { readonly kind: "upholdAppeal"; readonly grant: number }
  | { readonly kind: "dismissAppeal"; readonly grant: number }
  | { readonly kind: "declareConflict"; readonly grant: number; readonly blocking: boolean }
  | { readonly kind: "adjustBudget"; readonly round: number; readonly percent: number }
  | { readonly kind: "openSecondRound" }
  | { readonly kind: "carryOver"; readonly percent: number };

const grant = fc.integer({ min: 0, max: 5 });
const round = fc.integer({ min: 0, max: 2 });
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
const on = <K extends Step["kind"]>(kind: K) => fc.constant(kind);

/** One step of a history, on any grant or round, in any order: most of these are refused. */
export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: on("apply"), grant, ...applyFields }),
  fc.record({ kind: on("evaluate"), grant, recommend: fc.boolean() }),
  fc.record({ kind: on("award"), grant, percent }),
  fc.record({ kind: on("reject"), grant }),
  fc.record({ kind: on("disburse"), grant, percent }),
  fc.record({ kind: on("report"), grant, ...reportFields }),
  fc.record({ kind: on("close"), round }),
  fc.record({ kind: fc.constantFrom("accept" as const, "closeGrant" as const, "withdraw" as const, "renounce" as const, "dismiss" as const, "appeal" as const), grant }),
  fc.record({ kind: fc.constantFrom("amend" as const, "claim" as const, "repay" as const), grant, percent }),
  fc.record({ kind: on("reverse"), grant, payment: fc.nat(3) }),
  fc.record({ kind: on("declareConflict"), grant, blocking: fc.boolean() }),
  fc.record({ kind: on("adjustBudget"), round, percent: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ kind: on("carryOver"), percent }),
);

type GrantStep = Extract<Step, { readonly grant: number }>;
type Unplaced<S> = S extends GrantStep ? Omit<S, "grant"> : never;

// What follows an award: payments and reports, then changes to what was paid (an amendment, a
// payment reversed, money claimed back and repaid in parts, a payment more).
const afterAward: fc.Arbitrary<readonly Unplaced<GrantStep>[]> = fc
  .tuple(
    fc.array(fc.oneof({ weight: 3, arbitrary: fc.record({ kind: on("disburse"), percent }) }, { weight: 2, arbitrary: fc.record({ kind: on("report"), ...reportFields }) }), { maxLength: 4 }),
    fc.array(
      fc.oneof(
        fc.record({ kind: on("amend"), percent }).map((step) => [step]),
        fc.record({ kind: on("reverse"), payment: fc.nat(3) }).map((step) => [step]),
        fc.record({ kind: on("disburse"), percent }).map((step) => [step]),
        fc
          .tuple(percent, fc.array(percent, { minLength: 1, maxLength: 2 }))
          .map(([claimed, repaid]) => [{ kind: "claim" as const, percent: claimed }, ...repaid.map((part) => ({ kind: "repay" as const, percent: part }))]),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([payments, changes]) => [...payments, ...changes.flat()]);

// After a rejection or dismissal: perhaps an appeal, and if it is upheld, the application decided anew.
const contested: fc.Arbitrary<readonly Unplaced<GrantStep>[]> = fc
  .record({ appealed: fc.boolean(), upheld: fc.boolean(), anew: fc.constantFrom("award", "reject"), percent })
  .map(({ appealed, upheld, anew, percent }) => {
    if (!appealed) return [];
    if (!upheld) return [{ kind: "appeal" as const }, { kind: "dismissAppeal" as const }];
    const decided = anew === "award" ? { kind: "award" as const, percent } : { kind: "reject" as const };
    return [{ kind: "appeal" as const }, { kind: "upholdAppeal" as const }, { kind: "evaluate" as const, recommend: anew === "award" }, decided];
  });

// One grant's life in order: applied, mostly evaluated, then decided; an award is perhaps
// accepted, paid, reported on and changed, and perhaps closed (with repayments after) or renounced.
const lifeArbitrary = (grantNo: number): fc.Arbitrary<readonly Step[]> =>
  fc
    .record({
      apply: fc.record(applyFields),
      conflict: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.boolean() }),
      evaluated: fc.boolean().map((b) => b || grantNo % 4 !== 3),
      recommend: fc.boolean(),
      decision: fc.constantFrom("award", "award", "award", "reject", "dismiss", "withdraw", "none"),
      contest: contested,
      awardPercent: percent,
      accepted: fc.boolean().map((b) => b || grantNo % 2 === 0),
      after: afterAward,
      ending: fc.constantFrom("close", "close", "renounce", "none", "none"),
      afterClosing: fc.array(fc.record({ kind: fc.constantFrom("claim" as const, "repay" as const), percent }), { maxLength: 2 }),
    })
    .map(({ apply, conflict, evaluated, recommend, decision, contest, awardPercent, accepted, after, ending, afterClosing }): Step[] => {
      const steps: Unplaced<GrantStep>[] = [{ kind: "apply", ...apply }];
      if (conflict !== null) steps.push({ kind: "declareConflict", blocking: conflict });
      if (evaluated) steps.push({ kind: "evaluate", recommend });
      if (decision === "reject" || decision === "dismiss") steps.push({ kind: decision }, ...contest);
      if (decision === "withdraw") steps.push({ kind: "withdraw" });
      if (decision === "award") {
        steps.push({ kind: "award", percent: awardPercent }, ...(accepted ? [{ kind: "accept" as const }] : []));
        // Only an award nothing of which is paid can be renounced.
        if (ending === "renounce") steps.push({ kind: "renounce" });
        else steps.push(...after, ...(ending === "close" ? [{ kind: "closeGrant" as const }, ...afterClosing] : []));
      }
      return steps.map((step) => ({ ...step, grant: grantNo }) as Step);
    });

// The scheme's second round: opened at some point, and perhaps given what the first round left.
const roundSteps: fc.Arbitrary<readonly Step[]> = fc
  .record({
    second: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
    closeFirst: fc.integer({ min: 0, max: 4 }).map((n) => n > 1),
    carry: fc.option(percent, { freq: 4 }),
    adjust: fc.array(fc.record({ kind: on("adjustBudget"), round, percent: fc.integer({ min: 1, max: 150 }) }), { maxLength: 2 }),
  })
  .map(({ second, closeFirst, carry, adjust }): Step[] => [
    ...adjust,
    ...(second ? [{ kind: "openSecondRound" as const }] : []),
    ...(closeFirst ? [{ kind: "close" as const, round: 0 }] : []),
    ...(carry !== null && closeFirst ? [{ kind: "carryOver" as const, percent: carry }] : []),
  ]);

/**
 * A history of up to `maxGrants` grant lives and the rounds' own steps, interleaved at random
 * (each life keeps its order), with a few stray steps (mostly refused).
 */
export const historyArbitrary = (maxGrants = 5): fc.Arbitrary<readonly Step[]> =>
  fc
    .tuple(
      fc.integer({ min: 1, max: maxGrants }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, grantNo) => lifeArbitrary(grantNo)))),
      roundSteps,
      fc.array(stepArbitrary, { maxLength: 3 }),
      fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
    )
    .map(([lives, rounds, strays, keys]) => {
      // Each step gets a random key, rising within a life, and all are sorted by key.
      const keyed: { key: number; step: Step }[] = [];
      const draw = keys[Symbol.iterator]();
      for (const [grantNo, life] of lives.entries()) {
        // Grant 4 applies to the second round, which opens later: its life starts later too.
        let key = grantNo === 4 ? 3 : 0;
        for (const step of life) keyed.push({ key: (key += draw.next().value ?? 0), step });
      }
      // The rounds' steps come later on the whole (a round closes after most of its decisions).
      let key = 0;
      for (const step of rounds) keyed.push({ key: (key += (draw.next().value ?? 0) * 3), step });
      for (const step of strays) keyed.push({ key: (draw.next().value ?? 0) * 6, step });
      return keyed.sort((a, b) => a.key - b.key).map(({ step }) => step);
    });
