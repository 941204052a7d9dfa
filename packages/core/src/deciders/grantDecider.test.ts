import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  award,
  bergenApplied,
  bergenAward,
  bergenAwarded,
  bergenEvaluated,
  bergenRejected,
  benefitsReport,
  crisisRoundOpen,
  crisisRoundWithBergen,
  disburse,
  disbursement,
  evaluate,
  evaluated,
  evaluation,
  ore,
  reject,
  rejected,
  rejection,
  report,
  roundClosed,
  CRISIS_2009,
} from "./fixtures.testkit.js";
import { nok } from "../values/money.js";
import type { NonEmptyText } from "../values/text.js";

describe("a grant that was never applied for", () => {
  const commands = {
    EvaluateApplication: evaluate(evaluation(BERGEN_2009)),
    AwardGrant: award(bergenAward),
    RejectApplication: reject(rejection(BERGEN_2009)),
    DisburseGrant: disburse(disbursement(BERGEN_2009, nok(250_000), "BERGEN-1", "2009-06-01T10:00:00+02:00")),
    ReportBenefits: report(benefitsReport(BERGEN_2009, "2009-01-01", "2009-12-31")),
  };

  it.each(Object.entries(commands))("cannot be the subject of %s", (_type, command) => {
    givenGrant().withRound(crisisRoundOpen).when(command).thenFails("GrantNotFound", { grantId: BERGEN_2009 });
  });
});

describe("evaluating an application", () => {
  it("records the evaluation of an applied grant", () => {
    const data = evaluation(BERGEN_2009, { recommendedAmount: nok(350_000), notes: "Godt forankret i tre kommuner" });
    givenGrant(bergenApplied).withRound(crisisRoundOpen).when(evaluate(data)).then([evaluated(data)]);
  });

  it("evaluates an application once", () => {
    givenGrant(bergenEvaluated)
      .withRound(crisisRoundOpen)
      .when(evaluate(evaluation(BERGEN_2009, { score: 40 })))
      .thenFails("GrantAlreadyEvaluated", { grantId: BERGEN_2009 });
  });

  it("does not evaluate an awarded grant", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(evaluate(evaluation(BERGEN_2009)))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "awarded" });
  });

  it("does not evaluate a rejected grant", () => {
    givenGrant([...bergenApplied, rejected(BERGEN_2009)])
      .withRound(crisisRoundOpen)
      .when(evaluate(evaluation(BERGEN_2009)))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "rejected" });
  });

  it("may recommend exactly the amount requested", () => {
    const data = evaluation(BERGEN_2009, { recommendedAmount: nok(400_000) });
    givenGrant(bergenApplied).withRound(crisisRoundOpen).when(evaluate(data)).then([evaluated(data)]);
  });

  it("refuses to recommend one øre more than was requested", () => {
    givenGrant(bergenApplied)
      .withRound(crisisRoundOpen)
      .when(evaluate(evaluation(BERGEN_2009, { recommendedAmount: ore(nok(400_000) + 1) })))
      .thenFails("RecommendedAmountExceedsRequest", {
        grantId: BERGEN_2009,
        recommended: ore(nok(400_000) + 1),
        requested: nok(400_000),
      });
  });

  it("evaluates after the round closed: closing stops applications and awards, not casework", () => {
    const data = evaluation(BERGEN_2009);
    givenGrant(bergenApplied)
      .withRound([...crisisRoundOpen, roundClosed(CRISIS_2009)])
      .when(evaluate(data))
      .then([evaluated(data)]);
  });
});

describe("rejecting an application", () => {
  it("rejects an application not yet evaluated", () => {
    givenGrant(bergenApplied).withRound(crisisRoundOpen).when(reject(rejection(BERGEN_2009))).then([rejected(BERGEN_2009)]);
  });

  it("rejects an evaluated application, even against a recommendation to award", () => {
    givenGrant(bergenEvaluated).withRound(crisisRoundOpen).when(reject(rejection(BERGEN_2009))).then([rejected(BERGEN_2009)]);
  });

  it("does not reject an awarded grant", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundWithBergen)
      .when(reject(rejection(BERGEN_2009)))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "awarded" });
  });

  it("rejects a grant only once", () => {
    givenGrant(bergenRejected)
      .withRound(crisisRoundOpen)
      .when(reject(rejection(BERGEN_2009, "Ny begrunnelse")))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "rejected" });
  });

  it.each(["", "   ", "\n\t"])("refuses a rejection without a reason (%j)", (blank) => {
    // The codec refuses blank text; the decider holds the rule for callers that skip decoding.
    const data = { ...rejection(BERGEN_2009), reason: blank as NonEmptyText };
    givenGrant(bergenEvaluated)
      .withRound(crisisRoundOpen)
      .when(reject(data))
      .thenFails("RejectionWithoutReason", { grantId: BERGEN_2009 });
  });
});
