import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createGrantLedger, decodeDomainEvent, grantStreamName, isValidOrganisationNumber, MONEY_BENEFIT_CATEGORIES, type DomainEvent } from "@grantledger/core";
import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";
import { createBusinessTimeStore } from "./businessTimeStore.js";
import { AWARDED_PROJECTS } from "./data/awardedProjects.js";
import { DIFI, ORGANISATIONS } from "./data/organisations.js";
import type { AwardedProjectSpec } from "./data/projectSpec.js";
import { REFUSED_APPLICATIONS } from "./data/refusedApplications.js";
import { REJECTED_APPLICATIONS } from "./data/rejectedApplications.js";
import { grantIdFor, ROUND_ID } from "./ids.js";
import { planStatus } from "./benefitFigures.js";
import { buildReport, type CoFinancingReport } from "./report.js";
import { reportJson } from "./reportJson.js";
import { seedRound, type SeedSummary } from "./seedRound.js";

// The scheme's real figures, in øre, written out here rather than imported so the test checks the data against them.
const MNOK = 100_000_000;
const BUDGET = 120 * MNOK;
const MAX_GRANT = 15 * MNOK;

type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>["data"];
const dataOf = <T extends DomainEvent["type"]>(events: readonly DomainEvent[], type: T): Of<T>[] =>
  events.filter((event): event is Extract<DomainEvent, { type: T }> => event.type === type).map((event) => event.data as Of<T>);

/** Seeds a fresh store as main does, and returns it with its decoded history and the report. */
const seed = async () => {
  const { store, moveTo } = createBusinessTimeStore("2017-11-01T09:00:00+01:00");
  const seeded = await seedRound(createGrantLedger({ store }), { beforeStep: (step) => moveTo(step.at) })();
  if (E.isLeft(seeded)) throw new Error(`seeding stopped at ${seeded.left.step.key}: ${seeded.left._tag}`);
  const all = await store.readAll()();
  if (E.isLeft(all)) throw new Error(`readAll failed: ${all.left._tag}`);
  const events = all.right.map((recorded) => {
    const decoded = decodeDomainEvent({ type: recorded.type, data: recorded.data });
    if (E.isLeft(decoded)) throw new Error(`undecodable ${recorded.type} at ${recorded.position}`);
    return decoded.right;
  });
  const report = await buildReport(store, ROUND_ID, seeded.right.refusals)();
  if (E.isLeft(report)) throw new Error(`report failed: ${report.left._tag}`);
  return { store, summary: seeded.right, events, report: report.right, ids: all.right.map((r) => r.id), recordedAt: all.right.map((r) => r.recordedAt) };
};

/** Planned and reported per "category unit" key, computed straight from the project data. */
const expectedFigures = (projects: readonly AwardedProjectSpec[]): Map<string, { planned: number; reported: number }> => {
  const figures = new Map<string, { planned: number; reported: number }>();
  for (const project of projects) {
    for (const benefit of project.benefits) {
      const scale = benefit.unit === "NOK" ? 100 : 1;
      const key = `${benefit.category} ${benefit.unit}`;
      const known = figures.get(key) ?? { planned: 0, reported: 0 };
      benefit.yearlyTargets.forEach((target, year) => {
        known.planned += target * scale;
        known.reported += Math.round((target * scale * (project.realisedPercent[year] ?? 0)) / 100);
      });
      figures.set(key, known);
    }
  }
  return figures;
};

const figuresOf = (rows: readonly { category: string; unit: string; planned: number; reported: number }[]) =>
  new Map(rows.map((row) => [`${row.category} ${row.unit}`, { planned: row.planned, reported: row.reported }]));

