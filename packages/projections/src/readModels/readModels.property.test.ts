import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRecordedEvent, type DecodedEvent } from "@grantledger/core";
import { createLedgerWorld, historyArbitrary } from "../testkit/ledgerHistory.testkit.js";
import { readEverything } from "../testkit/storeCopy.testkit.js";
import { READ_MODELS } from "../testkit/views.testkit.js";
import type { Projection } from "../projection.js";
import { grantRegister, listGrants } from "./grantRegister.js";
import { municipalityTotals } from "./municipalityTotals.js";
import { listMunicipalities, listOtherParticipants, sumParticipants, type TotalsScope } from "./municipalityTotalsQueries.js";
import { roundBudget } from "./roundBudget.js";
import { getRoundBudget, getSchemeBudget, listRoundBudgets } from "./roundBudgetQueries.js";

// Freezes everything reachable, so that any change in place of a state given to a fold throws.
const deepFreeze = <T>(value: T, seen = new Set<unknown>()): T => {
  if (typeof value !== "object" || value === null || seen.has(value)) return value;
  seen.add(value);
  for (const child of Object.values(value)) deepFreeze(child, seen);
  return Object.freeze(value);
};

describe("the read models, over random histories", () => {
  it("fold batches (applyAll) exactly as event by event (apply), and never change a state they were given", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary(), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }), async (steps, cuts) => {
        const world = await createLedgerWorld();
        for (const [index, step] of steps.entries()) await world.run(step, index);
        const recorded = await readEverything(world.store);
        for (const { projection, view } of READ_MODELS) {
          const events: DecodedEvent[] = [];
          for (const event of recorded) {
            if (!projection.handles.some((type) => type === event.type)) continue;
            const decoded = decodeRecordedEvent(event);
            if (E.isLeft(decoded)) throw new Error(decoded.left.reason);
            events.push(decoded.right);
          }
          const oneByOne = events.reduce((state, event) => deepFreeze(projection.apply(state, event)), deepFreeze(projection.initialState));
          let batched = projection.initialState;
          for (let start = 0, cut = 0; start < events.length; cut++) {
            const size = cuts[cut % cuts.length] ?? 1;
            const batch = events.slice(start, start + size);
            start += size;
            batched = deepFreeze(projection.applyAll?.(batched, batch) ?? batch.reduce(projection.apply, batched));
          }
          expect(view(batched)).toEqual(view(oneByOne));
        }
      }),
      { numRuns: 20 },
    );
  });

  it("split every grant exactly: the participants' parts sum to what the grants hold and were paid, after amendments, reversals, repayments and closings", async () => {
    const foldAll = <S>(projection: Projection<S>, recorded: Awaited<ReturnType<typeof readEverything>>): S => {
      const events: DecodedEvent[] = [];
      for (const event of recorded) {
        if (!projection.handles.some((type) => type === event.type)) continue;
        const decoded = decodeRecordedEvent(event);
        if (E.isLeft(decoded)) throw new Error(decoded.left.reason);
        events.push(decoded.right);
      }
      return projection.applyAll?.(projection.initialState, events) ?? events.reduce(projection.apply, projection.initialState);
    };
    await fc.assert(
      fc.asyncProperty(historyArbitrary(6), async (steps) => {
        const world = await createLedgerWorld();
        for (const [index, step] of steps.entries()) await world.run(step, index);
        const recorded = await readEverything(world.store);
        const totals = foldAll(municipalityTotals, recorded);
        const budgets = foldAll(roundBudget, recorded);
        const grants = listGrants(foldAll(grantRegister, recorded));
        const sum = (rows: readonly { roundId: string }[], roundIds: readonly string[], pick: (row: never) => number) =>
          rows.filter((row) => roundIds.includes(row.roundId)).reduce((total, row) => total + pick(row as never), 0);
        // What a grant holds from its round: a live award, or what a closed one was paid net.
        const holds = (grant: (typeof grants)[number]): number => (grant.status === "awarded" ? grant.awarded : grant.status === "closed" ? grant.paidNet : 0);
        const scopes: { scope: TotalsScope | undefined; roundIds: readonly string[] }[] = [
          ...listRoundBudgets(budgets).map((round) => ({ scope: { roundId: round.roundId }, roundIds: [round.roundId] })),
          { scope: { schemeId: "krise-2009" }, roundIds: getSchemeBudget(budgets, "krise-2009")?.roundIds ?? [] },
          { scope: undefined, roundIds: listRoundBudgets(budgets).map((round) => round.roundId) },
        ];
        for (const { scope, roundIds } of scopes) {
          const parts = sumParticipants(totals, scope);
          const rounds = roundIds.map((roundId) => getRoundBudget(budgets, roundId)).filter((round) => round !== undefined);
          const label = JSON.stringify(scope);
          expect(parts.requested, label).toBe(sum(grants, roundIds, (grant: (typeof grants)[number]) => grant.requested));
          expect(parts.awarded, label).toBe(sum(grants, roundIds, holds));
          expect(parts.awarded, label).toBe(sum(rounds, roundIds, (round: (typeof rounds)[number]) => round.committed));
          expect(parts.disbursed, label).toBe(sum(grants, roundIds, (grant: (typeof grants)[number]) => grant.paidNet));
          expect(parts.disbursed, label).toBe(sum(rounds, roundIds, (round: (typeof rounds)[number]) => round.disbursed));
          expect(parts.repaid, label).toBe(sum(rounds, roundIds, (round: (typeof rounds)[number]) => round.repaid));
          expect(parts.returned, label).toBe(sum(grants, roundIds, (grant: (typeof grants)[number]) => grant.unpaidAtClosing ?? 0));
          for (const row of [...listMunicipalities(totals, scope), ...listOtherParticipants(totals, scope)]) {
            for (const figure of [row.requested, row.awarded, row.disbursed, row.repaid, row.returned]) expect(Number.isSafeInteger(figure) && figure >= 0, label).toBe(true);
          }
        }
        // The rounds' totals add up to the totals over all rounds, participant by participant.
        const overall = [...listMunicipalities(totals), ...listOtherParticipants(totals)];
        const summed = new Map<string, Record<string, number>>();
        for (const { roundId } of listRoundBudgets(budgets)) {
          for (const row of [...listMunicipalities(totals, { roundId }), ...listOtherParticipants(totals, { roundId })]) {
            const key = "municipalityNo" in row ? row.municipalityNo : `${row.kind}:${row.id}`;
            const sum = summed.get(key) ?? {};
            for (const field of ["projects", "requested", "awarded", "disbursed", "repaid", "returned", "benefitsNok"] as const) sum[field] = (sum[field] ?? 0) + row[field];
            summed.set(key, sum);
          }
        }
        for (const row of overall) {
          const { projects, requested, awarded, disbursed, repaid, returned, benefitsNok } = row;
          const key = "municipalityNo" in row ? row.municipalityNo : `${row.kind}:${row.id}`;
          expect(summed.get(key), key).toEqual({ projects, requested, awarded, disbursed, repaid, returned, benefitsNok });
        }
        expect(summed.size).toBe(overall.length);
        for (const round of listRoundBudgets(budgets)) {
          expect(round.budget).toBe(round.openedBudget + round.adjustments + round.carriedIn - round.carriedOver);
          expect(round.committed).toBeLessThanOrEqual(round.budget);
          expect(round.pending).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 40 },
    );
  });
});
