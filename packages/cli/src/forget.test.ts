import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGrantLedger } from "@grantledger/core";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { createPostgresEventStore, createPostgresPersonalDataKeys, type PostgresEventStore } from "@grantledger/adapters/postgres";
import { must, writeAuditHistory } from "./testkit/auditHistory.testkit.js";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";
import { runCli } from "./runCli.js";
import type { CliRun } from "./testkit/runCliProcess.testkit.js";

/** Runs the command in this process (a child per command would start tsx and PGlite twelve times). */
const runInProcess = async (args: readonly string[]): Promise<CliRun> => {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["node", "grantledger", ...args], { out: (line) => void (stdout += `${line}\n`), err: (line) => void (stderr += `${line}\n`) });
  return { code, stdout, stderr };
};

/*
 * A PGlite store holding the CLI's audit history and, written by a ledger with the store's key
 * store, grant d evaluated by Kari Nordmann (with her identity number in the notes), its
 * conditions accepted by Ola Normann, and grant e where she declared a conflict of interest.
 * Then `forget "Kari Nordmann"`: every reading before and after is compared.
 */
const KARI = "Kari Nordmann";
const NOTES = "Kari Nordmann (fnr 01017012345) has read the application";
const OLA = "Ola Normann";

let fixture: CliFixture;
let storeUrl: string;
const runs = new Map<string, CliRun>();
const run = (name: string): CliRun => runs.get(name) ?? { code: -1, stdout: "", stderr: `step ${name} did not run` };
let rowsAfter = "";

const openA = async (): Promise<PostgresEventStore> => {
  const opened = await createPostgresEventStore({ url: storeUrl })();
  if (E.isLeft(opened)) throw new Error(opened.left.reason);
  return opened.right;
};

