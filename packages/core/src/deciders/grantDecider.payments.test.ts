import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  at,
  bergenAwarded,
  bergenEvaluated,
  crisisRoundOpen,
  crisisRoundWithBergen,
  disburse,
  disbursed,
  disbursement,
  ore,
} from "./fixtures.testkit.js";
import {
  claim,
  claimRepayment,
  closing,
  grantClosed,
  recordRepayment,
  repayment,
  repaymentClaimed,
  repaymentReceived,
  reversal,
  reverse,
  reversed,
} from "./lifecycleFixtures.testkit.js";
import { nok } from "../values/money.js";

/*
 * Bergen's 400 000 NOK award, its first tranche of 250 000 paid on 2 June 2009 as DIFI-2009-0001.
 * "Paid net" is what was paid, less what was reversed and what was repaid.
 */
const FIRST = "DIFI-2009-0001";
const firstPayment = disbursement(BERGEN_2009, nok(250_000), FIRST, "2009-06-02T10:00:00+02:00");
const paidOnce = [...bergenAwarded, disbursed(firstPayment)];
const paidInFull = [...paidOnce, disbursed(disbursement(BERGEN_2009, nok(150_000), "DIFI-2010-0007", "2010-06-02T10:00:00+02:00"))];
const onPaidOnce = () => givenGrant(paidOnce).withRound(crisisRoundWithBergen);

describe("reversing a payment recorded in error", () => {
  it("reverses Bergen's first tranche, whole", () => {
    onPaidOnce().when(reverse(reversal(FIRST, nok(250_000)))).then([reversed(reversal(FIRST, nok(250_000)))]);
  });

  it("lets the reference be paid again, correctly, once reversed", () => {
    const again = disbursement(BERGEN_2009, nok(240_000), FIRST, "2009-06-16T10:00:00+02:00");
    givenGrant([...paidOnce, reversed(reversal(FIRST, nok(250_000)))])
      .withRound(crisisRoundWithBergen)
      .when(disburse(again))
      .then([disbursed(again)]);
  });

  it("gives the reversed amount back to the award: the whole award can be paid again", () => {
    const whole = disbursement(BERGEN_2009, nok(400_000), "DIFI-2009-0002", "2009-06-16T10:00:00+02:00");
    givenGrant([...paidOnce, reversed(reversal(FIRST, nok(250_000)))])
      .withRound(crisisRoundWithBergen)
      .when(disburse(whole))
      .then([disbursed(whole)]);
  });

  it("counts a payment again after its reversal's reference is paid again", () => {
    const history = [...paidOnce, reversed(reversal(FIRST, nok(250_000))), disbursed(disbursement(BERGEN_2009, nok(250_000), FIRST, "2009-06-16T10:00:00+02:00"))];
    givenGrant(history)
      .withRound(crisisRoundWithBergen)
      .when(disburse(disbursement(BERGEN_2009, ore(nok(150_000) + 1), "DIFI-2010-0007", "2010-06-02T10:00:00+02:00")))
      .thenFails("DisbursementExceedsAward", { disbursed: nok(250_000), remaining: nok(150_000) });
  });

  it("refuses a reference never paid", () => {
    onPaidOnce()
      .when(reverse(reversal("DIFI-2009-9999", nok(250_000))))
      .thenFails("PaymentNotFound", { grantId: BERGEN_2009, paymentRef: "DIFI-2009-9999" });
  });

  it("reverses a payment once", () => {
    givenGrant([...paidOnce, reversed(reversal(FIRST, nok(250_000)))])
      .withRound(crisisRoundWithBergen)
      .when(reverse(reversal(FIRST, nok(250_000), { reversedAt: at("2009-06-20T10:00:00+02:00") })))
      .thenFails("PaymentNotFound", { grantId: BERGEN_2009, paymentRef: FIRST });
  });

  it("reverses a payment whole: another amount is refused, naming the payment's", () => {
    onPaidOnce()
      .when(reverse(reversal(FIRST, nok(50_000))))
      .thenFails("ReversalAmountMismatch", { grantId: BERGEN_2009, paymentRef: FIRST, amount: nok(50_000), paid: nok(250_000) });
  });

  it("is not decided before the payment it reverses", () => {
    onPaidOnce()
      .when(reverse(reversal(FIRST, nok(250_000), { reversedAt: at("2009-06-02T09:59:59+02:00") })))
      .thenFails("OutOfOrder", { field: "reversedAt", notBefore: firstPayment.disbursedAt });
  });

  it("refuses a reversal that would leave less paid net than is claimed back", () => {
    givenGrant([...paidOnce, repaymentClaimed(claim("K-1", nok(100_000)))])
      .withRound(crisisRoundWithBergen)
      .when(reverse(reversal(FIRST, nok(250_000), { reversedAt: at("2009-10-02T10:00:00+02:00") })))
      .thenFails("ReversalBelowOpenClaims", { grantId: BERGEN_2009, paymentRef: FIRST, paidNet: nok(250_000), openClaims: nok(100_000) });
  });

  it("reverses a payment that still covers the open claims", () => {
    const second = reversal("DIFI-2010-0007", nok(150_000), { reversedAt: at("2010-06-10T10:00:00+02:00") });
    givenGrant([...paidInFull, repaymentClaimed(claim("K-1", nok(250_000)))])
      .withRound(crisisRoundWithBergen)
      .when(reverse(second))
      .then([reversed(second)]);
  });

  it("reverses nothing on a grant that is not awarded", () => {
    givenGrant(bergenEvaluated)
      .withRound(crisisRoundOpen)
      .when(reverse(reversal(FIRST, nok(250_000))))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "evaluated" });
  });

  it("reverses nothing on a closed grant: after closing only repayments are accepted", () => {
    givenGrant([...paidOnce, grantClosed(closing(), nok(150_000))])
      .withRound(crisisRoundWithBergen)
      .when(reverse(reversal(FIRST, nok(250_000), { reversedAt: at("2010-12-01T10:00:00+01:00") })))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "closed" });
  });
});

