import { grantStreamName } from "@grantledger/core";
import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";
import { AWARDED_PROJECTS } from "./data/awardedProjects.js";
import { REFUSED_APPLICATIONS } from "./data/refusedApplications.js";
import { REJECTED_APPLICATIONS } from "./data/rejectedApplications.js";
import { grantIdFor } from "./ids.js";
import { planStatus } from "./benefitFigures.js";
import { type CoFinancingReport } from "./report.js";
import { reportJson } from "./reportJson.js";
import { type SeedSummary } from "./seedRound.js";
import { BUDGET, MAX_GRANT, MNOK, dataOf, expectedFigures, figuresOf, seed } from "./coFinancing.testkit.js";

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