const writePersonalHistory = async (store: PostgresEventStore): Promise<void> => {
  const ledger = createGrantLedger({ store, historical: HISTORICAL_FIXTURES, personalData: { keys: createPostgresPersonalDataKeys(store) } });
  const by = (commandId: string, actor = "saksbehandler@difi") => ({ commandId, actor });
  const application = (grantId: string) => ({
    grantId,
    roundId: "krise-2009-1",
    applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" as const },
    participants: [{ kind: "municipality" as const, municipalityNo: "1201", name: "Bergen", shareBps: 10000 }],
    project: { title: `Prosjekt ${grantId}` },
    totalCost: 200_000_00,
    requested: 40_000_00,
    appliedAt: "2009-04-02T10:00:00+02:00",
  });
  await must(ledger.applyForGrant(application("d"), by("apply-d")));
  await must(ledger.evaluateApplication({ grantId: "d", score: 75, recommendation: "award", evaluator: KARI, notes: NOTES, evaluatedAt: "2009-05-02T10:00:00+02:00" }, by("evaluate-d", "kari@difi")));
  await must(ledger.awardGrant({ grantId: "d", amount: 40_000_00, disbursementPlan: [{ due: "2009-08-01", amount: 40_000_00 }], conditions: [], awardedAt: "2009-06-16T12:00:00+02:00" }, by("award-d", "direktør@difi")));
  await must(ledger.acceptConditions({ grantId: "d", acceptedBy: OLA, acceptedAt: "2009-06-20T12:00:00+02:00" }, by("accept-d")));
  await must(ledger.disburseGrant({ grantId: "d", amount: 40_000_00, paymentRef: "P-2009-d", disbursedAt: "2009-08-02T09:00:00+02:00" }, by("pay-d")));
  await must(ledger.applyForGrant(application("e"), by("apply-e")));
  await must(ledger.declareConflictOfInterest({ grantId: "e", evaluator: KARI, reason: "Kari Nordmann is married to the applicant's CEO", declaredAt: "2009-04-20T10:00:00+02:00" }, by("conflict-e", "kari@difi")));
  // The conflict still binds her, sealed.
  const refused = await ledger.evaluateApplication({ grantId: "e", score: 60, recommendation: "award", evaluator: KARI, evaluatedAt: "2009-05-02T10:00:00+02:00" }, by("evaluate-e"))();
  if (E.isRight(refused) || refused.left._tag !== "EvaluatorHasConflictOfInterest") throw new Error("the declared evaluator evaluated");
  await must(ledger.evaluateApplication({ grantId: "e", score: 60, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-02T10:00:00+02:00" }, by("evaluate-e-panel", "fagpanel@difi")));
};

beforeAll(async () => {
  fixture = await createCliFixture("forget");
  storeUrl = `pglite:${join(fixture.dir, "a")}`;
  const store = await openA();
  await writeAuditHistory(store);
  await writePersonalHistory(store);
  await store.close();
  const out = (name: string): string => join(fixture.dir, name);
  const steps: [string, string[]][] = [
    ["historyBefore", ["history", "d", "--store", storeUrl]],
    ["totalsBefore", ["totals", "--by", "grant", "--format", "json", "--store", storeUrl]],
    ["forget", ["forget", KARI, "--store", storeUrl, "--reason", "GDPR art. 17 request 2026-117"]],
    ["forgetAgain", ["forget", KARI, "--store", storeUrl]],
    ["forgetInMemory", ["forget", KARI, "--store", "memory:"]],
    ["verify", ["verify", "--rules", "--store", storeUrl]],
    ["totalsAfter", ["totals", "--by", "grant", "--format", "json", "--store", storeUrl]],
    ["historyAfter", ["history", "d", "--store", storeUrl]],
    ["historyE", ["history", "e", "--store", storeUrl]],
    ["ndjson", ["export", "--store", storeUrl, "--out", out("after.ndjson")]],
    ["csv", ["export", "--format", "csv", "--store", storeUrl, "--out", out("after.csv")]],
    ["360giving", ["export", "--format", "360giving", "--store", storeUrl, "--out", out("after.json")]],
  ];
  for (const [name, args] of steps) runs.set(name, await runInProcess(args));
  const after = await openA();
  rowsAfter = JSON.stringify(await after.driver.query("SELECT data, metadata FROM grantledger.events"));
  await after.close();
}, 480_000);

afterAll(() => fixture?.remove());

describe("personal data in a PGlite store, before and after grantledger forget", () => {
  it("before: history shows the evaluator, her notes and who accepted to a reader with the store's keys", () => {
    const { code, stdout, stderr } = run("historyBefore");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(`Evaluated (vurdert) by ${KARI}: score 75/100`);
    expect(stdout).toContain(`Notes: ${NOTES}`);
    expect(stdout).toContain(`Conditions accepted (vilkår akseptert) by ${OLA}`);
  });

  it("forget erases her one key, printing its id and not her data; again, it erases nothing", () => {
    expect(run("forget").code).toBe(0);
    expect(run("forget").stdout).toMatch(/^Erased 1 key in pglite:.*: [A-Za-z0-9_-]{22}\n/);
    expect(run("forget").stdout).not.toContain("Kari");
    expect(run("forgetAgain")).toMatchObject({ code: 0, stderr: "" });
    expect(run("forgetAgain").stdout).toMatch(/^Erased 0 keys in /);
    expect(run("forgetInMemory").code).toBe(2);
    expect(run("forgetInMemory").stderr).toMatch(/^error: forget needs a PostgreSQL or PGlite store/);
  });

  it("after: verify --rules is intact, and the totals are unchanged", () => {
    expect(run("verify")).toMatchObject({ code: 0, stderr: "" });
    expect(run("totalsAfter")).toMatchObject({ code: 0, stderr: "" });
    expect(run("totalsAfter").stdout).toBe(run("totalsBefore").stdout);
    expect(run("totalsAfter").stdout).toContain('"d"');
  });

  it("after: her fields read as [erased], another subject's still read", () => {
    const { code, stdout } = run("historyAfter");
    expect(code).toBe(0);
    expect(stdout).toContain("Evaluated (vurdert) by [erased]: score 75/100");
    expect(stdout).toContain("Notes: [erased]");
    expect(stdout).toContain(`Conditions accepted (vilkår akseptert) by ${OLA}`);
    expect(stdout).not.toContain("Kari");
    expect(run("historyE").stdout).toContain("Conflict of interest declared (inhabilitet) by [erased], who may not evaluate it: [erased]");
  });

  it("after: her name and notes are nowhere in an export (NDJSON, CSV, 360Giving) nor in the event rows", async () => {
    for (const name of ["ndjson", "csv", "360giving"]) expect(run(name).code).toBe(0);
    for (const file of ["after.ndjson", "after.csv", "after.json"]) {
      const text = await readFile(join(fixture.dir, file), "utf8");
      expect(text).toContain("Prosjekt d");
      for (const secret of [KARI, "Kari", "01017012345", "married", OLA]) expect({ file, found: text.includes(secret) }).toEqual({ file, found: false });
    }
    expect(rowsAfter).toContain("[personal data ");
    for (const secret of ["Kari", "01017012345", "married", OLA]) expect(rowsAfter.includes(secret)).toBe(false);
  });
});