describe("claiming money back (tilbakebetaling)", () => {
  it("claims part of what was paid, with a reason", () => {
    onPaidOnce().when(claimRepayment(claim("K-1", nok(100_000)))).then([repaymentClaimed(claim("K-1", nok(100_000)))]);
  });

  it("claims exactly what was paid net", () => {
    onPaidOnce().when(claimRepayment(claim("K-1", nok(250_000)))).then([repaymentClaimed(claim("K-1", nok(250_000)))]);
  });

  it("refuses a claim one øre above what was paid net, naming the figures", () => {
    onPaidOnce()
      .when(claimRepayment(claim("K-1", ore(nok(250_000) + 1))))
      .thenFails("ClaimExceedsPaid", { grantId: BERGEN_2009, amount: ore(nok(250_000) + 1), paidNet: nok(250_000), openClaims: ore(0) });
  });

  it("counts the open claims: together they never ask for more than was paid net", () => {
    givenGrant([...paidOnce, repaymentClaimed(claim("K-1", nok(200_000)))])
      .withRound(crisisRoundWithBergen)
      .when(claimRepayment(claim("K-2", ore(nok(50_000) + 1))))
      .thenFails("ClaimExceedsPaid", { amount: ore(nok(50_000) + 1), paidNet: nok(250_000), openClaims: nok(200_000) });
  });

  it("counts a repaid claim as settled, and what it repaid as no longer paid", () => {
    // 250 000 paid, 100 000 claimed and repaid: 150 000 paid net, nothing open.
    const history = [...paidOnce, repaymentClaimed(claim("K-1", nok(100_000))), repaymentReceived(repayment("K-1", nok(100_000)))];
    givenGrant(history)
      .withRound(crisisRoundWithBergen)
      .when(claimRepayment(claim("K-2", ore(nok(150_000) + 1))))
      .thenFails("ClaimExceedsPaid", { paidNet: nok(150_000), openClaims: ore(0) });
  });

  it("claims nothing on a grant with nothing paid", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(claimRepayment(claim("K-1", ore(1))))
      .thenFails("ClaimExceedsPaid", { paidNet: ore(0) });
  });

  it("refuses a claim of nothing", () => {
    onPaidOnce()
      .when(claimRepayment(claim("K-1", ore(0))))
      .thenFails("AmountNotPositive", { grantId: BERGEN_2009, field: "amount" });
  });

  it("records a claim id once", () => {
    givenGrant([...paidOnce, repaymentClaimed(claim("K-1", nok(50_000)))])
      .withRound(crisisRoundWithBergen)
      .when(claimRepayment(claim("K-1", nok(50_000))))
      .thenFails("ClaimAlreadyRecorded", { grantId: BERGEN_2009, claimId: "K-1" });
  });

  it("is not claimed before the award", () => {
    onPaidOnce()
      .when(claimRepayment(claim("K-1", nok(50_000), { claimedAt: at("2009-05-01T10:00:00+02:00") })))
      .thenFails("OutOfOrder", { field: "claimedAt", notBefore: at("2009-05-10T10:00:00+02:00") });
  });

  it("claims money back after the grant is closed", () => {
    const late = claim("K-1", nok(50_000), { claimedAt: at("2011-02-01T10:00:00+01:00") });
    givenGrant([...paidInFull, grantClosed(closing(), ore(0))])
      .withRound(crisisRoundWithBergen)
      .when(claimRepayment(late))
      .then([repaymentClaimed(late)]);
  });

  it("claims nothing on a grant that was never awarded", () => {
    givenGrant(bergenEvaluated)
      .withRound(crisisRoundOpen)
      .when(claimRepayment(claim("K-1", nok(50_000))))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "evaluated" });
  });
});

