import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLedgerWorld, historyArbitrary } from "./ledgerHistory.testkit.js";
import { readEverything } from "./storeCopy.testkit.js";

describe("random ledger histories", () => {
  it("exercise every event the read models fold, so the properties over them mean something", async () => {
    const seen = new Map<string, number>();
    const refused = new Map<string, number>();
    for (const steps of fc.sample(historyArbitrary(), { numRuns: 40, seed: 2009 })) {
      const world = await createLedgerWorld();
      for (const [index, step] of steps.entries()) await world.run(step, index);
      for (const event of await readEverything(world.store)) seen.set(event.type, (seen.get(event.type) ?? 0) + 1);
      for (const [tag, count] of world.refusals) refused.set(tag, (refused.get(tag) ?? 0) + count);
    }
    const types = [
      ...["RoundOpened", "RoundClosed", "FundsCommitted", "FundsReleased", "RoundBudgetAdjusted", "FundsCarriedOver", "FundsCarriedIn"],
      ...["GrantApplied", "ApplicationEvaluated", "GrantAwarded", "GrantRejected", "GrantDisbursed", "BenefitsReported"],
      ...["ConditionsAccepted", "AwardAmended", "DisbursementReversed", "RepaymentClaimed", "RepaymentReceived", "GrantClosed"],
      ...["ApplicationWithdrawn", "AwardRenounced", "ApplicationDismissed", "DecisionAppealed", "AppealUpheld", "AppealDismissed", "ConflictOfInterestDeclared"],
    ];
    for (const type of types) {
      expect(seen.get(type) ?? 0, `${type}; seen: ${JSON.stringify([...seen])}; refusals: ${JSON.stringify([...refused])}`).toBeGreaterThan(3);
    }
  });
});
