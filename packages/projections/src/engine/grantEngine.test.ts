import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { unsafeIsoDate } from "@grantledger/core";
import type { Projection } from "../projection.js";
import { benefitsRealisation } from "../readModels/benefitsRealisation.js";
import { grantRegister } from "../readModels/grantRegister.js";
import { municipalityTotals } from "../readModels/municipalityTotals.js";
import { reportObligations } from "../readModels/reportObligations.js";
import { getReportObligations, listReportObligationsOn } from "../readModels/reportObligationsQueries.js";
import { roundBudget } from "../readModels/roundBudget.js";
import { createLedgerWorld, type Step } from "../testkit/ledgerHistory.testkit.js";
import { foldAll, right } from "../testkit/runnerChecks.testkit.js";
import { startGrantEngine } from "./grantEngine.js";
import type { ReadModelStates } from "./readModelStates.js";

// A co-financing grant (grant 2 goes to r2018): paid in two tranches, so a report falls due before the second.
const life: readonly Step[] = [
  { kind: "apply", grant: 2, participants: [0, 1], weights: [1, 1, 1, 1], requested: 100_000 },
  { kind: "evaluate", grant: 2, recommend: true },
  { kind: "award", grant: 2, percent: 100 },
  { kind: "accept", grant: 2 },
  { kind: "disburse", grant: 2, percent: 50 },
];

describe("the grant engine", () => {
  it("keeps the report obligations with the other read models, each equal to its own fold", async () => {
    const world = await createLedgerWorld();
    for (const [index, step] of life.entries()) await world.run(step, index);
    const engine = right(await startGrantEngine({ store: world.store })());
    try {
      const states = await engine.settled()();
      if (E.isLeft(states)) throw new Error(states.left._tag);
      const models = states.right;
      expect(getReportObligations(models.reportObligations, "g2")?.obligations).toEqual([{ due: "2011-06-01", state: "open" }]);
      expect(listReportObligationsOn(models.reportObligations, unsafeIsoDate("2011-06-02"))).toMatchObject({ overdue: 1, due: 0 });
      const folds: { readonly [K in keyof ReadModelStates]: Projection<ReadModelStates[K]> } = { municipalityTotals, roundBudget, grantRegister, benefitsRealisation, reportObligations };
      for (const name of Object.keys(folds) as (keyof ReadModelStates)[]) {
        expect(models[name], name).toEqual(await foldAll(world.store, folds[name] as Projection<unknown>));
      }
    } finally {
      await engine.stop();
    }
  });
});
