import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { createGrantLedger, type GrantLedger } from "../handler/grantLedger.js";
import type { EventStore } from "../store/eventStore.js";
import { matchesExpectedRevision } from "../store/expectedRevision.js";
import type { RecordedEvent } from "../store/recordedEvent.js";
import { HISTORICAL_FIXTURES } from "../testing/historicalFixtures.js";
import { sealHistory } from "./sealHistory.js";

/*
 * Core's tests cannot use @grantledger/adapters (core imports no sibling), so rule replay's
 * histories are written by the real command handler into this small store: one global log,
 * exact expected revisions, a clock that steps a minute per event, and a switch that makes the
 * next append to a stream fail, as a crash between an award's two appends would.
 */

/** A store over one array, with {@link failNextAppendTo}; enough of the port for the ledger and sealing. */
export interface TestStore extends EventStore {
  /** Every event in global order. */
  readonly log: readonly RecordedEvent[];
  /** The next append to `streamName` fails with `StoreUnavailable`, appending nothing. */
  failNextAppendTo(streamName: string): void;
}

/** An empty {@link TestStore}. */
export const createTestStore = (): TestStore => {
  const log: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  const failing = new Set<string>();
  const ok = <A>(value: A): TaskEither<never, A> => () => Promise.resolve(E.right(value));
  return {
    log,
    failNextAppendTo: (streamName) => void failing.add(streamName),
    appendToStream: (streamName, events, options = {}) => () => {
      const stream = streams.get(streamName) ?? [];
      const actual = stream.length === 0 ? "no_stream" : BigInt(stream.length - 1);
      const expected = options.expectedRevision ?? "any";
      if (!matchesExpectedRevision(expected, actual)) return Promise.resolve(E.left({ _tag: "WrongExpectedVersion", streamName, expected, actual }));
      if (failing.delete(streamName)) return Promise.resolve(E.left({ _tag: "StoreUnavailable", operation: "append", reason: "crashed (test)" }));
      for (const event of events) {
        const recorded: RecordedEvent = {
          ...event,
          streamName,
          revision: BigInt(stream.length),
          position: BigInt(log.length),
          recordedAt: new Date(Date.UTC(2009, 5, 1) + log.length * 60_000).toISOString(),
        };
        stream.push(recorded);
        log.push(recorded);
      }
      streams.set(streamName, stream);
      return Promise.resolve(E.right({ nextExpectedRevision: BigInt(stream.length - 1), position: BigInt(log.length - 1) }));
    },
    readStream: (streamName, options = {}) => () => {
      const stream = streams.get(streamName);
      if (stream === undefined) return Promise.resolve(E.left({ _tag: "StreamNotFound", streamName }));
      const backwards = options.direction === "backwards";
      const from = options.fromRevision;
      const picked = backwards ? [...stream].reverse().filter((e) => from === undefined || e.revision <= from) : stream.filter((e) => from === undefined || e.revision >= from);
      return Promise.resolve(E.right(picked.slice(0, options.maxCount)));
    },
    readAll: (options = {}) => ok(log.filter((e) => options.after === undefined || e.position > options.after).slice(0, options.maxCount)),
    subscribeToAll: () => {
      throw new Error("not used by rule replay's tests");
    },
    close: () => Promise.resolve(),
  };
};

const must = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
  return result.right;
};

const by = (commandId: string, actor = "saksbehandler@difi") => ({ commandId, actor });

/** The round's figures: 20 MNOK, at most 20 % of a project. */
export const ROUND = "krise-2009-1";
export const BUDGET = 2_000_000_000;

const application = (grantId: string, requested: number, title: string) => ({
  grantId,
  roundId: ROUND,
  applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" as const },
  participants: [
    { kind: "municipality" as const, municipalityNo: "1201", name: "Bergen", shareBps: 6000 },
    { kind: "municipality" as const, municipalityNo: "1247", name: "Askøy", shareBps: 3000 },
    { kind: "county" as const, countyNo: "12", name: "Hordaland", shareBps: 1000 },
  ],
  project: { title },
  totalCost: requested * 5,
  requested,
  appliedAt: "2009-04-01T10:00:00+02:00",
});

const evaluation = (grantId: string) => ({ grantId, score: 80, recommendation: "award" as const, evaluator: "Difi fagpanel", evaluatedAt: "2009-05-01T10:00:00+02:00" });

const award = (grantId: string, amount: number) => ({
  grantId,
  amount,
  disbursementPlan: [
    { due: "2009-07-01", amount: amount / 2 },
    { due: "2010-07-01", amount: amount / 2 },
  ],
  conditions: ["Sluttrapport innen 2010-12-31"],
  awardedAt: "2009-06-15T12:00:00+02:00",
});

