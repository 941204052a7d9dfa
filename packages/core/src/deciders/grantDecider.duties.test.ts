import { describe, it } from "vitest";
import { givenGrant, recordedBy } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  CRISIS_2009,
  at,
  award,
  awarded,
  bergenApplied,
  bergenAward,
  bergenAwarded,
  crisisRound,
  crisisRoundOpen,
  disburse,
  disbursed,
  disbursement,
  evaluate,
  evaluated,
  evaluation,
  fundsCommitted,
  rejected,
  roundOpened,
  text,
} from "./fixtures.testkit.js";
import { appeal, appealDecided, appealUpheld, appealed, conflict, conflictDeclared, declareConflict } from "./lifecycleFixtures.testkit.js";
import { nok } from "../values/money.js";

/*
 * The four-eyes principle, as the round's policy sets it (separationOfDuties): who evaluated an
 * application does not award it, who awarded does not pay it. Who did what is the actor of each
 * event's metadata (`recordedBy` here), and the command's actor (`by`). A declared conflict of
 * interest keeps that evaluator off the application under any policy.
 */
const KARI = "kari.nordmann@difi.no";
const OLA = "ola.hansen@difi.no";
const PER = "per.olsen@difi.no";

const separated = roundOpened({ ...crisisRound, policy: { ...crisisRound.policy, separationOfDuties: true } });
const separatedRound = [separated];
const separatedWithBergen = [separated, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))];
const evaluatedByKari = [...bergenApplied, recordedBy(KARI, evaluated(evaluation(BERGEN_2009)))];
const awardedByOla = [...evaluatedByKari, recordedBy(OLA, awarded(bergenAward, CRISIS_2009))];
const firstTranche = disbursement(BERGEN_2009, nok(250_000), "DIFI-2009-0001", "2009-06-02T10:00:00+02:00");

describe("who evaluated does not award", () => {
  it("refuses the evaluator's own award, naming both actors", () => {
    givenGrant(evaluatedByKari)
      .withRound(separatedRound)
      .by(KARI)
      .when(award(bergenAward))
      .thenFails("EvaluatorCannotAward", { grantId: BERGEN_2009, evaluatedBy: KARI, awardedBy: KARI });
  });

  it("awards when another actor gives the award", () => {
    givenGrant(evaluatedByKari).withRound(separatedRound).by(OLA).when(award(bergenAward)).then([awarded(bergenAward, CRISIS_2009)]);
  });

  it("lets one actor evaluate and award where the policy does not separate the duties", () => {
    givenGrant(evaluatedByKari).withRound(crisisRoundOpen).by(KARI).when(award(bergenAward)).then([awarded(bergenAward, CRISIS_2009)]);
  });

  it("checks no duty for a decision given by no one (a spec, a record taken as given)", () => {
    givenGrant(evaluatedByKari).withRound(separatedRound).when(award(bergenAward)).then([awarded(bergenAward, CRISIS_2009)]);
  });

  it("looks at who made the evaluation that stands: after an upheld appeal, the new evaluator", () => {
    const reEvaluation = evaluation(BERGEN_2009, { evaluatedAt: at("2009-06-05T12:00:00+02:00") });
    const history = [
      ...evaluatedByKari,
      rejected(BERGEN_2009),
      appealed(appeal()),
      appealUpheld(appealDecided()),
      recordedBy(PER, evaluated(reEvaluation)),
    ];
    givenGrant(history).withRound(separatedRound).by(KARI).when(award(bergenAward)).then([awarded(bergenAward, CRISIS_2009)]);
    givenGrant(history).withRound(separatedRound).by(PER).when(award(bergenAward)).thenFails("EvaluatorCannotAward", { evaluatedBy: PER, awardedBy: PER });
  });
});

describe("who awarded does not pay", () => {
  it("refuses the awarder's own payment, naming both actors", () => {
    givenGrant(awardedByOla)
      .withRound(separatedWithBergen)
      .by(OLA)
      .when(disburse(firstTranche))
      .thenFails("AwarderCannotPay", { grantId: BERGEN_2009, awardedBy: OLA, paidBy: OLA });
  });

  it("pays when another actor records the payment, the evaluator included", () => {
    givenGrant(awardedByOla).withRound(separatedWithBergen).by(PER).when(disburse(firstTranche)).then([disbursed(firstTranche)]);
    givenGrant(awardedByOla).withRound(separatedWithBergen).by(KARI).when(disburse(firstTranche)).then([disbursed(firstTranche)]);
  });

  it("lets the awarder pay where the policy does not separate the duties", () => {
    givenGrant(awardedByOla)
      .withRound([...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, nok(400_000))])
      .by(OLA)
      .when(disburse(firstTranche))
      .then([disbursed(firstTranche)]);
  });
});

describe("a declared conflict of interest (inhabilitet)", () => {
  it("is declared by an evaluator on an application", () => {
    givenGrant(bergenApplied).withRound(crisisRoundOpen).when(declareConflict(conflict(KARI))).then([conflictDeclared(conflict(KARI))]);
  });

  it("is declared once per evaluator", () => {
    givenGrant([...bergenApplied, conflictDeclared(conflict(KARI))])
      .withRound(crisisRoundOpen)
      .when(declareConflict(conflict(KARI)))
      .thenFails("ConflictAlreadyDeclared", { grantId: BERGEN_2009, evaluator: KARI });
  });

  it("is declared by another evaluator too", () => {
    givenGrant([...bergenApplied, conflictDeclared(conflict(KARI))])
      .withRound(crisisRoundOpen)
      .when(declareConflict(conflict(OLA)))
      .then([conflictDeclared(conflict(OLA))]);
  });

  it("is declared only before a decision", () => {
    givenGrant(bergenAwarded)
      .withRound(crisisRoundOpen)
      .when(declareConflict(conflict(KARI)))
      .thenFails("GrantAlreadyDecided", { grantId: BERGEN_2009, status: "awarded" });
  });

  it("keeps that evaluator from evaluating, under any policy, naming the tie", () => {
    givenGrant([...bergenApplied, conflictDeclared(conflict(KARI))])
      .withRound(crisisRoundOpen)
      .by(KARI)
      .when(evaluate(evaluation(BERGEN_2009)))
      .thenFails("EvaluatorHasConflictOfInterest", { grantId: BERGEN_2009, evaluator: KARI });
  });

  it("keeps them off even when the evaluation names them and another actor records it", () => {
    givenGrant([...bergenApplied, conflictDeclared(conflict(KARI))])
      .withRound(crisisRoundOpen)
      .by(PER)
      .when(evaluate(evaluation(BERGEN_2009, { evaluator: text(KARI) })))
      .thenFails("EvaluatorHasConflictOfInterest", { evaluator: KARI });
  });

  it("lets another evaluator evaluate", () => {
    givenGrant([...bergenApplied, conflictDeclared(conflict(KARI))])
      .withRound(crisisRoundOpen)
      .by(OLA)
      .when(evaluate(evaluation(BERGEN_2009)))
      .then([evaluated(evaluation(BERGEN_2009))]);
  });
});
