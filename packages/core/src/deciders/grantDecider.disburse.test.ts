import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  CRISIS_2009,
  KARTVERKET_2018,
  at,
  benefitsReport,
  bergenApplied,
  bergenAwarded,
  bergenEvaluated,
  bergenRejected,
  cofinancingRoundWithKartverket,
  crisisRoundOpen,
  crisisRoundWithBergen,
  day,
  disburse,
  disbursed,
  disbursement,
  kartverketAwarded,
  ore,
  reported,
  roundClosed,
} from "./fixtures.testkit.js";
import { nok, type Money } from "../values/money.js";

const bergenPayment = (amount: Money, paymentRef: string, disbursedAt = "2009-06-01T10:00:00+02:00") =>
  disbursement(BERGEN_2009, amount, paymentRef, disbursedAt);
const kartverketPayment = (paymentRef: string, disbursedAt: string) => disbursement(KARTVERKET_2018, nok(4_000_000), paymentRef, disbursedAt);

describe("disbursing a grant", () => {
  it("pays out part of Bergen's award", () => {
    const payment = bergenPayment(nok(250_000), "DIFI-2009-0001");
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(disburse(payment)).then([disbursed(payment)]);
  });

  it.each([
    ["applied", bergenApplied],
    ["evaluated", bergenEvaluated],
    ["rejected", bergenRejected],
  ] as const)("pays nothing on a grant that is only %s", (status, history) => {
    givenGrant(history)
      .withRound(crisisRoundOpen)
      .when(disburse(bergenPayment(nok(250_000), "DIFI-2009-0001")))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status });
  });

  it("needs the grant's round", () => {
    givenGrant(bergenAwarded)
      .when(disburse(bergenPayment(nok(250_000), "DIFI-2009-0001")))
      .thenFails("RoundNotFound", { roundId: CRISIS_2009 });
  });

  it("pays out after the round closed: closing stops applications and awards, not payments", () => {
    const payment = bergenPayment(nok(150_000), "DIFI-2010-0042", "2010-06-01T10:00:00+02:00");
    givenGrant(bergenAwarded)
      .withRound([...crisisRoundWithBergen, roundClosed(CRISIS_2009, "2009-12-31T16:00:00+01:00")])
      .when(disburse(payment))
      .then([disbursed(payment)]);
  });

  it("refuses a payment of nothing", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(disburse(bergenPayment(ore(0), "DIFI-2009-0001")))
      .thenFails("DisbursementNotPositive", { grantId: BERGEN_2009 });
  });
});

describe("the running total never exceeds the award", () => {
  const firstPaid = [...bergenAwarded, disbursed(bergenPayment(nok(250_000), "DIFI-2009-0001"))];

  it("pays the whole award at once", () => {
    const payment = bergenPayment(nok(400_000), "DIFI-2009-0001");
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(disburse(payment)).then([disbursed(payment)]);
  });

  it("refuses one øre more than the award at once", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(disburse(bergenPayment(ore(nok(400_000) + 1), "DIFI-2009-0001")))
      .thenFails("DisbursementExceedsAward", {
        grantId: BERGEN_2009,
        amount: ore(nok(400_000) + 1),
        disbursed: ore(0),
        awarded: nok(400_000),
        remaining: nok(400_000),
      });
  });

  it("pays a second tranche reaching exactly the award", () => {
    const payment = bergenPayment(nok(150_000), "DIFI-2010-0042", "2010-06-01T10:00:00+02:00");
    givenGrant(firstPaid).withRound(crisisRoundWithBergen).when(disburse(payment)).then([disbursed(payment)]);
  });

  it("refuses a second tranche one øre beyond the award, naming what is left", () => {
    givenGrant(firstPaid)
      .withRound(crisisRoundWithBergen)
      .when(disburse(bergenPayment(ore(nok(150_000) + 1), "DIFI-2010-0042", "2010-06-01T10:00:00+02:00")))
      .thenFails("DisbursementExceedsAward", {
        amount: ore(nok(150_000) + 1),
        disbursed: nok(250_000),
        awarded: nok(400_000),
        remaining: nok(150_000),
      });
  });

  it("pays nothing more once the award is fully paid", () => {
    givenGrant([...firstPaid, disbursed(bergenPayment(nok(150_000), "DIFI-2010-0042", "2010-06-01T10:00:00+02:00"))])
      .withRound(crisisRoundWithBergen)
      .when(disburse(bergenPayment(ore(1), "DIFI-2010-0043", "2010-07-01T10:00:00+02:00")))
      .thenFails("DisbursementExceedsAward", { disbursed: nok(400_000), remaining: ore(0) });
  });
});