const pay = (ledger: GrantLedger, grantId: string, amount: number, paymentRef: string, disbursedAt: string) =>
  must(ledger.disburseGrant({ grantId, amount, paymentRef, disbursedAt }, by(`pay-${paymentRef}`)));

/**
 * A realistic history of the 2009 crisis round, written by the command handler: grant `a`
 * (3 300 000 kr) paid in two tranches with a benefits report between; `b` awarded less than it
 * asked, paid once; `c` rejected; `d` awarded across a crash between its two appends (the retry
 * completes it); `e` crashed the same way and then rejected (its commitment released); `f`
 * applied only; a seal; the round closed; a last payment after closing; a second seal; and an
 * event of a stream that is neither a grant nor a round. 31 events; 6 grants, 1 round.
 */
export const buildRuleHistory = async (): Promise<TestStore> => {
  const store = createTestStore();
  // The 2009 round's records, dated in the past: loaded in the historical mode.
  const ledger = createGrantLedger({ store, historical: HISTORICAL_FIXTURES });
  await must(
    ledger.openRound(
      {
        roundId: ROUND,
        name: "Krisepakke 2009, runde 1",
        funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
        budget: BUDGET,
        policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
        applicationDeadline: "2009-04-15T23:59:59+02:00",
        disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
      },
      by("open-round"),
    ),
  );
  const grants = [
    ["a", 330_000_000, "Elektronisk byggesøknad"],
    ["b", 8_000_000, "Min side"],
    ["c", 6_000_000, "Sak og arkiv"],
    ["d", 5_000_000, "Felles kartløsning"],
    ["e", 4_000_000, "Digital postkasse"],
  ] as const;
  for (const [grantId, requested, title] of grants) {
    await must(ledger.applyForGrant(application(grantId, requested, title), by(`apply-${grantId}`)));
    await must(ledger.evaluateApplication(evaluation(grantId), by(`evaluate-${grantId}`, "fagpanel@difi")));
  }
  await must(ledger.applyForGrant(application("f", 2_000_000, "Velferdsteknologi"), by("apply-f")));
  await must(ledger.awardGrant(award("a", 330_000_000), by("award-a", "direktør@difi")));
  await must(ledger.awardGrant(award("b", 7_000_000), by("award-b", "direktør@difi")));
  await must(ledger.rejectApplication({ grantId: "c", reason: "Prosjektet er ikke samordnet", rejectedAt: "2009-06-15T12:00:00+02:00" }, by("reject-c")));

  // d: the award crashes after its commitment; the same command, retried, completes it.
  store.failNextAppendTo("grant-d");
  if (E.isRight(await ledger.awardGrant(award("d", 5_000_000), by("award-d", "direktør@difi"))())) throw new Error("the crash did not happen");
  await must(ledger.awardGrant(award("d", 5_000_000), by("award-d", "direktør@difi")));
  // e: the same crash, then a rejection, which releases the commitment left behind.
  store.failNextAppendTo("grant-e");
  if (E.isRight(await ledger.awardGrant(award("e", 4_000_000), by("award-e", "direktør@difi"))())) throw new Error("the crash did not happen");
  await must(ledger.rejectApplication({ grantId: "e", reason: "Søker trakk prosjektet", rejectedAt: "2009-06-20T12:00:00+02:00" }, by("reject-e")));

  await pay(ledger, "a", 165_000_000, "P-2009-1", "2009-07-02T09:00:00+02:00");
  await pay(ledger, "b", 7_000_000, "P-2009-2", "2009-07-03T09:00:00+02:00");
  await must(
    ledger.reportBenefits(
      {
        grantId: "a",
        period: { from: "2009-07-01", to: "2009-12-31" },
        benefits: [{ category: "time-saving", description: "Raskere saksbehandling", unit: "hours", actual: 1200, owner: "Bergen kommune" }],
        reportedAt: "2010-01-15T10:00:00+01:00",
      },
      by("report-a"),
    ),
  );
  await must(() => sealHistory(store, by("seal-2010", "revisor@riksrevisjonen"), "2010-02-01T12:00:00+01:00"));
  await must(ledger.closeRound({ roundId: ROUND, closedAt: "2010-06-30T16:00:00+02:00" }, by("close-round")));
  await pay(ledger, "a", 165_000_000, "P-2010-1", "2010-07-02T09:00:00+02:00");
  await pay(ledger, "d", 5_000_000, "P-2010-2", "2010-07-03T09:00:00+02:00");
  await must(() => sealHistory(store, by("seal-2011", "revisor@riksrevisjonen"), "2011-02-01T12:00:00+01:00"));
  await must(store.appendToStream("saksnotater-2010", [{ id: "0f6b8f5e-8d44-4c9e-9f4e-6f0f3c1b2a10", type: "GrantDisbursed", data: { grantId: "a", amount: 900_000_000_000 }, metadata: {} }]));
  return store;
};
