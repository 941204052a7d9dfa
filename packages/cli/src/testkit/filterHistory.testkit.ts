import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { createGrantLedger } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { allEvents, historyText, must } from "./auditHistory.testkit.js";

const BERGEN = { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" as const };
const OSLO = { orgNo: "958935420", name: "Oslo kommune", kind: "municipality" as const };
const HORDALAND = { orgNo: "938626367", name: "Hordaland fylkeskommune", kind: "county" as const };

const bergen = (shareBps: number) => ({ kind: "municipality" as const, municipalityNo: "1201", name: "Bergen", shareBps });
const askoy = (shareBps: number) => ({ kind: "municipality" as const, municipalityNo: "1247", name: "Askøy", shareBps });
const oslo = (shareBps: number) => ({ kind: "municipality" as const, municipalityNo: "0301", name: "Oslo", shareBps });
const hordaland = (shareBps: number) => ({ kind: "county" as const, countyNo: "12", name: "Hordaland", shareBps });
const ks = (shareBps: number) => ({ kind: "other" as const, orgNo: "974001373", name: "KS", shareBps });

const round = (roundId: string, name: string, schemeId: string | undefined, budget: number) => ({
  roundId,
  name,
  ...(schemeId === undefined ? {} : { schemeId }),
  funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
  budget,
  policy: { maxShareBps: 9000, eligibleApplicants: ["municipality", "county"] as ("municipality" | "county")[], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
  applicationDeadline: "2009-12-31T23:59:59+01:00",
  disbursementWindow: { from: "2009-01-01", to: "2012-12-31" },
});

/**
 * A history for the filters and the payee view: three rounds in two schemes (`krise-2009`:
 * `krise-2009-1`, `krise-2009-2`; `digital`: `digi-2010`) and one round of none (`pilot`),
 * grants in counties 12 (Bergen 1201, Askøy 1247, Hordaland itself) and 03 (Oslo 0301), with KS
 * (no county) taking part, three payees (Bergen kommune, Oslo kommune, Hordaland fylkeskommune),
 * amounts that split with remainders, and grants awarded, paid, repaid, rejected and pending.
 */
export const filterHistoryText = async (): Promise<string> => {
  let tick = 0;
  const store = createMemoryEventStore({ now: () => new Date(Date.UTC(2010, 0, 1) + tick++ * 60_000) });
  const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
  let command = 0;
  const by = () => ({ commandId: `c-${command++}`, actor: "saksbehandler@difi" });
  await must(ledger.openRound(round("krise-2009-1", "Krisepakke 2009, runde 1", "krise-2009", 2_000_000_000), by()));
  await must(ledger.openRound(round("krise-2009-2", "Krisepakke 2009, runde 2", "krise-2009", 1_000_000_000), by()));
  await must(ledger.openRound(round("digi-2010", "Digitalisering 2010", "digital", 500_000_000), by()));
  await must(ledger.openRound(round("pilot", "Pilot", undefined, 100_000_000), by()));
  const apply = async (grantId: string, roundId: string, applicant: typeof BERGEN | typeof OSLO | typeof HORDALAND, participants: readonly object[], requested: number) => {
    await must(
      ledger.applyForGrant(
        { grantId, roundId, applicant, participants, project: { title: `Prosjekt ${grantId}` }, totalCost: requested * 2, requested, appliedAt: "2009-10-01T10:00:00+02:00" } as never,
        by(),
      ),
    );
    await must(ledger.evaluateApplication({ grantId, score: 70, recommendation: "award", evaluator: "Panel", evaluatedAt: "2009-11-01T10:00:00+01:00" }, by()));
  };
  const award = (grantId: string, amount: number) =>
    must(ledger.awardGrant({ grantId, amount, disbursementPlan: [{ due: "2010-06-01", amount }], conditions: [], awardedAt: "2009-12-01T12:00:00+01:00" }, by()));
  const pay = (grantId: string, amount: number, ref: string) => must(ledger.disburseGrant({ grantId, amount, paymentRef: ref, disbursedAt: "2010-06-02T09:00:00+02:00" }, by()));

  await apply("ebygg", "krise-2009-1", BERGEN, [bergen(3304), askoy(3333), hordaland(3363)], 3_300_000_01);
  await award("ebygg", 3_300_000_01);
  await pay("ebygg", 1_000_000_03, "P-1");
  await apply("minside", "krise-2009-1", BERGEN, [bergen(10_000)], 480_000_00);
  await award("minside", 480_000_00);
  await apply("osloarkiv", "krise-2009-2", OSLO, [oslo(7000), ks(3000)], 900_000_07);
  await award("osloarkiv", 900_000_07);
  await pay("osloarkiv", 300_000_01, "P-2");
  await must(ledger.claimRepayment({ grantId: "osloarkiv", claimId: "K-1", amount: 100_000_00, reason: "Ikke brukt", claimedAt: "2011-01-10T10:00:00+01:00" }, by()));
  await must(ledger.recordRepayment({ grantId: "osloarkiv", claimId: "K-1", amount: 40_000_00, receivedAt: "2011-02-10T10:00:00+01:00" }, by()));
  await apply("fylkesplan", "digi-2010", HORDALAND, [hordaland(5000), bergen(2500), oslo(2500)], 250_000_03);
  await award("fylkesplan", 200_000_01);
  await apply("avslag", "digi-2010", OSLO, [oslo(10_000)], 120_000_00);
  await must(ledger.rejectApplication({ grantId: "avslag", reason: "Utenfor ordningen", rejectedAt: "2009-12-01T12:00:00+01:00" }, by()));
  await apply("venter", "pilot", HORDALAND, [hordaland(6000), askoy(4000)], 50_000_00);
  return historyText(await allEvents(store));
};

/** A temporary folder holding {@link filterHistoryText} as `history.ndjson`. */
export interface FilterHistoryFile {
  readonly dir: string;
  readonly file: string;
  remove(): Promise<void>;
}

/** Writes the filter history into a new temporary folder. */
export const createFilterHistoryFile = async (prefix: string): Promise<FilterHistoryFile> => {
  const dir = await mkdtemp(join(tmpdir(), `grantledger-${prefix}-`));
  const file = join(dir, "history.ndjson");
  await writeFile(file, await filterHistoryText());
  return { dir, file, remove: () => rm(dir, { recursive: true, force: true }) };
};
