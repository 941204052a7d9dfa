import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createGrantLedger, createMemoryPersonalDataKeys } from "@grantledger/core";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { foldRecorded, getGrant, grantRegister } from "@grantledger/projections";
import { readGrantHistory } from "./grantHistory.js";
import { revealGrantRow } from "./revealGrantRow.js";

const must = async (task: () => Promise<E.Either<unknown, unknown>>): Promise<void> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
};

describe("a grant's history in the service, with personal data sealed", () => {
  it("shows the evaluator, notes and declared evaluators with the keys, [erased] once forgotten, and the stored form without keys", async () => {
    const store = createMemoryEventStore();
    const keys = createMemoryPersonalDataKeys();
    const ledger = createGrantLedger({ store, historical: HISTORICAL_FIXTURES, personalData: { keys } });
    const by = (commandId: string) => ({ commandId, actor: "saksbehandler@difi" });
    await must(ledger.openRound({
      roundId: "r",
      name: "Krisepakke 2009",
      funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
      budget: 1_000_000,
      policy: { maxShareBps: 10000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
      applicationDeadline: "2009-04-15T23:59:59+02:00",
      disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
    }, by("open")));
    await must(ledger.applyForGrant({
      grantId: "g",
      roundId: "r",
      applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
      participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 10000 }],
      project: { title: "Prosjekt" },
      totalCost: 100_000,
      requested: 100_000,
      appliedAt: "2009-04-01T10:00:00+02:00",
    }, by("apply")));
    await must(ledger.evaluateApplication({ grantId: "g", score: 80, recommendation: "award", evaluator: "Kari Nordmann", notes: "Good", evaluatedAt: "2009-05-01T10:00:00+02:00" }, by("evaluate")));

    const evaluatedIn = async (withKeys: boolean) => {
      const history = await readGrantHistory(store, "g", withKeys ? keys : undefined);
      if (E.isLeft(history)) throw new Error(history.left._tag);
      return history.right.events.find((event) => event.type === "ApplicationEvaluated");
    };
    await must(ledger.declareConflictOfInterest({ grantId: "g", evaluator: "Kari Nordmann", reason: "Neighbour", declaredAt: "2009-05-02T10:00:00+02:00" }, by("declare")));
    expect(await evaluatedIn(true)).toMatchObject({ summary: expect.stringContaining("Evaluated (vurdert) by Kari Nordmann"), data: { evaluator: "Kari Nordmann", notes: "Good" } });
    const read = await store.readAll()();
    const folded = foldRecorded(grantRegister, { state: grantRegister.initialState, checkpoint: undefined }, E.isRight(read) ? read.right : []);
    const row = getGrant(folded.snapshot.state, "g");
    if (row === undefined) throw new Error("no row for g");
    expect(row.conflictsOfInterest?.[0]).toMatch(/^\[personal data /);
    expect(await revealGrantRow(row, keys)).toMatchObject({ right: { conflictsOfInterest: ["Kari Nordmann"] } });
    expect(JSON.stringify((await evaluatedIn(false))?.data)).not.toContain("Kari");
    await must(keys.forget("Kari Nordmann"));
    expect(await evaluatedIn(true)).toMatchObject({ summary: expect.stringContaining("Evaluated (vurdert) by [erased]"), data: { evaluator: "[erased]", notes: "[erased]" } });
    expect(await revealGrantRow(row, keys)).toMatchObject({ right: { conflictsOfInterest: ["[erased]"] } });
  });
});
