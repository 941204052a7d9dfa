import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  at,
  benefitsReport,
  bergenApplied,
  bergenAward,
  bergenAwarded,
  bergenEvaluated,
  bergenRejected,
  costSaving,
  crisisRoundOpen,
  crisisRoundWithBergen,
  disburse,
  disbursed,
  disbursement,
  evaluate,
  evaluation,
  ore,
  report,
} from "./fixtures.testkit.js";
import {
  claim,
  closeGrant,
  closing,
  grantClosed,
  renounce,
  renounced,
  renouncing,
  repayment,
  repaymentClaimed,
  repaymentReceived,
  reversal,
  reversed,
  withdraw,
  withdrawal,
  withdrawn,
} from "./lifecycleFixtures.testkit.js";
import { nok } from "../values/money.js";

const FIRST = "DIFI-2009-0001";
const paidOnce = [...bergenAwarded, disbursed(disbursement(BERGEN_2009, nok(250_000), FIRST, "2009-06-02T10:00:00+02:00"))];
const closedWithPaidOnce = [...paidOnce, grantClosed(closing(), nok(150_000))];

describe("closing a grant with its final report", () => {
  it("closes Bergen's grant, naming the 150 000 awarded and never paid", () => {
    givenGrant(paidOnce).withRound(crisisRoundWithBergen).when(closeGrant(closing())).then([grantClosed(closing(), nok(150_000))]);
  });

  it("closes a grant paid in full with nothing unpaid, its benefits in the report", () => {
    const paidInFull = [...paidOnce, disbursed(disbursement(BERGEN_2009, nok(150_000), "DIFI-2010-0007", "2010-06-02T10:00:00+02:00"))];
    const final = closing({ finalReport: { summary: closing().finalReport.summary, benefits: [costSaving(nok(1_200_000))] } });
    givenGrant(paidInFull).withRound(crisisRoundWithBergen).when(closeGrant(final)).then([grantClosed(final, ore(0))]);
  });

  it("counts reversals and repayments: unpaid is the award less what was paid net", () => {
    // 250 000 paid and reversed, paid again as 240 000, of which 40 000 repaid: 200 000 paid net.
    const history = [
      ...paidOnce,
      reversed(reversal(FIRST, nok(250_000))),
      disbursed(disbursement(BERGEN_2009, nok(240_000), FIRST, "2009-06-16T10:00:00+02:00")),
      repaymentClaimed(claim("K-1", nok(40_000))),
      repaymentReceived(repayment("K-1", nok(40_000))),
    ];
    givenGrant(history).withRound(crisisRoundWithBergen).when(closeGrant(closing())).then([grantClosed(closing(), nok(200_000))]);
  });

  it("closes an award nothing of which was paid: all of it returns", () => {
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(closeGrant(closing())).then([grantClosed(closing(), nok(400_000))]);
  });

  it("closes a grant once", () => {
    givenGrant(closedWithPaidOnce)
      .withRound(crisisRoundWithBergen)
      .when(closeGrant(closing({ closedAt: at("2010-12-01T12:00:00+01:00") })))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "closed" });
  });

  it("closes only an awarded grant", () => {
    givenGrant(bergenEvaluated).withRound(crisisRoundOpen).when(closeGrant(closing())).thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "evaluated" });
  });

  it("is not closed before its award", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(closeGrant(closing({ closedAt: at("2009-05-09T12:00:00+02:00") })))
      .thenFails("OutOfOrder", { grantId: BERGEN_2009, field: "closedAt", notBefore: bergenAward.awardedAt });
  });

  it("pays nothing more once closed", () => {
    givenGrant(closedWithPaidOnce)
      .withRound(crisisRoundWithBergen)
      .when(disburse(disbursement(BERGEN_2009, nok(150_000), "DIFI-2010-0007", "2010-12-02T10:00:00+01:00")))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "closed" });
  });

  it("takes no more benefits reports once closed: the final report was the last", () => {
    givenGrant(closedWithPaidOnce)
      .withRound(crisisRoundWithBergen)
      .when(report(benefitsReport(BERGEN_2009, "2010-07-01", "2010-11-30")))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "closed" });
  });
});

