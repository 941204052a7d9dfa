import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { v4 as uuidv4 } from "uuid";
import type { CommandContextInput, GrantLedger, LedgerCommandInput } from "@grantledger/core";

type DataOf<T extends LedgerCommandInput["type"]> = Extract<LedgerCommandInput, { type: T }>["data"];

export const context = (commandId: string = uuidv4()): CommandContextInput => ({ commandId, actor: "case-officer@difi" });

/** The 2009 crisis-package round: 20 MNOK, 20 % share cap, municipalities and counties apply. */
export const crisisRound = (roundId = "krise-2009-1", budget = 2_000_000_000): DataOf<"OpenRound"> => ({
  roundId,
  name: "Krisepakke 2009, runde 1",
  funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
  budget,
  policy: {
    maxShareBps: 2000,
    eligibleApplicants: ["municipality", "county"],
    requiresBenefitsPlan: false,
    reportBeforeNextTranche: false,
  },
  applicationDeadline: "2009-04-15T23:59:59+02:00",
  disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
});

export const application = (grantId: string, roundId = "krise-2009-1", requested = 100_000_00): DataOf<"ApplyForGrant"> => ({
  grantId,
  roundId,
  applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
  participants: [
    { kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 6000 },
    { kind: "municipality", municipalityNo: "1247", name: "Askøy", shareBps: 4000 },
  ],
  project: { title: `Prosjekt ${grantId}` },
  totalCost: requested * 5,
  requested,
  appliedAt: "2009-04-01T10:00:00+02:00",
});

export const evaluation = (grantId: string): DataOf<"EvaluateApplication"> => ({
  grantId,
  score: 80,
  recommendation: "award",
  evaluator: "Difi fagpanel",
  evaluatedAt: "2009-05-01T10:00:00+02:00",
});

export const award = (grantId: string, amount: number): DataOf<"AwardGrant"> => ({
  grantId,
  amount,
  disbursementPlan: [{ due: "2009-07-01", amount }],
  conditions: ["Rapport innen 2010-12-31"],
  awardedAt: "2009-06-01T10:00:00+02:00",
});

/** Runs a command and fails the test on a refusal, naming the error. */
export const must = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`);
  return result.right;
};

/** Applies for and evaluates a grant, ready to be awarded. */
export const evaluatedGrant = async (ledger: GrantLedger, grantId: string, roundId?: string, requested?: number): Promise<void> => {
  await must(ledger.applyForGrant(application(grantId, roundId, requested), context()));
  await must(ledger.evaluateApplication(evaluation(grantId), context()));
};
