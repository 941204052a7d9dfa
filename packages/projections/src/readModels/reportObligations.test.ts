import { describe, expect, it } from "vitest";
import { unsafeIsoDate, type DecodedEvent } from "@grantledger/core";
import { award, event, grantEvent, roundOpening } from "../testkit/fixtures.testkit.js";
import { reportObligations, type ReportObligationsState } from "./reportObligations.js";
import { getReportObligations, listReportObligations, listReportObligationsOn } from "./reportObligationsQueries.js";

const fold = (events: readonly DecodedEvent[]): ReportObligationsState => events.reduce(reportObligations.apply, reportObligations.initialState);

const plan = (...dues: string[]) => dues.map((due) => ({ due, amount: 100 }));
const awarded = (grantId: string, roundId: string, disbursementPlan: ReturnType<typeof plan>, reportsDue?: string[]) =>
  event("GrantAwarded", { ...award(grantId, disbursementPlan.length * 100, roundId), disbursementPlan, ...(reportsDue === undefined ? {} : { reportsDue }) });
const reported = (grantId: string, year: number, reportedAt: string) =>
  grantEvent("BenefitsReported", grantId, {
    period: { from: `${year}-01-01`, to: `${year}-06-30` },
    benefits: [{ category: "time-saving", description: "Hours", unit: "hours", actual: 10, owner: "Ops" }],
    reportedAt,
  });

describe("reportObligations", () => {
  const history = [
    // r1 wants a report before each tranche after the first; r2 does not.
    event("RoundOpened", roundOpening("r1", 10_000, { policy: { reportBeforeNextTranche: true } })),
    event("RoundOpened", roundOpening("r2", 10_000)),
    awarded("gA", "r1", plan("2010-01-01", "2010-07-01", "2011-01-01")),
    // The award's own dates, in any order, come before the policy's; none given, none due.
    awarded("gB", "r2", plan("2010-01-01"), ["2011-12-31", "2010-12-31"]),
    awarded("gC", "r2", plan("2010-01-01", "2010-07-01")),
    awarded("gD", "r1", plan("2010-01-01", "2010-07-01"), []),
    awarded("gE", "r1", plan("2010-01-01", "2010-06-30", "2010-12-31")),
    awarded("gF", "r1", plan("2010-01-01", "2010-06-30")),
    reported("gA", 2010, "2010-08-15T10:00:00Z"),
    reported("gC", 2010, "2010-08-15T10:00:00Z"),
    reported("gE", 2010, "2010-06-01T10:00:00Z"),
    grantEvent("GrantClosed", "gE", { roundId: "r1", finalReport: { summary: "Done" }, unpaid: 0, closedAt: "2011-01-15T10:00:00Z" }),
    grantEvent("AwardRenounced", "gF", { roundId: "r1", reason: "No co-financing", renouncedAt: "2010-02-01T10:00:00Z" }),
    // The plan amended: the dates due move with it, and the report made satisfies the new first date.
    grantEvent("AwardAmended", "gA", { roundId: "r1", previousAmount: 300, amount: 400, disbursementPlan: plan("2010-01-01", "2010-09-01", "2011-03-01", "2011-09-01"), reason: "Longer project", amendedAt: "2010-08-20T10:00:00Z" }),
  ];
  const beforeAmendment = history.slice(0, -1);

  it("lists each grant's dates due, met (late or in time), open, or ended by closing or renouncing", () => {
    expect(getReportObligations(fold(beforeAmendment), "gA")).toEqual({
      grantId: "gA",
      roundId: "r1",
      obligations: [
        { due: "2010-07-01", state: "reported", reportedAt: "2010-08-15T10:00:00Z", late: true },
        { due: "2011-01-01", state: "open" },
      ],
      extraReports: 0,
    });
    const state = fold(history);
    expect(getReportObligations(state, "gA")?.obligations).toEqual([
      { due: "2010-09-01", state: "reported", reportedAt: "2010-08-15T10:00:00Z" },
      { due: "2011-03-01", state: "open" },
      { due: "2011-09-01", state: "open" },
    ]);
    expect(getReportObligations(state, "gB")?.obligations.map((o) => o.due)).toEqual(["2010-12-31", "2011-12-31"]);
    expect(getReportObligations(state, "gC")).toMatchObject({ obligations: [], extraReports: 1 });
    expect(getReportObligations(state, "gD")?.obligations).toEqual([]);
    expect(getReportObligations(state, "gE")).toMatchObject({
      obligations: [
        { due: "2010-06-30", state: "reported" },
        { due: "2010-12-31", state: "ended" },
      ],
      ended: { by: "closed", at: "2011-01-15T10:00:00Z" },
    });
    expect(getReportObligations(state, "gF")).toMatchObject({ obligations: [{ due: "2010-06-30", state: "ended" }], ended: { by: "renounced" } });
    expect(listReportObligations(state).map((row) => row.grantId)).toEqual(["gA", "gB", "gC", "gD", "gE", "gF"]);
    expect(getReportObligations(state, "gX")).toBeUndefined();
  });

  it("answers what is due on or after a business date and what is overdue before it, leaving closed and renounced grants out", () => {
    const state = fold(history);
    expect(listReportObligationsOn(state, unsafeIsoDate("2011-03-01"))).toEqual({
      businessDate: "2011-03-01",
      overdue: 1,
      due: 3,
      grants: [
        { grantId: "gA", roundId: "r1", overdue: [], due: ["2011-03-01", "2011-09-01"] },
        { grantId: "gB", roundId: "r2", overdue: ["2010-12-31"], due: ["2011-12-31"] },
      ],
    });
    expect(listReportObligationsOn(state, unsafeIsoDate("2011-03-02")).grants[0]).toEqual({ grantId: "gA", roundId: "r1", overdue: ["2011-03-01"], due: ["2011-09-01"] });
    // Before it was closed (and gA amended), gE's second report was open like any other.
    const beforeClosing = history.filter(({ event }) => event.type !== "GrantClosed" && event.type !== "AwardAmended");
    expect(listReportObligationsOn(fold(beforeClosing), unsafeIsoDate("2011-01-01")).grants.map((row) => [row.grantId, row.overdue, row.due])).toEqual([
      ["gA", [], ["2011-01-01"]],
      ["gB", ["2010-12-31"], ["2011-12-31"]],
      ["gE", ["2010-12-31"], []],
    ]);
    expect(listReportObligationsOn(fold(history), unsafeIsoDate("2012-01-01"))).toMatchObject({ overdue: 4, due: 0 });
  });

  it("stops at an award in a round it never saw opened, a second award, and a report of a grant never awarded", () => {
    expect(() => fold([awarded("gA", "r9", plan("2010-01-01"))])).toThrow(/round r9/);
    expect(() => fold([...history.slice(0, 3), history[2] as DecodedEvent])).toThrow(/awarded twice/);
    expect(() => fold([reported("gX", 2010, "2010-08-15T10:00:00Z")])).toThrow(/grant gX/);
  });
});
