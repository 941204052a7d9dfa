import { describe, expect, it } from "vitest";
import type { DecodedEvent } from "@grantledger/core";
import { application, award, event, grantEvent, participant, roundOpening } from "../testkit/fixtures.testkit.js";
import { municipalityTotals } from "./municipalityTotals.js";
import { listMunicipalities, listOtherParticipants, sumParticipants } from "./municipalityTotalsQueries.js";
import type { MunicipalityTotalsState } from "./municipalityTotalsState.js";

const { municipality, county } = participant;
const fold = (events: readonly DecodedEvent[]): MunicipalityTotalsState => events.reduce(municipalityTotals.apply, municipalityTotals.initialState);
const at = "2010-03-01T10:00:00Z";

const paid = (grantId: string, amount: number, paymentRef: string) => grantEvent("GrantDisbursed", grantId, { amount, paymentRef, disbursedAt: at, valueDate: at.slice(0, 10) });
const received = (grantId: string, amount: number) => grantEvent("RepaymentReceived", grantId, { claimId: "c1", amount, receivedAt: at });

// gA: Bergen, Os and the county at 3333/3333/3334 in round r1 of scheme s; its award amended,
// paid three times, a payment reversed, money repaid before and after it was closed.
const gA = application("gA", [municipality("1201", "Bergen", 3333), municipality("1243", "Os", 3333), county("12", "Hordaland fylkeskommune", 3334)], 1_000_001);
const history = [
  event("RoundOpened", roundOpening("r1", 10_000_000, { schemeId: "s" })),
  event("RoundOpened", roundOpening("r2", 10_000_000, { schemeId: "s" })),
  event("RoundOpened", roundOpening("r0", 10_000_000)),
  event("GrantApplied", gA),
  event("GrantAwarded", award("gA", 100_001)),
  grantEvent("AwardAmended", "gA", { roundId: "r1", previousAmount: 100_001, amount: 90_000, disbursementPlan: [{ due: "2010-06-01", amount: 90_000 }], reason: "Lower costs", amendedAt: at }),
  paid("gA", 50_000, "p1"),
  paid("gA", 1, "p2"),
  paid("gA", 10, "p3"),
  grantEvent("DisbursementReversed", "gA", { paymentRef: "p3", amount: 10, reason: "Wrong amount", reversedAt: at }),
  grantEvent("RepaymentClaimed", "gA", { claimId: "c1", amount: 2_000, reason: "Condition broken", claimedAt: at }),
  received("gA", 1_001),
  grantEvent("GrantClosed", "gA", { roundId: "r1", finalReport: { summary: "Done" }, unpaid: 41_000, closedAt: at }),
  received("gA", 999),
  // gB: Bergen and Oslo at 5000/5000 in r1, awarded 3 øre, renounced.
  event("GrantApplied", application("gB", [municipality("1201", "Bergen", 5000), municipality("0301", "Oslo", 5000)], 3)),
  event("GrantAwarded", award("gB", 3)),
  grantEvent("AwardRenounced", "gB", { roundId: "r1", reason: "No co-financing", renouncedAt: at }),
  // gC: Bergen alone in r2 (scheme s); gD: Oslo alone in r0 (no scheme).
  event("GrantApplied", application("gC", [municipality("1201", "Bergen", 10_000)], 7, "r2")),
  event("GrantAwarded", award("gC", 7, "r2")),
  paid("gC", 7, "q1"),
  event("GrantApplied", application("gD", [municipality("0301", "Oslo", 10_000)], 10, "r0")),
  event("GrantAwarded", award("gD", 10, "r0")),
];

