import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventStore } from "@grantledger/core";
import { projectAsOf, type AsOfOptions } from "../projectAsOf.js";
import { createLedgerWorld, historyArbitrary } from "../testkit/ledgerHistory.testkit.js";
import { readEverything } from "../testkit/storeCopy.testkit.js";
import { grantRegister, listGrants } from "../readModels/grantRegister.js";
import { municipalityTotals } from "../readModels/municipalityTotals.js";
import { listMunicipalities, listOtherParticipants, type TotalsScope } from "../readModels/municipalityTotalsQueries.js";
import { roundBudget } from "../readModels/roundBudget.js";
import { listRoundBudgets } from "../readModels/roundBudgetQueries.js";
import { explainFigures } from "./explainFigures.js";
import type { Explanation, FigureQuery } from "./explainTypes.js";
import { FIGURE_FIELDS } from "./figureFields.js";

const must = async <A>(task: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)));
  return result.right;
};

/**
 * The event at which the round budget, folded by business date, would commit more than the round's
 * budget (money committed on the strength of a release dated later than the commitment): the
 * poison `projectAsOf` stops at, or `undefined` when the dates agree with the record.
 */
const contradictionOf = async (store: EventStore, options: AsOfOptions): Promise<{ streamName: string; position: bigint } | undefined> => {
  const folded = await projectAsOf(store, roundBudget, options)();
  if (E.isRight(folded)) return undefined;
  const poison = folded.left;
  if (poison._tag !== "PoisonEvent" || !/committed \d+ øre of a budget of \d+/.test(poison.reason)) throw new Error(`round budget failed: ${poison._tag}`);
  return { streamName: poison.streamName, position: poison.position };
};

// Every row of every built-in read model, each money field of it, with the figure the read
// model's own query gives (folded independently, by projectAsOf), as the oracle.
const everyFigure = async (store: EventStore, options: AsOfOptions): Promise<{ query: FigureQuery; figure: number }[]> => {
  const totals = (await must(projectAsOf(store, municipalityTotals, options))).state;
  const budgets = (await must(projectAsOf(store, roundBudget, options))).state;
  const grants = listGrants((await must(projectAsOf(store, grantRegister, options))).state);
  const figures: { query: FigureQuery; figure: number }[] = [];
  const rounds = listRoundBudgets(budgets);
  const scopes: (TotalsScope | undefined)[] = [undefined, ...rounds.map((round) => ({ roundId: round.roundId })), ...new Set(rounds.flatMap((round) => (round.schemeId === undefined ? [] : [round.schemeId])))].map(
    (scope) => (typeof scope === "string" ? { schemeId: scope } : scope),
  );
  for (const scope of scopes) {
    for (const row of listMunicipalities(totals, scope)) {
      for (const field of FIGURE_FIELDS.municipality) figures.push({ query: { subject: { kind: "municipality", municipalityNo: row.municipalityNo }, field, ...scope }, figure: row[field] });
    }
    for (const row of listOtherParticipants(totals, scope)) {
      const key = row.kind === "county" ? `county:${row.id}` : `org:${row.id}`;
      for (const field of FIGURE_FIELDS.participant) figures.push({ query: { subject: { kind: "participant", key }, field, ...scope }, figure: row[field] });
    }
  }
  for (const round of rounds) for (const field of FIGURE_FIELDS.round) figures.push({ query: { subject: { kind: "round", roundId: round.roundId }, field }, figure: round[field] });
  const payees = new Map<string, Record<string, number>>();
  for (const grant of grants) {
    for (const field of FIGURE_FIELDS.grant) figures.push({ query: { subject: { kind: "grant", grantId: grant.grantId }, field }, figure: grant[field] });
    const sums = payees.get(grant.applicant.orgNo) ?? {};
    for (const field of FIGURE_FIELDS.payee) sums[field] = (sums[field] ?? 0) + grant[field];
    payees.set(grant.applicant.orgNo, sums);
  }
  for (const [orgNo, sums] of payees) for (const field of FIGURE_FIELDS.payee) figures.push({ query: { subject: { kind: "payee", orgNo }, field }, figure: sums[field] ?? 0 });
  return figures;
};

