import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { createGrantLedger, readAllPages, sealHistory, type EventStore, type RecordedEvent } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { formatHistoryLine } from "../history/historyLine.js";

export const must = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
  return result.right;
};


const application = (grantId: string, requested: number, title: string) => ({
  grantId,
  roundId: "krise-2009-1",
  applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" as const },
  participants: [
    { kind: "municipality" as const, municipalityNo: "1201", name: "Bergen", shareBps: 6000 },
    { kind: "municipality" as const, municipalityNo: "1247", name: "Askøy", shareBps: 3000 },
    { kind: "county" as const, countyNo: "12", name: "Hordaland", shareBps: 1000 },
  ],
  project: { title, summary: `${title}: felles løsning for kommunene i regionen` },
  totalCost: requested * 5,
  requested,
  appliedAt: "2009-04-01T10:00:00+02:00",
});

const evaluation = (grantId: string) => ({
  grantId,
  score: 80,
  recommendation: "award" as const,
  evaluator: "Difi fagpanel",
  evaluatedAt: "2009-05-01T10:00:00+02:00",
});

/**
 * The history the CLI tests read: the 2009 crisis round, three grants (a and b awarded, a paid
 * in two tranches with a benefits report, c rejected), then a seal. Built through the real
 * command handler on a memory store whose clock steps one minute per append from
 * 2009-06-01T00:00Z, so every run gives the same events, ids, hashes and times. A `commandPrefix`
 * gives the same story with other command ids, and so other event ids: another history.
 */
export const buildAuditStore = async (commandPrefix = ""): Promise<EventStore> => {
  let tick = 0;
  const store = createMemoryEventStore({ now: () => new Date(Date.UTC(2009, 5, 1) + tick++ * 60_000) });
  await writeAuditHistory(store, commandPrefix);
  return store;
};

/** Writes the story of {@link buildAuditStore} through the command handler into any store, at the store's own times. */
export const writeAuditHistory = async (store: EventStore, commandPrefix = ""): Promise<void> => {
  const by = (commandId: string, actor = "saksbehandler@difi") => ({ commandId: `${commandPrefix}${commandId}`, actor });
  const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
  await must(
    ledger.openRound(
      {
        roundId: "krise-2009-1",
        name: "Krisepakke 2009, runde 1",
        funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
        budget: 2_000_000_000,
        policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
        applicationDeadline: "2009-04-15T23:59:59+02:00",
        disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
      },
      by("open-round"),
    ),
  );
  for (const [grantId, requested, title] of [["a", 100_000_00, "Elektronisk byggesøknad"], ["b", 80_000_00, "Min side"], ["c", 60_000_00, "Sak og arkiv"]] as const) {
    await must(ledger.applyForGrant(application(grantId, requested, title), by(`apply-${grantId}`)));
    await must(ledger.evaluateApplication(evaluation(grantId), by(`evaluate-${grantId}`, "fagpanel@difi")));
  }
  const award = (grantId: string, amount: number) => ({
    grantId,
    amount,
    disbursementPlan: [{ due: "2009-07-01", amount: amount / 2 }, { due: "2010-07-01", amount: amount / 2 }],
    conditions: ["Sluttrapport innen 2010-12-31"],
    awardedAt: "2009-06-15T12:00:00+02:00",
  });
  await must(ledger.awardGrant(award("a", 50_000_00), by("award-a", "direktør@difi")));
  await must(ledger.awardGrant(award("b", 70_000_00), by("award-b", "direktør@difi")));
  await must(ledger.rejectApplication({ grantId: "c", reason: "Prosjektet er ikke samordnet med andre kommuner", rejectedAt: "2009-06-15T12:00:00+02:00" }, by("reject-c")));
  await must(ledger.disburseGrant({ grantId: "a", amount: 25_000_00, paymentRef: "P-2009-1", disbursedAt: "2009-07-02T09:00:00+02:00" }, by("pay-a-1")));
  await must(ledger.disburseGrant({ grantId: "a", amount: 25_000_00, paymentRef: "P-2010-1", disbursedAt: "2010-07-02T09:00:00+02:00" }, by("pay-a-2")));
  await must(
    ledger.reportBenefits(
      {
        grantId: "a",
        period: { from: "2010-01-01", to: "2010-12-31" },
        benefits: [{ category: "time-saving", description: "Raskere saksbehandling", unit: "hours", actual: 1200, owner: "Bergen kommune" }],
        reportedAt: "2011-01-15T10:00:00+01:00",
      },
      by("report-a"),
    ),
  );
  await must(() => sealHistory(store, { commandId: `${commandPrefix}seal-2011`, actor: "revisor@riksrevisjonen" }, "2011-02-01T12:00:00+01:00"));
};

/** Every event of a store in global order. */
export const allEvents = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of readAllPages(store)) events.push(event);
  return events;
};

/** Events as an exported history file's text, written by the export code itself. */
export const historyText = (events: readonly RecordedEvent[]): string => events.map((event) => `${formatHistoryLine(event)}\n`).join("");