describe("a payment reference is paid once", () => {
  const firstPaid = [...bergenAwarded, disbursed(bergenPayment(nok(100_000), "DIFI-2009-0001"))];

  it("refuses a repeated payment rather than doubling it", () => {
    givenGrant(firstPaid)
      .withRound(crisisRoundWithBergen)
      .when(disburse(bergenPayment(nok(100_000), "DIFI-2009-0001")))
      .thenFails("PaymentAlreadyRecorded", { grantId: BERGEN_2009, paymentRef: "DIFI-2009-0001" });
  });

  it("refuses the reference again even for another amount on another day", () => {
    givenGrant(firstPaid)
      .withRound(crisisRoundWithBergen)
      .when(disburse(bergenPayment(nok(50_000), "DIFI-2009-0001", "2009-09-01T10:00:00+02:00")))
      .thenFails("PaymentAlreadyRecorded", { paymentRef: "DIFI-2009-0001" });
  });

  it("recognises a repeat even of the payment that reached the whole award", () => {
    givenGrant([...bergenAwarded, disbursed(bergenPayment(nok(400_000), "DIFI-2009-0001"))])
      .withRound(crisisRoundWithBergen)
      .when(disburse(bergenPayment(nok(400_000), "DIFI-2009-0001")))
      .thenFails("PaymentAlreadyRecorded", { paymentRef: "DIFI-2009-0001" });
  });

  it("pays another reference of the same amount", () => {
    const payment = bergenPayment(nok(100_000), "DIFI-2009-0002");
    givenGrant(firstPaid).withRound(crisisRoundWithBergen).when(disburse(payment)).then([disbursed(payment)]);
  });
});

describe("payments fall within the round's disbursement window (2009-05-01 to 2010-12-31)", () => {
  const window = { from: day("2009-05-01"), to: day("2010-12-31") };

  it.each(["2009-05-01T00:00:00+02:00", "2010-12-31T23:59:59+01:00"])("pays on the window's first and last day (%s)", (when) => {
    const payment = bergenPayment(nok(100_000), "DIFI-EDGE", when);
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(disburse(payment)).then([disbursed(payment)]);
  });

  it("refuses a payment the day before the window opens", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(disburse(bergenPayment(nok(100_000), "DIFI-EARLY", "2009-04-30T23:59:59+02:00")))
      .thenFails("DisbursementOutsideWindow", { grantId: BERGEN_2009, disbursedAt: at("2009-04-30T23:59:59+02:00"), window });
  });

  it("refuses a payment the day after the window closes", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(disburse(bergenPayment(nok(100_000), "DIFI-LATE", "2011-01-01T00:00:00+01:00")))
      .thenFails("DisbursementOutsideWindow", { disbursedAt: at("2011-01-01T00:00:00+01:00"), window });
  });
});

describe("reportBeforeNextTranche: each tranche after the first waits for a benefits report", () => {
  const first = kartverketPayment("DFO-2018-1", "2018-09-03T10:00:00+02:00");
  const second = kartverketPayment("DFO-2019-1", "2019-09-02T10:00:00+02:00");
  const third = kartverketPayment("DFO-2020-1", "2020-09-01T10:00:00+02:00");
  const report2018 = reported(benefitsReport(KARTVERKET_2018, "2018-06-01", "2018-12-31"));
  const report2019 = reported(benefitsReport(KARTVERKET_2018, "2019-01-01", "2019-12-31"));

  it("pays the first tranche without a report", () => {
    givenGrant(kartverketAwarded).withRound(cofinancingRoundWithKartverket).when(disburse(first)).then([disbursed(first)]);
  });

  it("refuses the second tranche with no report since the first", () => {
    givenGrant([...kartverketAwarded, disbursed(first)])
      .withRound(cofinancingRoundWithKartverket)
      .when(disburse(second))
      .thenFails("BenefitsReportRequiredBeforeTranche", { grantId: KARTVERKET_2018, tranche: 2 });
  });

  it("does not count a report made before the first tranche", () => {
    givenGrant([...kartverketAwarded, report2018, disbursed(first)])
      .withRound(cofinancingRoundWithKartverket)
      .when(disburse(second))
      .thenFails("BenefitsReportRequiredBeforeTranche", { tranche: 2 });
  });

  it("pays the second tranche after a report", () => {
    givenGrant([...kartverketAwarded, disbursed(first), report2018])
      .withRound(cofinancingRoundWithKartverket)
      .when(disburse(second))
      .then([disbursed(second)]);
  });

  it("needs another report before the third tranche", () => {
    givenGrant([...kartverketAwarded, disbursed(first), report2018, disbursed(second)])
      .withRound(cofinancingRoundWithKartverket)
      .when(disburse(third))
      .thenFails("BenefitsReportRequiredBeforeTranche", { grantId: KARTVERKET_2018, tranche: 3 });
  });

  it("pays the third tranche after the second report", () => {
    givenGrant([...kartverketAwarded, disbursed(first), report2018, disbursed(second), report2019])
      .withRound(cofinancingRoundWithKartverket)
      .when(disburse(third))
      .then([disbursed(third)]);
  });

  it("asks no report between tranches where the policy does not (the crisis package)", () => {
    const second2009 = bergenPayment(nok(150_000), "DIFI-2010-0042", "2010-06-01T10:00:00+02:00");
    givenGrant([...bergenAwarded, disbursed(bergenPayment(nok(250_000), "DIFI-2009-0001"))])
      .withRound(crisisRoundWithBergen)
      .when(disburse(second2009))
      .then([disbursed(second2009)]);
  });
});
