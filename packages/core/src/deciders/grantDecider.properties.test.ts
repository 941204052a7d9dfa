import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shareOfMoney, unsafeMoney } from "../values/money.js";
import { scenario } from "./commandScenarios.testkit.js";
import { foldGrant, foldRound } from "./deciderSpec.testkit.js";
import { commitmentFor } from "./roundState.js";
import { run } from "./scenarioRunner.testkit.js";

/*
 * Random command sequences over a few grants in one round, some valid, many not, run as the
 * command handler runs them (see scenarioRunner.testkit.ts). After every step the invariants
 * of DESIGN.md must hold.
 */

const RUNS = { numRuns: 300 };

// Checked thousands of times a run: compare plainly, and hand over to expect only for the report.
const atMost = (actual: number, bound: number, what: string): void => {
  if (!(actual <= bound)) expect(actual, what).toBeLessThanOrEqual(bound);
};
const same = (actual: unknown, expected: unknown, what: string): void => {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, what).toStrictEqual(expected);
};

describe("the deciders under random command sequences", () => {
  it("keep disbursed <= awarded <= requested <= the share cap of the project, for every grant", () => {
    fc.assert(
      fc.property(scenario, ({ round, steps, closeAfter }) => {
        run(round, steps, closeAfter, (world) => {
          for (const { state, events } of world.grants) {
            // Figures straight from the events, so a fold that lost a payment cannot hide one.
            let requested = 0;
            let totalCost = 0;
            let awardedAmount = 0;
            let disbursed = 0;
            for (const event of events) {
              if (event.type === "GrantApplied") ({ requested, totalCost } = event.data);
              if (event.type === "GrantAwarded") awardedAmount = event.data.amount;
              if (event.type === "GrantDisbursed") disbursed += event.data.amount;
            }
            atMost(disbursed, awardedAmount, "disbursed <= awarded");
            atMost(awardedAmount, requested, "awarded <= requested");
            atMost(requested, shareOfMoney(unsafeMoney(totalCost), round.policy.maxShareBps), "requested <= share cap");
            atMost(requested, round.policy.maxGrant ?? requested, "requested <= maxGrant");
            if (state.status === "none") continue;
            atMost(1, requested, "requested > 0");
            same(state.disbursed, disbursed, "the folded running total");
          }
        });
      }),
      RUNS,
    );
  });

  it("never commit more than a round's budget, and hold for each award exactly its amount", () => {
    fc.assert(
      fc.property(scenario, ({ round, steps, closeAfter }) => {
        run(round, steps, closeAfter, (world) => {
          let committed = 0;
          for (const event of world.roundEvents) {
            if (event.type === "FundsCommitted") committed += event.data.amount;
            if (event.type === "FundsReleased") committed -= event.data.amount;
          }
          atMost(committed, round.budget, "committed <= budget");
          if (world.round.status === "none") throw new Error("the round vanished");
          same(world.round.committed, committed, "the folded commitments");
          for (const { state } of world.grants) {
            if (state.status === "awarded") same(commitmentFor(world.round, state.grantId), state.award?.amount, "an award's commitment");
            if (state.status === "rejected") same(commitmentFor(world.round, state.grantId), undefined, "a rejected grant's commitment");
          }
        });
      }),
      RUNS,
    );
  });

  it("fold the same events to deep-equal states, every time, as the steps built them", () => {
    fc.assert(
      fc.property(scenario, ({ round, steps, closeAfter }) => {
        run(round, steps, closeAfter, (world) => {
          const round = foldRound(world.roundEvents);
          same(round, foldRound(world.roundEvents), "the round folded twice");
          same(round, world.round, "the round folded step by step");
          for (const { state, events } of world.grants) {
            const grant = foldGrant(events);
            same(grant, foldGrant(events), "a grant folded twice");
            same(grant, state, "a grant folded step by step");
          }
        });
      }),
      RUNS,
    );
  });
});