/** What the runs met, so the property is seen not to hold vacuously. */
const met = { parts: 0, splits: 0, roundings: 0, contradictions: 0 };

const checkExplanations = async (store: EventStore, explanations: readonly Explanation[], expected: readonly { figure: number }[], position: bigint | undefined): Promise<void> => {
  const events = new Map((await readEverything(store)).map((event) => [event.position, event]));
  expect(explanations.length).toBe(expected.length);
  for (const [index, explanation] of explanations.entries()) {
    const label = JSON.stringify(explanation.query);
    expect(explanation.figure, label).toBe(expected[index]?.figure);
    expect(explanation.parts.reduce((sum, part) => sum + part.part, 0), label).toBe(explanation.figure);
    let previous = -1n;
    for (const part of explanation.parts) {
      expect(part.part, label).not.toBe(0);
      expect(part.position > previous, label).toBe(true);
      previous = part.position;
      if (position !== undefined) expect(part.position <= position, label).toBe(true);
      const event = events.get(part.position);
      expect({ id: event?.id, type: event?.type, streamName: event?.streamName, revision: event?.revision, recordedAt: event?.recordedAt }, label).toEqual({
        id: part.eventId,
        type: part.type,
        streamName: part.streamName,
        revision: part.revision,
        recordedAt: part.recordedAt,
      });
      const inStream = await must(store.readStream(part.streamName, { fromRevision: part.revision, maxCount: 1 }));
      expect(inStream[0]?.id, label).toBe(part.eventId);
      met.parts += 1;
      if (part.shareBps !== undefined && part.shareBps < 10_000) met.splits += 1;
      if (part.rounding !== undefined && part.rounding !== 0) met.roundings += 1;
      if (part.shareBps !== undefined) {
        // The split: part = floor(exact share) + rounding, and the exact share is eventAmount × shareBps / Σ shares.
        const whole = part.exactShare?.replace(/,.*$/, "") ?? "";
        expect(part.rounding, label).toBeDefined();
        const floor = part.exactShare?.startsWith("-") === true && part.exactShare.includes(",") ? Number(whole) - 1 : Number(whole);
        expect(part.part - (part.rounding ?? 0), label).toBe(floor);
      }
    }
  }
};

describe("explainFigures, over random histories", () => {
  it("explains every money figure of every row: the parts sum to the read model's figure, and each part's event is where it says", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary(), fc.option(fc.nat(60), { nil: undefined }), fc.option(fc.constantFrom("2009-06-30", "2010-06-01", "2011-12-31"), { nil: undefined }), async (steps, cut, inEffectOn) => {
        const world = await createLedgerWorld();
        for (const [index, step] of steps.entries()) await world.run(step, index);
        const position = cut === undefined ? undefined : BigInt(cut);
        const options: AsOfOptions = { ...(position === undefined ? {} : { position }), ...(inEffectOn === undefined ? {} : { inEffectOn }) };
        const contradicted = inEffectOn === undefined ? undefined : await contradictionOf(world.store, options);
        if (contradicted !== undefined) {
          // The business dates contradict the record (docs/events.md, "Two times"): the read model
          // stops at the event, and an explanation of the round's figure stops there too.
          met.contradictions += 1;
          const explained = await explainFigures(world.store, [{ subject: { kind: "round", roundId: contradicted.streamName.slice("round-".length) }, field: "committed" }], options)();
          expect(explained).toMatchObject(E.left({ _tag: "PoisonEvent", projection: "round-budget", position: contradicted.position }));
          return;
        }
        const figures = await everyFigure(world.store, options);
        const explanations = await must(explainFigures(world.store, figures.map((figure) => figure.query), { ...options, pageSize: 7 }));
        await checkExplanations(world.store, explanations, figures, position);
      }),
      { numRuns: Number(process.env["EXPLAIN_RUNS"] ?? 60) },
    );
    expect(met.parts).toBeGreaterThan(0);
    expect(met.splits).toBeGreaterThan(0);
    expect(met.roundings).toBeGreaterThan(0);
  });
});
