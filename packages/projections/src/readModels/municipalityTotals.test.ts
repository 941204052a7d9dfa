import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { application, award, event, participant } from "../testkit/fixtures.testkit.js";
import { municipalityTotals } from "./municipalityTotals.js";
import { listMunicipalities, listOtherParticipants } from "./municipalityTotalsQueries.js";
import type { MunicipalityTotalsState } from "./municipalityTotalsState.js";
import type { DecodedEvent } from "@grantledger/core";

const { municipality, county, organisation } = participant;
const fold = (events: readonly DecodedEvent[], from = municipalityTotals.initialState): MunicipalityTotalsState =>
  events.reduce(municipalityTotals.apply, from);

const grantA = application("g-a", [municipality("1201", "Bergen", 3333), municipality("1243", "Os", 3333), county("12", "Hordaland fylkeskommune", 3334)], 1_000_001);
const grantB = application("g-b", [municipality("0301", "Oslo", 5000), municipality("1902", "Tromsø", 5000)], 3);
const grantC = application("g-c", [municipality("1201", "Bergen kommune", 10_000)], 7);
const grantD = application("g-d", [
  organisation("state-agency", "971040238", "Statens kartverk", 6000),
  organisation("other", "974001373", "KS", 2000),
  organisation("county-governor", "974000008", "Fylkesmannen i Hordaland", 2000),
], 10);
const report = (grantId: string, year: number, costSaving: number, otherParties: number) =>
  event("BenefitsReported", {
    grantId,
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
    benefits: [
      { category: "cost-saving", description: "Licences", unit: "NOK", actual: costSaving, owner: "CIO" },
      { category: "time-saving", description: "Hours", unit: "hours", actual: 40, owner: "Ops" },
      { category: "other-parties", description: "Citizens", unit: "NOK", actual: otherParties, owner: "CIO" },
    ],
    reportedAt: `${year + 1}-01-15T10:00:00Z`,
  });
const disbursement = (grantId: string, amount: number, paymentRef: string) =>
  event("GrantDisbursed", { grantId, amount, paymentRef, disbursedAt: "2010-02-01T10:00:00Z", valueDate: "2010-02-01" });

const history = [
  event("GrantApplied", grantA),
  event("GrantApplied", grantB),
  event("GrantApplied", grantC),
  event("GrantApplied", grantD),
  event("GrantRejected", { grantId: "g-c", reason: "Out of scope", rejectedAt: "2009-09-01T10:00:00Z" }),
  event("GrantAwarded", award("g-a", 100_001)),
  disbursement("g-a", 50_000, "p1"),
  disbursement("g-a", 1, "p2"),
  report("g-a", 2010, 10_000, -1),
  report("g-a", 2011, -5, 0),
];