describe("withdrawing an application before a decision", () => {
  it.each([
    ["applied", bergenApplied],
    ["evaluated", bergenEvaluated],
  ] as const)("withdraws an application that is %s", (_status, history) => {
    const late = withdrawal({ withdrawnAt: at("2009-05-06T10:00:00+02:00") });
    givenGrant(history).withRound(crisisRoundOpen).when(withdraw(late)).then([withdrawn(late)]);
  });

  it.each([
    ["awarded", bergenAwarded],
    ["rejected", bergenRejected],
  ] as const)("withdraws nothing once the grant is %s", (status, history) => {
    givenGrant(history).withRound(crisisRoundWithBergen).when(withdraw(withdrawal())).thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status });
  });

  it("withdraws once", () => {
    givenGrant([...bergenApplied, withdrawn(withdrawal())])
      .withRound(crisisRoundOpen)
      .when(withdraw(withdrawal()))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "withdrawn" });
  });

  it("is not withdrawn before it was made", () => {
    givenGrant(bergenApplied)
      .withRound(crisisRoundOpen)
      .when(withdraw(withdrawal({ withdrawnAt: at("2009-03-20T09:59:59+01:00") })))
      .thenFails("OutOfOrder", { grantId: BERGEN_2009, field: "withdrawnAt", notBefore: at("2009-03-20T10:00:00+01:00") });
  });

  it("withdraws nothing never applied for", () => {
    givenGrant().withRound(crisisRoundOpen).when(withdraw(withdrawal())).thenFails("GrantNotFound", { grantId: BERGEN_2009 });
  });

  it("is not evaluated once withdrawn", () => {
    givenGrant([...bergenApplied, withdrawn(withdrawal())])
      .withRound(crisisRoundOpen)
      .when(evaluate(evaluation(BERGEN_2009)))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "withdrawn" });
  });
});

describe("renouncing an award", () => {
  it("renounces an award nothing of which was paid, recording its round", () => {
    givenGrant(bergenAwarded).withRound(crisisRoundWithBergen).when(renounce(renouncing())).then([renounced(renouncing())]);
  });

  it("refuses to renounce once money was paid, naming what was paid net: it is claimed back first", () => {
    givenGrant(paidOnce)
      .withRound(crisisRoundWithBergen)
      .when(renounce(renouncing({ renouncedAt: at("2009-07-01T10:00:00+02:00") })))
      .thenFails("RenounceAfterPayment", { grantId: BERGEN_2009, paidNet: nok(250_000) });
  });

  it("renounces once what was paid is repaid in full", () => {
    const history = [...paidOnce, repaymentClaimed(claim("K-1", nok(250_000))), repaymentReceived(repayment("K-1", nok(250_000)))];
    const late = renouncing({ renouncedAt: at("2009-11-10T10:00:00+01:00") });
    givenGrant(history).withRound(crisisRoundWithBergen).when(renounce(late)).then([renounced(late)]);
  });

  it("renounces once the only payment is reversed", () => {
    const late = renouncing({ renouncedAt: at("2009-06-20T10:00:00+02:00") });
    givenGrant([...paidOnce, reversed(reversal(FIRST, nok(250_000)))]).withRound(crisisRoundWithBergen).when(renounce(late)).then([renounced(late)]);
  });

  it("is not renounced before the award", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(renounce(renouncing({ renouncedAt: at("2009-05-10T09:00:00+02:00") })))
      .thenFails("OutOfOrder", { grantId: BERGEN_2009, field: "renouncedAt", notBefore: bergenAward.awardedAt });
  });

  it.each([
    ["evaluated", bergenEvaluated],
    ["rejected", bergenRejected],
  ] as const)("renounces only an award, not a grant %s", (status, history) => {
    givenGrant(history).withRound(crisisRoundOpen).when(renounce(renouncing())).thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status });
  });

  it("pays nothing once renounced", () => {
    givenGrant([...bergenAwarded, renounced(renouncing())])
      .withRound(crisisRoundWithBergen)
      .when(disburse(disbursement(BERGEN_2009, nok(250_000), FIRST, "2009-06-02T10:00:00+02:00")))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "renounced" });
  });
});
