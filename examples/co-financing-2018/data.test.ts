import { isValidOrganisationNumber, MONEY_BENEFIT_CATEGORIES } from "@grantledger/core";
import { describe, expect, it } from "vitest";
import { AWARDED_PROJECTS } from "./data/awardedProjects.js";
import { DIFI, ORGANISATIONS } from "./data/organisations.js";
import { BUDGET } from "./coFinancing.testkit.js";

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
