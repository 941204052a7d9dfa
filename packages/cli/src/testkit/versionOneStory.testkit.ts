import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { createGrantLedger, sealHistory, type EventStore } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { must } from "./auditHistory.testkit.js";

/*
 * The story behind `test-data/history-v1.ndjson`: the history a grantledger of before the
 * versioning wrote (every `GrantDisbursed` at version 1, without `valueDate`). The committed
 * file was exported from this story by the code of that time (see test-data/README.md); today's
 * code writes the same story at the current versions, and the test of the version-1 writer
 * model checks that the one turns into the other.
 *
 * A round, two awarded grants sharing three municipalities and a county, five payments (one
 * on the last banking days of 2009, one reversed and paid again the next January), a repayment
 * claimed and received, then a seal. Written on a memory store whose clock steps one minute per
 * append from 2009-06-01T00:00Z, so every run gives the same events, ids, hashes and times.
 */
export const buildVersionOneStory = async (): Promise<EventStore> => {
  let tick = 0;
  const store = createMemoryEventStore({ now: () => new Date(Date.UTC(2009, 5, 1) + tick++ * 60_000) });
  const by = (commandId: string, actor = "saksbehandler@difi") => ({ commandId, actor });
  const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
  await must(
    ledger.openRound(
      {
        roundId: "krise-2009-1",
        name: "Krisepakke 2009, runde 1",
        funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
        budget: 2_000_000_000,
        policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
        applicationDeadline: "2009-04-15T23:59:59+02:00",
        disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
      },
      by("open-round"),
    ),
  );
  const participants = [
    { kind: "municipality" as const, municipalityNo: "1201", name: "Bergen", shareBps: 5000 },
    { kind: "municipality" as const, municipalityNo: "1247", name: "Askøy", shareBps: 3000 },
    { kind: "county" as const, countyNo: "12", name: "Hordaland", shareBps: 2000 },
  ];
  for (const [grantId, requested, title] of [["ebygg", 100_000_00, "Elektronisk byggesøknad"], ["minside", 80_000_00, "Min side"]] as const) {
    const applicant = { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" as const };
    const project = { title };
    await must(ledger.applyForGrant({ grantId, roundId: "krise-2009-1", applicant, participants, project, totalCost: requested * 5, requested, appliedAt: "2009-04-01T10:00:00+02:00" }, by(`apply-${grantId}`)));
    await must(ledger.evaluateApplication({ grantId, score: 80, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-01T10:00:00+02:00" }, by(`evaluate-${grantId}`, "fagpanel@difi")));
    const amount = requested / 2;
    const disbursementPlan = [{ due: "2009-07-01", amount: amount / 2 }, { due: "2010-07-01", amount: amount / 2 }];
    await must(ledger.awardGrant({ grantId, amount, disbursementPlan, conditions: ["Sluttrapport innen 2010-12-31"], awardedAt: "2009-06-15T12:00:00+02:00" }, by(`award-${grantId}`, "direktør@difi")));
  }
  const pay = (grantId: string, amount: number, paymentRef: string, disbursedAt: string, commandId: string) =>
    must(ledger.disburseGrant({ grantId, amount, paymentRef, disbursedAt }, by(commandId, "økonomi@difi")));
  await pay("ebygg", 25_000_00, "P-2009-17", "2009-07-02T09:00:00+02:00", "pay-ebygg-1");
  await pay("minside", 25_000_00, "P-2009-52", "2009-12-30T15:30:00+01:00", "pay-minside-1");
  await must(ledger.reverseDisbursement({ grantId: "minside", paymentRef: "P-2009-52", amount: 25_000_00, reason: "Feil kontonummer", reversedAt: "2010-01-05T10:00:00+01:00" }, by("reverse-minside-1", "økonomi@difi")));
  await pay("minside", 20_000_00, "P-2009-52", "2010-01-06T10:00:00+01:00", "pay-minside-1-again");
  await pay("ebygg", 25_000_00, "P-2010-08", "2010-07-02T09:00:00+02:00", "pay-ebygg-2");
  await must(ledger.claimRepayment({ grantId: "ebygg", claimId: "krav-1", amount: 5_000_00, reason: "Vilkår om sluttrapport ikke fulgt", claimedAt: "2011-02-01T10:00:00+01:00" }, by("claim-ebygg")));
  await must(ledger.recordRepayment({ grantId: "ebygg", claimId: "krav-1", amount: 5_000_00, receivedAt: "2011-03-01T10:00:00+01:00" }, by("repay-ebygg", "økonomi@difi")));
  await must(() => sealHistory(store, { commandId: "seal-2011", actor: "revisor@riksrevisjonen" }, "2011-06-01T12:00:00+02:00"));
  return store;
};
