import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { createGrantLedger, createStreamHandler, readAllPages, type EventStore, type RecordedEvent, type StreamHandlerOptions } from "@grantledger/core";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { inspections } from "./inspections.js";

/*
 * The inspection stream's tests: a memory store with a round and two grants, "awarded" (awarded)
 * and "pending" (applied for only), written by the real ledger in the historical mode (2009).
 */

/** Runs a task and fails the test on a Left, naming it. */
export const must = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`);
  return result.right;
};

let commands = 0;
/** A command context; give the same `commandId` to retry a command. */
export const context = (commandId = `command-${++commands}`, actor = "kontrollør@difi") => ({ commandId, actor });

/** An inspection of `grantId` that found deviations. */
export const visit = (inspectionId: string, grantId = "awarded") =>
  ({ inspectionId, grantId, inspector: "Kari Nordmann", visitedOn: "2009-10-12", finding: "deviations", notes: "Two of five modules not yet in use" }) as const;

/** A handler of inspections over `store`, for 2009's records. */
export const handlerOver = (store: EventStore, options: Partial<StreamHandlerOptions> = {}) => createStreamHandler(inspections, { store, historical: HISTORICAL_FIXTURES, ...options });

/** Writes the round and the two grants into `store` (a fresh memory store by default). */
export const grantsIn = async (store: EventStore = createMemoryEventStore()): Promise<EventStore> => {
  const ledger = createGrantLedger({ store, historical: HISTORICAL_FIXTURES });
  await must(ledger.openRound({
    roundId: "r", name: "Krisepakke 2009",
    funder: { orgNo: "991825827", name: "Difi" },
    budget: 2_000_000_000,
    policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
    applicationDeadline: "2009-04-15T23:59:59+02:00",
    disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
  }, context()));
  for (const grantId of ["awarded", "pending"]) {
    await must(ledger.applyForGrant({
      grantId, roundId: "r",
      applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
      participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 10000 }],
      project: { title: grantId }, totalCost: 1_000_000_000, requested: 200_000_000,
      appliedAt: "2009-04-01T10:00:00+02:00",
    }, context()));
  }
  await must(ledger.evaluateApplication({ grantId: "awarded", score: 90, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-20T10:00:00+02:00" }, context()));
  await must(ledger.awardGrant({ grantId: "awarded", amount: 200_000_000, disbursementPlan: [{ due: "2009-09-01", amount: 200_000_000 }], conditions: [], awardedAt: "2009-06-19T12:00:00+02:00" }, context()));
  return store;
};

/** Every event of `store`, in global order. */
export const historyOf = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of readAllPages(store)) events.push(event);
  return events;
};
