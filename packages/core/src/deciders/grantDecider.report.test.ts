import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import {
  KARTVERKET_2018,
  benefitsReport,
  cofinancingRoundOpen,
  cofinancingRoundWithKartverket,
  costSaving,
  day,
  disbursed,
  disbursement,
  kartverketApplied,
  kartverketAwarded,
  kartverketEvaluated,
  rejected,
  report,
  reported,
} from "./fixtures.testkit.js";
import type { ReportedBenefit } from "../events/benefits.js";
import { nok } from "../values/money.js";
import { unsafeText } from "../values/text.js";

const kartverketReports = (from: string, to: string, benefits?: readonly ReportedBenefit[]) =>
  givenGrant(kartverketAwarded).withRound(cofinancingRoundWithKartverket).when(report(benefitsReport(KARTVERKET_2018, from, to, benefits)));
const afterReporting = (...periods: (readonly [string, string])[]) =>
  givenGrant([...kartverketAwarded, ...periods.map(([from, to]) => reported(benefitsReport(KARTVERKET_2018, from, to)))]).withRound(
    cofinancingRoundWithKartverket,
  );
const period = (from: string, to: string) => ({ from: day(from), to: day(to) });

describe("reporting benefits", () => {
  it("records a year's realised benefits of an awarded grant", () => {
    kartverketReports("2018-06-01", "2018-12-31").then([reported(benefitsReport(KARTVERKET_2018, "2018-06-01", "2018-12-31"))]);
  });

  it("records a report between tranches", () => {
    const data = benefitsReport(KARTVERKET_2018, "2018-06-01", "2018-12-31");
    givenGrant([...kartverketAwarded, disbursed(disbursement(KARTVERKET_2018, nok(4_000_000), "DFO-2018-1", "2018-09-03T10:00:00+02:00"))])
      .withRound(cofinancingRoundWithKartverket)
      .when(report(data))
      .then([reported(data)]);
  });

  it.each([
    ["applied", kartverketApplied],
    ["evaluated", kartverketEvaluated],
    ["rejected", [...kartverketEvaluated, rejected(KARTVERKET_2018)]],
  ] as const)("reports only for an awarded grant, not one %s", (status, history) => {
    givenGrant(history)
      .withRound(cofinancingRoundOpen)
      .when(report(benefitsReport(KARTVERKET_2018, "2018-06-01", "2018-12-31")))
      .thenFails("GrantNotAwarded", { grantId: KARTVERKET_2018, status });
  });

  it("refuses a period that ends before it starts", () => {
    kartverketReports("2018-12-31", "2018-06-01").thenFails("InvalidPeriod", { grantId: KARTVERKET_2018, period: period("2018-12-31", "2018-06-01") });
  });

  it("accepts a period of a single day", () => {
    kartverketReports("2018-12-31", "2018-12-31").then([reported(benefitsReport(KARTVERKET_2018, "2018-12-31", "2018-12-31"))]);
  });

  it("refuses a report with no benefits", () => {
    kartverketReports("2018-06-01", "2018-12-31", []).thenFails("EmptyBenefitsReport", { grantId: KARTVERKET_2018 });
  });
});