describe("the co-financing 2018 data", () => {
  it("uses valid, distinct organisation numbers only", () => {
    const numbers = [DIFI.orgNo, ...Object.values(ORGANISATIONS).map((org) => org.orgNo)];
    for (const orgNo of numbers) expect(isValidOrganisationNumber(orgNo)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("keeps every award within the rules: a state agency, cost 5-50 MNOK, at most 50 % of it and at most 15 MNOK", () => {
    for (const p of AWARDED_PROJECTS) {
      expect(p.applicant.kind).toBe("state-agency");
      expect(p.totalCostNok).toBeGreaterThanOrEqual(5_000_000);
      expect(p.totalCostNok).toBeLessThanOrEqual(50_000_000);
      expect(p.awardedNok * 2).toBeLessThanOrEqual(p.totalCostNok);
      expect(p.awardedNok).toBeLessThanOrEqual(15_000_000);
      expect(p.awardedNok).toBeLessThanOrEqual(p.requestedNok);
    }
    expect(AWARDED_PROJECTS.length).toBeGreaterThanOrEqual(8);
    expect(AWARDED_PROJECTS.length).toBeLessThanOrEqual(12);
  });

  it("awards 109.5 MNOK in all, within the 120 MNOK budget", () => {
    const total = AWARDED_PROJECTS.reduce((sum, p) => sum + p.awardedNok, 0);
    expect(total).toBe(109_500_000);
    expect(total * 100).toBeLessThanOrEqual(BUDGET);
  });

  it("puts NOK only on money categories, and a target for each of three years on every benefit", () => {
    for (const benefit of AWARDED_PROJECTS.flatMap((p) => p.benefits)) {
      expect(benefit.unit === "NOK").toBe(MONEY_BENEFIT_CATEGORIES.includes(benefit.category));
      expect(benefit.yearlyTargets).toHaveLength(3);
    }
  });
});

describe("the 2018 round, seeded through the ledger", () => {
  let history: Awaited<ReturnType<typeof seed>>;
  let report: CoFinancingReport;
  let summary: SeedSummary;
  beforeAll(async () => {
    history = await seed();
    ({ report, summary } = history);
  });

  it("records 10 awards with benefits plans, 3 reasoned rejections and an evaluation for every recorded application", () => {
    const awards = dataOf(history.events, "GrantAwarded");
    expect(awards).toHaveLength(10);
    for (const award of awards) expect(award.benefitsPlan?.length).toBeGreaterThan(0);
    const rejections = dataOf(history.events, "GrantRejected");
    expect(rejections.map((r) => r.grantId)).toEqual(REJECTED_APPLICATIONS.map((r) => grantIdFor(r.key)));
    expect(dataOf(history.events, "ApplicationEvaluated")).toHaveLength(13);
    expect(report.round).toMatchObject({ applications: 13, awarded: 10, rejected: 3, pending: 0 });
  });

  it("refuses each rule-breaking command with its typed error and figures, and records nothing of it", async () => {
    const refusals = summary.refusals.map(({ step, error }) => ({ key: step.key, error }));
    expect(refusals).toEqual([
      { key: "apply/politiet-straffesak", error: expect.objectContaining({ _tag: "ProjectCostAboveMaximum", totalCost: 85 * MNOK, maxProjectCost: 50 * MNOK }) },
      { key: "apply/oslo-byggesaksarkiv", error: expect.objectContaining({ _tag: "ApplicantNotEligible", kind: "municipality", eligible: ["state-agency"] }) },
      { key: "apply/spk-pensjonsportal", error: expect.objectContaining({ _tag: "RequestExceedsMaxGrant", requested: 20 * MNOK, maxGrant: MAX_GRANT }) },
      { key: "award-without-plan/mattilsynet-tilsynsrapporter", error: expect.objectContaining({ _tag: "BenefitsPlanRequired" }) },
      { key: "disburse-before-report/vegvesen-forerkort/2", error: expect.objectContaining({ _tag: "BenefitsReportRequiredBeforeTranche", tranche: 2 }) },
    ]);
    for (const refused of REFUSED_APPLICATIONS) {
      const stream = await history.store.readStream(grantStreamName(grantIdFor(refused.key)))();
      expect(E.isLeft(stream) && stream.left._tag).toBe("StreamNotFound");
    }
  });

  it("commits and pays exactly the awards, each within 50 % of its cost and 15 MNOK, leaving 10.5 MNOK", () => {
    const awarded = report.grants.filter((g) => g.status === "awarded");
    for (const grant of awarded) {
      expect(grant.awarded * 2).toBeLessThanOrEqual(grant.totalCost);
      expect(grant.awarded).toBeLessThanOrEqual(MAX_GRANT);
    }
    const sum = awarded.reduce((acc, g) => acc + g.awarded, 0);
    expect(sum).toBe(AWARDED_PROJECTS.reduce((acc, p) => acc + p.awardedNok * 100, 0));
    expect(report.round).toMatchObject({ budget: BUDGET, committed: sum, disbursed: sum, remaining: BUDGET - sum });
    expect(report.round.remaining).toBe(10.5 * MNOK);
  });

  it("pays every tranche after the first only after a benefits report recorded since the one before", () => {
    for (const spec of AWARDED_PROJECTS) {
      const grantId = grantIdFor(spec.key);
      const sequence = history.events
        .filter((e) => (e.type === "GrantDisbursed" || e.type === "BenefitsReported") && e.data.grantId === grantId)
        .map((e) => (e.type === "GrantDisbursed" ? "pay" : "report"));
      expect(sequence).toEqual(["pay", "report", "pay", "report", "pay", "report"]);
    }
  });

  it("sums planned and reported benefits per project exactly as the seeded data say", () => {
    expect(report.benefitsByProject.map((p) => p.grantId)).toEqual(AWARDED_PROJECTS.map((p) => grantIdFor(p.key)).sort());
    for (const spec of AWARDED_PROJECTS) {
      const row = report.benefitsByProject.find((p) => p.grantId === grantIdFor(spec.key));
      expect(row?.reports).toBe(3);
      expect(figuresOf(row?.figures ?? [])).toEqual(expectedFigures([spec]));
    }
  });

  it("sums planned and reported benefits per category over all projects as the seeded data say", () => {
    expect(figuresOf(report.benefitsByCategory)).toEqual(expectedFigures(AWARDED_PROJECTS));
    const cost = report.benefitsByCategory.find((f) => f.category === "cost-saving" && f.unit === "NOK");
    expect(cost).toMatchObject({ planned: 5_650_000_000, reported: 5_557_500_000 });
  });

  it("finds Statens vegvesen, Mattilsynet and UDI behind plan, Skatteetaten and Brønnøysundregistrene ahead", () => {
    const statusOf = (key: string) =>
      new Set(report.benefitsByProject.find((p) => p.grantId === grantIdFor(key))?.figures.map((f) => planStatus(f.planned, f.reported)));
    for (const key of ["vegvesen-forerkort", "mattilsynet-tilsynsrapporter", "udi-familieinnvandring"]) expect(statusOf(key)).toEqual(new Set(["behind plan"]));
    for (const key of ["skatt-skattekort", "brreg-stiftelse"]) expect(statusOf(key)).toEqual(new Set(["ahead of plan"]));
    expect(statusOf("nav-sykefravaer")).toEqual(new Set(["on plan"]));
  });

  it("gives the same events every run, recorded at the business times in order", async () => {
    const again = await seed();
    expect(again.ids).toEqual(history.ids);
    expect(again.recordedAt).toEqual(history.recordedAt);
    const instants = history.recordedAt.map((at) => Date.parse(at));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    expect(history.recordedAt[0]?.startsWith("2017-11-01")).toBe(true);
    expect(history.recordedAt.at(-1)?.startsWith("2021-02-15")).toBe(true);
  });

  it("gives JSON whose money is integer øre", () => {
    const json = reportJson(report);
    const amounts = [
      ...Object.values(json.round).filter((v) => typeof v === "number"),
      ...json.grants.flatMap((g) => [g.totalCost, g.requested, g.awarded, g.disbursed]),
      ...json.benefitsByCategory.filter((f) => f.unit === "NOK").flatMap((f) => [f.planned, f.reported]),
    ];
    for (const amount of amounts) expect(Number.isSafeInteger(amount)).toBe(true);
    expect(json.refusals.map((r) => r.error)).toContain("ProjectCostAboveMaximum");
  });
});

describe("main.ts", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  const run = (...args: string[]) =>
    promisify(execFile)(tsx, ["--conditions=@grantledger/source", "examples/co-financing-2018/main.ts", ...args], { cwd: root });

  it("exits 0 and prints the budget, the applications, the refusals and both benefits tables", async () => {
    const { stdout } = await run();
    for (const heading of [
      "Round budget",
      "Applications (grant register; money in NOK):",
      "Refused by the ledger (typed errors; nothing was recorded):",
      "Benefits per project: planned in the benefits plan against reported for 2018-2020:",
      "Benefits per category, all projects:",
    ]) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toContain("Remaining                              10 500 000,00 kr");
    expect(stdout).toContain("ProjectCostAboveMaximum");
  });

  it("prints pure JSON with --json, money in integer øre", async () => {
    const { stdout } = await run("--json");
    const json = JSON.parse(stdout) as ReturnType<typeof reportJson>;
    expect(Object.keys(json)).toEqual(["round", "grants", "refusals", "benefitsByProject", "benefitsByCategory"]);
    expect(json.round).toMatchObject({ budget: BUDGET, committed: 109.5 * MNOK, remaining: 10.5 * MNOK, awarded: 10, rejected: 3 });
    expect(json.refusals).toHaveLength(5);
  });

  it("exits 2 with a usage line on an unknown option or a stray argument", async () => {
    for (const args of [["--bogus"], ["extra"]]) {
      const failure = await run(...args).then(
        () => undefined,
        (error: { code?: number; stderr?: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toContain("usage: pnpm example:co-financing");
    }
  });
});