describe("recording repayments against a claim", () => {
  const claimed = [...paidOnce, repaymentClaimed(claim("K-1", nok(100_000)))];
  const onClaimed = () => givenGrant(claimed).withRound(crisisRoundWithBergen);

  it("records a repayment of part of the claim", () => {
    onClaimed().when(recordRepayment(repayment("K-1", nok(40_000)))).then([repaymentReceived(repayment("K-1", nok(40_000)))]);
  });

  it("records the rest of the claim in a second part", () => {
    const rest = repayment("K-1", nok(60_000), { receivedAt: at("2009-12-01T10:00:00+01:00") });
    givenGrant([...claimed, repaymentReceived(repayment("K-1", nok(40_000)))])
      .withRound(crisisRoundWithBergen)
      .when(recordRepayment(rest))
      .then([repaymentReceived(rest)]);
  });

  it("refuses a repayment one øre above what is still owed on the claim", () => {
    givenGrant([...claimed, repaymentReceived(repayment("K-1", nok(40_000)))])
      .withRound(crisisRoundWithBergen)
      .when(recordRepayment(repayment("K-1", ore(nok(60_000) + 1))))
      .thenFails("RepaymentExceedsClaim", { grantId: BERGEN_2009, claimId: "K-1", amount: ore(nok(60_000) + 1), outstanding: nok(60_000) });
  });

  it("refuses a repayment against a claim never made", () => {
    onClaimed()
      .when(recordRepayment(repayment("K-9", nok(40_000))))
      .thenFails("ClaimNotFound", { grantId: BERGEN_2009, claimId: "K-9" });
  });

  it("refuses a repayment of nothing", () => {
    onClaimed()
      .when(recordRepayment(repayment("K-1", ore(0))))
      .thenFails("AmountNotPositive", { grantId: BERGEN_2009, field: "amount" });
  });

  it("is not received before its claim", () => {
    onClaimed()
      .when(recordRepayment(repayment("K-1", nok(40_000), { receivedAt: at("2009-09-30T10:00:00+02:00") })))
      .thenFails("OutOfOrder", { field: "receivedAt", notBefore: at("2009-10-01T10:00:00+02:00") });
  });

  it("records a repayment after the grant is closed", () => {
    const history = [...paidOnce, grantClosed(closing(), nok(150_000)), repaymentClaimed(claim("K-1", nok(100_000), { claimedAt: at("2011-01-10T10:00:00+01:00") }))];
    const repaid = repayment("K-1", nok(100_000), { receivedAt: at("2011-02-01T10:00:00+01:00") });
    givenGrant(history).withRound(crisisRoundWithBergen).when(recordRepayment(repaid)).then([repaymentReceived(repaid)]);
  });

  it("records nothing on a grant that was never awarded", () => {
    givenGrant(bergenEvaluated)
      .withRound(crisisRoundOpen)
      .when(recordRepayment(repayment("K-1", nok(40_000))))
      .thenFails("GrantNotAwarded", { grantId: BERGEN_2009, status: "evaluated" });
  });

  it("frees the award again: what was repaid can be paid out again", () => {
    // 250 000 paid, 100 000 repaid: 150 000 paid net, so 250 000 of the 400 000 can still be paid.
    const history = [...claimed, repaymentReceived(repayment("K-1", nok(100_000)))];
    const next = disbursement(BERGEN_2009, ore(nok(250_000) + 1), "DIFI-2010-0007", "2010-06-02T10:00:00+02:00");
    givenGrant(history).withRound(crisisRoundWithBergen).when(disburse(next)).thenFails("DisbursementExceedsAward", { disbursed: nok(150_000), remaining: nok(250_000) });
  });
});
