import { describe, expect, it } from "vitest";
import type { DecodedEvent } from "@grantledger/core";
import { award, event } from "../testkit/fixtures.testkit.js";
import { benefitsRealisation, getGrantBenefits, getRoundBenefits, listGrantBenefits, listRoundBenefits, type BenefitsRealisationState } from "./benefitsRealisation.js";

const fold = (events: readonly DecodedEvent[]): BenefitsRealisationState =>
  events.reduce(benefitsRealisation.apply, benefitsRealisation.initialState);

const planned = (category: string, unit: string, target: number) => ({ category, description: `${category} plan`, unit, target, owner: "CIO" });
const actual = (category: string, unit: string, value: number) => ({ category, description: `${category}`, unit, actual: value, owner: "CIO" });
const reported = (grantId: string, year: number, benefits: readonly ReturnType<typeof actual>[]) =>
  event("BenefitsReported", { grantId, period: { from: `${year}-01-01`, to: `${year}-12-31` }, benefits, reportedAt: `${year + 1}-02-01T10:00:00Z` });

describe("benefitsRealisation", () => {
  const history = [
    event("GrantAwarded", award("g1", 5_000_000, "r2018", [planned("cost-saving", "NOK", 2_000_000_00), planned("time-saving", "hours", 1_500), planned("cost-saving", "NOK", 50_000_00)])),
    event("GrantAwarded", award("g2", 1_000_000, "r2018", [planned("other-parties", "NOK", 10_000_00)])),
    event("GrantAwarded", award("g3", 1_000_000, "r2009")),
    reported("g1", 2019, [actual("cost-saving", "NOK", 30_000_000), actual("time-saving", "hours", 200.5), actual("quality", "% on time", 91)]),
    reported("g1", 2020, [actual("cost-saving", "NOK", 45_000_000), actual("time-saving", "hours", 310)]),
    reported("g2", 2019, [actual("other-parties", "NOK", 400_000)]),
  ];

  it("sets the benefits planned at award against those reported, per grant, by category and unit", () => {
    const state = fold(history);
    expect(getGrantBenefits(state, "g1")).toEqual({
      grantId: "g1",
      roundId: "r2018",
      reports: 2,
      lastReportedAt: "2021-02-01T10:00:00Z",
      figures: [
        { category: "cost-saving", unit: "NOK", planned: 205_000_000, reported: 75_000_000 },
        { category: "time-saving", unit: "hours", planned: 1_500, reported: 510.5 },
        { category: "quality", unit: "% on time", planned: 0, reported: 91 },
      ],
    });
    expect(getGrantBenefits(state, "g3")).toEqual({ grantId: "g3", roundId: "r2009", reports: 0, figures: [] });
    expect(listGrantBenefits(state).map((row) => row.grantId)).toEqual(["g1", "g2", "g3"]);
  });

  it("sums a round's grants", () => {
    const state = fold(history);
    expect(getRoundBenefits(state, "r2018")).toEqual({
      roundId: "r2018",
      grants: 2,
      reports: 3,
      figures: [
        { category: "cost-saving", unit: "NOK", planned: 205_000_000, reported: 75_000_000 },
        { category: "time-saving", unit: "hours", planned: 1_500, reported: 510.5 },
        { category: "quality", unit: "% on time", planned: 0, reported: 91 },
        { category: "other-parties", unit: "NOK", planned: 1_000_000, reported: 400_000 },
      ],
    });
    expect(listRoundBenefits(state).map((row) => [row.roundId, row.grants, row.reports])).toEqual([
      ["r2009", 1, 0],
      ["r2018", 2, 3],
    ]);
  });

  it("stops at a report of a grant that was never awarded", () => {
    expect(() => fold([reported("gx", 2019, [actual("quality", "x", 1)])])).toThrow(/grant gx/);
  });
});