describe("municipalityTotals over the life of a grant", () => {
  it("splits amended awards anew, takes back reversed payments' own split, spreads repayments over what was paid, and counts a closed grant as paid net", () => {
    // gA: the amended award 90 000 splits 29 997 / 29 997 / 30 006. Payments split 16 665 /
    // 16 665 / 16 670, then 0 / 0 / 1, then 3 / 3 / 4 (reversed again): 16 665 / 16 665 / 16 671.
    // 2 000 repaid in all, over those parts by largest remainder: 667 / 666 / 667; net 15 998 /
    // 15 999 / 16 004 = 48 001, which is also what it holds once closed. The 41 000 left unpaid at
    // closing split 13 665 / 13 665 / 13 670. gB was renounced: nothing awarded.
    const state = fold(history);
    expect(listMunicipalities(state)).toEqual([
      { municipalityNo: "0301", name: "Oslo", countyNo: "03", projects: 2, requested: 11, awarded: 10, disbursed: 0, repaid: 0, returned: 0, benefitsNok: 0 },
      { municipalityNo: "1201", name: "Bergen", countyNo: "12", projects: 3, requested: 333_309, awarded: 16_005, disbursed: 16_005, repaid: 667, returned: 13_665, benefitsNok: 0 },
      { municipalityNo: "1243", name: "Os", countyNo: "12", projects: 1, requested: 333_300, awarded: 15_999, disbursed: 15_999, repaid: 666, returned: 13_665, benefitsNok: 0 },
    ]);
    expect(listOtherParticipants(state)).toEqual([
      { kind: "county", id: "12", name: "Hordaland fylkeskommune", projects: 1, requested: 333_401, awarded: 16_004, disbursed: 16_004, repaid: 667, returned: 13_670, benefitsNok: 0 },
    ]);
  });

  it("follows each step: the amendment, the payments, the reversal, the repayment and the closing", () => {
    const bergenAfter = (count: number) => listMunicipalities(fold(history.slice(0, count))).find((row) => row.municipalityNo === "1201");
    expect(bergenAfter(5)).toMatchObject({ awarded: 33_330, disbursed: 0 });
    expect(bergenAfter(6)).toMatchObject({ awarded: 29_997 });
    expect(bergenAfter(9)).toMatchObject({ disbursed: 16_668 });
    expect(bergenAfter(10)).toMatchObject({ disbursed: 16_665 });
    // 1 001 repaid over 16 665 / 16 665 / 16 671: 334 / 333 / 334.
    expect(bergenAfter(12)).toMatchObject({ awarded: 29_997, disbursed: 16_331, repaid: 334 });
    expect(bergenAfter(13)).toMatchObject({ awarded: 16_331, disbursed: 16_331, returned: 13_665 });
    expect(bergenAfter(14)).toMatchObject({ awarded: 15_998, disbursed: 15_998, repaid: 667 });
  });

  it("totals per round and per scheme", () => {
    const state = fold(history);
    expect(listMunicipalities(state, { roundId: "r1" }).map(({ municipalityNo, projects, requested, awarded, disbursed }) => [municipalityNo, projects, requested, awarded, disbursed])).toEqual([
      ["0301", 1, 1, 0, 0],
      ["1201", 2, 333_302, 15_998, 15_998],
      ["1243", 1, 333_300, 15_999, 15_999],
    ]);
    expect(listMunicipalities(state, { roundId: "r2" })).toEqual([
      { municipalityNo: "1201", name: "Bergen", countyNo: "12", projects: 1, requested: 7, awarded: 7, disbursed: 7, repaid: 0, returned: 0, benefitsNok: 0 },
    ]);
    expect(listMunicipalities(state, { schemeId: "s" }).map(({ municipalityNo, projects, requested, awarded }) => [municipalityNo, projects, requested, awarded])).toEqual([
      ["0301", 1, 1, 0],
      ["1201", 3, 333_309, 16_005],
      ["1243", 1, 333_300, 15_999],
    ]);
    expect(listOtherParticipants(state, { schemeId: "s" })).toEqual(listOtherParticipants(state));
    expect(listMunicipalities(state, { roundId: "r0" }).map((row) => [row.municipalityNo, row.awarded])).toEqual([["0301", 10]]);
    expect(listMunicipalities(state, { schemeId: "none" })).toEqual([]);
  });

  it("sums, per round, to what the round's grants hold and were paid net", () => {
    const state = fold(history);
    expect(sumParticipants(state, { roundId: "r1" })).toEqual({ projects: 5, requested: 1_000_004, awarded: 48_001, disbursed: 48_001, repaid: 2_000, returned: 41_000, benefitsNok: 0 });
    expect(sumParticipants(state)).toMatchObject({ awarded: 48_001 + 7 + 10, disbursed: 48_001 + 7 });
  });

  it("stops at what contradicts the grant's figures: an amendment from another amount, a reversal or repayment of more than was paid, a payment after closing", () => {
    const upToClosing = history.slice(0, 13);
    const amendedFrom = (previousAmount: number) =>
      grantEvent("AwardAmended", "gA", { roundId: "r1", previousAmount, amount: 5, disbursementPlan: [{ due: "2010-06-01", amount: 5 }], reason: "x", amendedAt: at });
    expect(() => fold([...history.slice(0, 5), amendedFrom(7)])).toThrow(/amended from 7/);
    expect(() => fold([...history.slice(0, 7), grantEvent("DisbursementReversed", "gA", { paymentRef: "p9", amount: 60_000, reason: "x", reversedAt: at })])).toThrow(/negative/);
    expect(() => fold([...history.slice(0, 7), received("gA", 50_001)])).toThrow(/repaid of 50000/);
    expect(() => fold([...upToClosing, paid("gA", 1, "p9")])).toThrow(/grant gA is closed/);
    const closed = (unpaid: number) => grantEvent("GrantClosed", "gA", { roundId: "r1", finalReport: { summary: "x" }, unpaid, closedAt: at });
    expect(() => fold([...history.slice(0, 4), closed(0)])).toThrow(/undecided/);
    expect(() => fold([...history.slice(0, 12), closed(41_001)])).toThrow(/left 41001 øre unpaid of 90000, paid 49000 net/);
  });
});
