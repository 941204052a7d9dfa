import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  CRISIS_2009,
  at,
  award,
  awarded,
  bergenApplied,
  bergenAward,
  bergenAwarded,
  bergenEvaluated,
  bergenRejected,
  crisisRound,
  crisisRoundOpen,
  crisisRoundWithBergen,
  evaluate,
  evaluated,
  evaluation,
  reject,
  rejected,
  rejection,
  roundOpened,
} from "./fixtures.testkit.js";
import {
  appeal,
  appealDecided,
  appealDecision,
  appealDismissed,
  appealUpheld,
  appealed,
  dismiss,
  dismissAppeal,
  dismissal,
  dismissed,
  upholdAppeal,
  withdrawal,
  withdrawn,
} from "./lifecycleFixtures.testkit.js";

/*
 * Bergen's application was rejected on 5 May 2009 at 12:00 (CEST). A rejection or a dismissal
 * (avvisning) is an administrative decision: it can be appealed (klage) within the round's
 * appeal window, 21 days unless the policy sets another; the appeal is then upheld (the
 * application is evaluated and decided anew) or dismissed (the decision stands, finally).
 */
const REJECTED_AT = rejection(BERGEN_2009).rejectedAt;
const appealedRejection = [...bergenRejected, appealed(appeal())];
const onRejected = () => givenGrant(bergenRejected).withRound(crisisRoundOpen);
const roundWithWindow = (appealWindowDays: number) => [roundOpened({ ...crisisRound, policy: { ...crisisRound.policy, appealWindowDays } })];

describe("dismissing an application that cannot be considered (avvisning)", () => {
  it.each([
    ["applied", bergenApplied],
    ["evaluated", bergenEvaluated],
  ] as const)("dismisses an application that is %s, with its reason", (_status, history) => {
    const late = dismissal({ dismissedAt: at("2009-05-04T12:00:00+02:00") });
    givenGrant(history).withRound(crisisRoundOpen).when(dismiss(late)).then([dismissed(late)]);
  });

  it.each([
    ["awarded", bergenAwarded],
    ["rejected", bergenRejected],
  ] as const)("dismisses nothing already %s", (status, history) => {
    givenGrant(history).withRound(crisisRoundWithBergen).when(dismiss(dismissal())).thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status });
  });

  it("is not dismissed before it was made", () => {
    givenGrant(bergenApplied)
      .withRound(crisisRoundOpen)
      .when(dismiss(dismissal({ dismissedAt: at("2009-03-19T12:00:00+01:00") })))
      .thenFails("OutOfOrder", { grantId: BERGEN_2009, field: "dismissedAt", notBefore: at("2009-03-20T10:00:00+01:00") });
  });

  it("dismisses nothing never applied for", () => {
    givenGrant().withRound(crisisRoundOpen).when(dismiss(dismissal())).thenFails("GrantNotFound", { grantId: BERGEN_2009 });
  });

  it("is not evaluated once dismissed", () => {
    givenGrant([...bergenApplied, dismissed(dismissal())])
      .withRound(crisisRoundOpen)
      .when(evaluate(evaluation(BERGEN_2009)))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "dismissed" });
  });
});

describe("appealing a decision (klage)", () => {
  it("appeals Bergen's rejection ten days after it", () => {
    onRejected().when(appealDecision(appeal())).then([appealed(appeal())]);
  });

  it("appeals a dismissal, the window running from the dismissal", () => {
    const inTime = appeal({ appealedAt: at("2009-05-16T12:00:00+02:00") });
    givenGrant([...bergenApplied, dismissed(dismissal())]).withRound(crisisRoundOpen).when(appealDecision(inTime)).then([appealed(inTime)]);
  });

  it("accepts an appeal at the last instant of the default 21 days", () => {
    const last = appeal({ appealedAt: at("2009-05-26T12:00:00+02:00") });
    onRejected().when(appealDecision(last)).then([appealed(last)]);
  });

  it("refuses an appeal one second after the default 21 days, naming window and deadline", () => {
    const late = at("2009-05-26T12:00:01+02:00");
    onRejected()
      .when(appealDecision(appeal({ appealedAt: late })))
      .thenFails("AppealOutOfTime", { grantId: BERGEN_2009, appealedAt: late, decidedAt: REJECTED_AT, windowDays: 21, deadline: at("2009-05-26T10:00:00.000Z") });
  });

  it("refuses a dismissal's appeal after the window too", () => {
    givenGrant([...bergenApplied, dismissed(dismissal())])
      .withRound(crisisRoundOpen)
      .when(appealDecision(appeal({ appealedAt: at("2009-05-16T12:00:01+02:00") })))
      .thenFails("AppealOutOfTime", { decidedAt: dismissal().dismissedAt, windowDays: 21 });
  });

  it("takes the window from the round's policy (appealWindowDays)", () => {
    // 25 days: too late by the default, in time under a 30-day window.
    const day25 = appeal({ appealedAt: at("2009-05-30T12:00:00+02:00") });
    givenGrant(bergenRejected).withRound(roundWithWindow(30)).when(appealDecision(day25)).then([appealed(day25)]);
    onRejected().when(appealDecision(day25)).thenFails("AppealOutOfTime", { windowDays: 21 });
  });

  it("refuses an appeal past a policy's window, naming it", () => {
    givenGrant(bergenRejected)
      .withRound(roundWithWindow(7))
      .when(appealDecision(appeal({ appealedAt: at("2009-05-12T12:00:01+02:00") })))
      .thenFails("AppealOutOfTime", { windowDays: 7, deadline: at("2009-05-12T10:00:00.000Z") });
  });

  it("is not lodged before the decision it appeals", () => {
    onRejected()
      .when(appealDecision(appeal({ appealedAt: at("2009-05-05T11:59:59+02:00") })))
      .thenFails("OutOfOrder", { grantId: BERGEN_2009, field: "appealedAt", notBefore: REJECTED_AT });
  });

  it.each([
    ["applied", bergenApplied],
    ["evaluated", bergenEvaluated],
    ["awarded", bergenAwarded],
    ["appealed", appealedRejection],
    ["withdrawn", [...bergenApplied, withdrawn(withdrawal())]],
  ] as const)("appeals only a standing rejection or dismissal, not a grant %s", (status, history) => {
    givenGrant(history).withRound(crisisRoundWithBergen).when(appealDecision(appeal())).thenFails("NothingToAppeal", { grantId: BERGEN_2009, status });
  });

  it("does not appeal again once the appeal was dismissed: the decision is final", () => {
    givenGrant([...appealedRejection, appealDismissed(appealDecided())])
      .withRound(crisisRoundOpen)
      .when(appealDecision(appeal({ appealedAt: at("2009-06-02T12:00:00+02:00") })))
      .thenFails("AppealAlreadyDismissed", { grantId: BERGEN_2009 });
  });

  it("appeals nothing never applied for", () => {
    givenGrant().withRound(crisisRoundOpen).when(appealDecision(appeal())).thenFails("GrantNotFound", { grantId: BERGEN_2009 });
  });
});

