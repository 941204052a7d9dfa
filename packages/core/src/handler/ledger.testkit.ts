import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { createTestStore, type TestStore } from "../audit/ruleReplay.testkit.js";
import { commitmentFor, type RoundState } from "../deciders/roundState.js";
import { HISTORICAL_FIXTURES } from "../testing/historicalFixtures.js";
import { createGrantLedger, type CommandContextInput, type GrantLedger, type GrantLedgerOptions, type LedgerCommandInput } from "./grantLedger.js";

/*
 * The command handler's tests in core: real ledgers over the small store of rule replay's tests
 * (one log, exact expected revisions, and a switch that makes the next append to a stream fail,
 * as a crash between a command's two appends would), with the 2009 crisis round's figures.
 * Core's tests use no sibling package, so no adapter's store here; the store port is all a
 * ledger sees. The records are dated 2009, so the ledgers load them in the historical mode.
 */

type DataOf<T extends LedgerCommandInput["type"]> = Extract<LedgerCommandInput, { type: T }>["data"];

export { createTestStore, type TestStore };

/** A ledger over `store` for 2009's records; several over one store stand for several processes. */
export const ledgerOver = (store: TestStore, options: Partial<GrantLedgerOptions> = {}): GrantLedger =>
  createGrantLedger({ store, historical: HISTORICAL_FIXTURES, ...options });

let commands = 0;
/** A command context; give the same `commandId` to retry a command. */
export const context = (commandId = `command-${++commands}`, actor = "saksbehandler@difi"): CommandContextInput => ({ commandId, actor });

/** Runs a command and fails the test on a refusal, naming the error. */
export const must = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`);
  return result.right;
};

/** The tag a command was refused with, or `accepted`. */
export const outcomeTag = async (task: TaskEither<{ readonly _tag: string }, unknown>): Promise<string> => {
  const result = await task();
  return E.isLeft(result) ? result.left._tag : "accepted";
};

/** The 2009 crisis-package round: 20 MNOK unless told, 20 % share cap, municipalities and counties. */
export const crisisRound = (roundId = "r", budget = 2_000_000_000, overrides: Partial<DataOf<"OpenRound">> = {}): DataOf<"OpenRound"> => ({
  roundId,
  name: "Krisepakke 2009",
  funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
  budget,
  policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
  applicationDeadline: "2009-04-15T23:59:59+02:00",
  disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
  ...overrides,
});

/** Bergen's application for `requested`, a fifth of its project (so the share cap is exactly the request). */
export const application = (grantId: string, roundId = "r", requested = 10_000_000): DataOf<"ApplyForGrant"> => ({
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

/** An award of `amount` in one instalment. */
export const award = (grantId: string, amount: number): DataOf<"AwardGrant"> => ({
  grantId,
  amount,
  disbursementPlan: [{ due: "2009-07-01", amount }],
  conditions: ["Rapport innen 2010-12-31"],
  awardedAt: "2009-06-01T10:00:00+02:00",
});

/** An amendment to `amount` in one instalment. */
export const amendment = (grantId: string, amount: number, amendedAt = "2009-09-01T10:00:00+02:00"): DataOf<"AmendAward"> => ({
  grantId,
  amount,
  disbursementPlan: [{ due: "2010-07-01", amount }],
  reason: "Prosjektet er endret",
  amendedAt,
});

export const payment = (grantId: string, amount: number, paymentRef: string, disbursedAt = "2009-07-02T09:00:00+02:00"): DataOf<"DisburseGrant"> => ({
  grantId,
  amount,
  paymentRef,
  disbursedAt,
});

/** Applies for and evaluates a grant, ready to be awarded. */
export const evaluatedGrant = async (ledger: GrantLedger, grantId: string, roundId = "r", requested = 10_000_000): Promise<void> => {
  await must(ledger.applyForGrant(application(grantId, roundId, requested), context()));
  await must(ledger.evaluateApplication(evaluation(grantId), context()));
};

/** Applies for, evaluates and awards a grant its whole request. */
export const awardedGrant = async (ledger: GrantLedger, grantId: string, roundId = "r", amount = 10_000_000): Promise<void> => {
  await evaluatedGrant(ledger, grantId, roundId, amount);
  await must(ledger.awardGrant(award(grantId, amount), context()));
};

/** What the round holds for a grant, 0 for nothing. */
export const heldFor = (round: RoundState, grantId: string): number => (round.status === "none" ? 0 : (commitmentFor(round, grantId) ?? 0));

/** The types of the events `store` holds in `streamName`, oldest first. */
export const typesIn = (store: TestStore, streamName: string): string[] => store.log.filter((e) => e.streamName === streamName).map((e) => e.type);