describe("report periods do not overlap (both ends included)", () => {
  it("refuses a period that starts on the day the previous one ended", () => {
    afterReporting(["2018-06-01", "2018-12-31"])
      .when(report(benefitsReport(KARTVERKET_2018, "2018-12-31", "2019-12-31")))
      .thenFails("OverlappingBenefitsPeriod", {
        grantId: KARTVERKET_2018,
        period: period("2018-12-31", "2019-12-31"),
        existing: period("2018-06-01", "2018-12-31"),
      });
  });

  it("refuses a period that ends on the day a later one started", () => {
    afterReporting(["2019-01-01", "2019-12-31"])
      .when(report(benefitsReport(KARTVERKET_2018, "2018-06-01", "2019-01-01")))
      .thenFails("OverlappingBenefitsPeriod", { existing: period("2019-01-01", "2019-12-31") });
  });

  it("accepts the adjacent period starting the next day", () => {
    afterReporting(["2018-06-01", "2018-12-31"])
      .when(report(benefitsReport(KARTVERKET_2018, "2019-01-01", "2019-12-31")))
      .then([reported(benefitsReport(KARTVERKET_2018, "2019-01-01", "2019-12-31"))]);
  });

  it("accepts an earlier adjacent period reported late", () => {
    afterReporting(["2019-01-01", "2019-12-31"])
      .when(report(benefitsReport(KARTVERKET_2018, "2018-06-01", "2018-12-31")))
      .then([reported(benefitsReport(KARTVERKET_2018, "2018-06-01", "2018-12-31"))]);
  });

  it("refuses a period inside an earlier one", () => {
    afterReporting(["2018-06-01", "2018-12-31"])
      .when(report(benefitsReport(KARTVERKET_2018, "2018-09-01", "2018-09-30")))
      .thenFails("OverlappingBenefitsPeriod", { existing: period("2018-06-01", "2018-12-31") });
  });

  it("refuses a period around an earlier one", () => {
    afterReporting(["2018-09-01", "2018-09-30"])
      .when(report(benefitsReport(KARTVERKET_2018, "2018-06-01", "2018-12-31")))
      .thenFails("OverlappingBenefitsPeriod", { existing: period("2018-09-01", "2018-09-30") });
  });

  it("checks against every earlier period, not only the latest", () => {
    afterReporting(["2018-06-01", "2018-12-31"], ["2020-01-01", "2020-12-31"])
      .when(report(benefitsReport(KARTVERKET_2018, "2018-12-01", "2019-12-31")))
      .thenFails("OverlappingBenefitsPeriod", { existing: period("2018-06-01", "2018-12-31") });
  });

  it("refuses the same period twice", () => {
    afterReporting(["2018-06-01", "2018-12-31"])
      .when(report(benefitsReport(KARTVERKET_2018, "2018-06-01", "2018-12-31")))
      .thenFails("OverlappingBenefitsPeriod", { existing: period("2018-06-01", "2018-12-31") });
  });
});

describe("money figures are whole øre", () => {
  it("refuses a fraction of an øre in a cost saving, naming line and field", () => {
    kartverketReports("2018-06-01", "2018-12-31", [costSaving(nok(750_000)), costSaving(750_000.5)]).thenFails("BenefitFigureNotInOre", {
      grantId: KARTVERKET_2018,
      index: 1,
      field: "actual",
      value: 750_000.5,
    });
  });

  it("refuses a fraction in a baseline or target of a saving for other parties", () => {
    const otherParties = (overrides: Partial<ReportedBenefit>) => costSaving(nok(100_000), { category: "other-parties", ...overrides });
    kartverketReports("2018-06-01", "2018-12-31", [otherParties({ baseline: 0.1 })]).thenFails("BenefitFigureNotInOre", {
      index: 0,
      field: "baseline",
      value: 0.1,
    });
    kartverketReports("2018-06-01", "2018-12-31", [otherParties({ target: 2.5 })]).thenFails("BenefitFigureNotInOre", { field: "target", value: 2.5 });
  });

  it("accepts fractional hours saved and quality indicators", () => {
    const benefits: ReportedBenefit[] = [
      costSaving(1250.5, { category: "time-saving", unit: unsafeText("hours") }),
      costSaving(4.3, { category: "quality", unit: unsafeText("brukertilfredshet (1-5)"), baseline: 3.1, target: 4.5 }),
    ];
    kartverketReports("2018-06-01", "2018-12-31", benefits).then([reported(benefitsReport(KARTVERKET_2018, "2018-06-01", "2018-12-31", benefits))]);
  });

  it("accepts a negative saving: benefits can fall short", () => {
    const benefits = [costSaving(-nok(50_000))];
    kartverketReports("2018-06-01", "2018-12-31", benefits).then([reported(benefitsReport(KARTVERKET_2018, "2018-06-01", "2018-12-31", benefits))]);
  });
});