describe("municipalityTotals", () => {
  it("splits every amount over the participants by share, largest remainder first, ties to the earlier", () => {
    const state = fold(history);
    // Requests: 1 000 001 øre at 3333/3333/3334 is 333 300.33 / 333 300.33 / 333 400.33; the odd
    // øre goes to the largest remainder (the county). 3 øre at 5000/5000: the tie goes to Oslo.
    // Award 100 001: 33 330 / 33 330 / 33 341. Disbursements 50 000 (16 665 / 16 665 / 16 670)
    // and 1 (to the county). Benefits 9 999 (3 333 / 3 333 / 3 333), then -5 (-2 / -1 / -2).
    expect(listMunicipalities(state)).toEqual([
      { municipalityNo: "0301", name: "Oslo", countyNo: "03", projects: 1, requested: 2, awarded: 0, disbursed: 0, repaid: 0, returned: 0, benefitsNok: 0 },
      { municipalityNo: "1201", name: "Bergen kommune", countyNo: "12", projects: 2, requested: 333_307, awarded: 33_330, disbursed: 16_665, repaid: 0, returned: 0, benefitsNok: 3_331 },
      { municipalityNo: "1243", name: "Os", countyNo: "12", projects: 1, requested: 333_300, awarded: 33_330, disbursed: 16_665, repaid: 0, returned: 0, benefitsNok: 3_332 },
      { municipalityNo: "1902", name: "Tromsø", countyNo: "19", projects: 1, requested: 1, awarded: 0, disbursed: 0, repaid: 0, returned: 0, benefitsNok: 0 },
    ]);
    expect(listOtherParticipants(state)).toEqual([
      { kind: "county", id: "12", name: "Hordaland fylkeskommune", projects: 1, requested: 333_401, awarded: 33_341, disbursed: 16_671, repaid: 0, returned: 0, benefitsNok: 3_331 },
      { kind: "county-governor", id: "974000008", name: "Fylkesmannen i Hordaland", projects: 1, requested: 2, awarded: 0, disbursed: 0, repaid: 0, returned: 0, benefitsNok: 0 },
      { kind: "state-agency", id: "971040238", name: "Statens kartverk", projects: 1, requested: 6, awarded: 0, disbursed: 0, repaid: 0, returned: 0, benefitsNok: 0 },
      { kind: "other", id: "974001373", name: "KS", projects: 1, requested: 2, awarded: 0, disbursed: 0, repaid: 0, returned: 0, benefitsNok: 0 },
    ]);
  });

  it("never changes a state it was given", () => {
    const early = fold(history.slice(0, 4));
    const before = { municipalities: listMunicipalities(early), others: listOtherParticipants(early) };
    fold(history.slice(4), early);
    expect({ municipalities: listMunicipalities(early), others: listOtherParticipants(early) }).toEqual(before);
  });

  it("refuses an award, disbursement or report of a grant it never saw applied for, and a second application", () => {
    expect(() => fold([event("GrantAwarded", award("g-x", 5))])).toThrow(/grant g-x/);
    expect(() => fold([disbursement("g-x", 5, "p")])).toThrow(/grant g-x/);
    expect(() => fold([report("g-x", 2010, 1, 1)])).toThrow(/grant g-x/);
    expect(() => fold([event("GrantApplied", grantA), event("GrantApplied", grantA)])).toThrow(/twice/);
  });

  it("splits each grant so that its parts sum to the grant, to the øre", () => {
    const grantArb = fc.record({
      members: fc.uniqueArray(fc.integer({ min: 101, max: 1999 }), { minLength: 1, maxLength: 12 }),
      weights: fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 12, maxLength: 12 }),
      requested: fc.integer({ min: 1, max: 2_000_000_000 }),
      awardedPercent: fc.integer({ min: 1, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(grantArb, { minLength: 1, maxLength: 8 }), (grants) => {
        const events = grants.flatMap(({ members, weights, requested, awardedPercent }, index) => {
          const total = members.reduce((sum, _, i) => sum + (weights[i] ?? 1), 0);
          // Shares in basis points that sum to 10 000: the last member takes what the others leave.
          let left = 10_000;
          const shares = members.map((_, i) => {
            if (i === members.length - 1) return left;
            const share = Math.max(1, Math.floor((10_000 * (weights[i] ?? 1)) / total) - 1);
            left -= share;
            return share;
          });
          const people = members.map((no, i) => municipality(String(no).padStart(4, "0"), `M${no}`, shares[i] ?? 0));
          const amount = Math.max(1, Math.floor((requested * awardedPercent) / 100));
          return [event("GrantApplied", application(`g${index}`, people, requested)), event("GrantAwarded", award(`g${index}`, amount))];
        });
        const rows = listMunicipalities(fold(events));
        const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((acc, row) => acc + pick(row), 0);
        expect(sum((row) => row.requested)).toBe(grants.reduce((acc, g) => acc + g.requested, 0));
        expect(sum((row) => row.awarded)).toBe(grants.reduce((acc, g) => acc + Math.max(1, Math.floor((g.requested * g.awardedPercent) / 100)), 0));
      }),
      { numRuns: 60 },
    );
  });
});