describe("upholding an appeal: the application is decided anew", () => {
  const upheld = [...appealedRejection, appealUpheld(appealDecided())];
  const reEvaluation = evaluation(BERGEN_2009, { evaluatedAt: at("2009-06-05T12:00:00+02:00") });
  const reAward = { ...bergenAward, awardedAt: at("2009-06-10T12:00:00+02:00") };

  it("upholds a pending appeal", () => {
    givenGrant(appealedRejection).withRound(crisisRoundOpen).when(upholdAppeal(appealDecided())).then([appealUpheld(appealDecided())]);
  });

  it("sets the evaluation aside too: the application is evaluated again", () => {
    givenGrant(upheld).withRound(crisisRoundOpen).when(evaluate(reEvaluation)).then([evaluated(reEvaluation)]);
    givenGrant(upheld).withRound(crisisRoundOpen).when(award(reAward)).thenFails("GrantNotEvaluated", { grantId: BERGEN_2009 });
  });

  it("then awards it", () => {
    givenGrant([...upheld, evaluated(reEvaluation)]).withRound(crisisRoundOpen).when(award(reAward)).then([awarded(reAward, CRISIS_2009)]);
  });

  it("or rejects it again, a new decision that can be appealed in its own window", () => {
    const again = { ...rejection(BERGEN_2009, "Prosjektet er fortsatt utenfor ordningen"), rejectedAt: at("2009-06-20T12:00:00+02:00") };
    givenGrant([...upheld, evaluated(reEvaluation)]).withRound(crisisRoundOpen).when(reject(again)).then([{ type: "GrantRejected", data: again }]);
    const secondAppeal = appeal({ appealedAt: at("2009-07-10T12:00:00+02:00") });
    givenGrant([...upheld, evaluated(reEvaluation), { type: "GrantRejected", data: again }])
      .withRound(crisisRoundOpen)
      .when(appealDecision(secondAppeal))
      .then([appealed(secondAppeal)]);
  });

  it("is not decided before the appeal", () => {
    givenGrant(appealedRejection)
      .withRound(crisisRoundOpen)
      .when(upholdAppeal(appealDecided({ decidedAt: at("2009-05-15T11:59:59+02:00") })))
      .thenFails("OutOfOrder", { grantId: BERGEN_2009, field: "decidedAt", notBefore: appeal().appealedAt });
  });

  it.each([
    ["rejected", bergenRejected],
    ["applied", upheld],
    ["awarded", bergenAwarded],
  ] as const)("upholds nothing with no appeal pending: a grant %s", (status, history) => {
    givenGrant(history).withRound(crisisRoundWithBergen).when(upholdAppeal(appealDecided())).thenFails("NoAppealPending", { grantId: BERGEN_2009, status });
  });
});

describe("dismissing an appeal: the decision stands", () => {
  it("dismisses a pending appeal, with its reason", () => {
    givenGrant(appealedRejection).withRound(crisisRoundOpen).when(dismissAppeal(appealDecided())).then([appealDismissed(appealDecided())]);
  });

  it("leaves the grant rejected: it is not awarded after", () => {
    givenGrant([...appealedRejection, appealDismissed(appealDecided())])
      .withRound(crisisRoundOpen)
      .when(award(bergenAward))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "rejected" });
  });

  it("leaves a dismissed application dismissed", () => {
    givenGrant([...bergenApplied, dismissed(dismissal()), appealed(appeal()), appealDismissed(appealDecided())])
      .withRound(crisisRoundOpen)
      .when(evaluate(evaluation(BERGEN_2009)))
      .thenFails("GrantAlreadyDecided", { status: "dismissed" });
  });

  it("is not decided before the appeal", () => {
    givenGrant(appealedRejection)
      .withRound(crisisRoundOpen)
      .when(dismissAppeal(appealDecided({ decidedAt: at("2009-05-10T12:00:00+02:00") })))
      .thenFails("OutOfOrder", { field: "decidedAt", notBefore: appeal().appealedAt });
  });

  it("dismisses nothing with no appeal pending", () => {
    givenGrant([...bergenEvaluated, rejected(BERGEN_2009)])
      .withRound(crisisRoundOpen)
      .when(dismissAppeal(appealDecided()))
      .thenFails("NoAppealPending", { grantId: BERGEN_2009, status: "rejected" });
  });
});
