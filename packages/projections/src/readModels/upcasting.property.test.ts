import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { createGrantLedger, decodeRecordedEvent, replayRules, verifyHistory, type DecodedEvent, type RecordedEvent } from "@grantledger/core";
import { HISTORICAL_FIXTURES, writtenAtVersionOne } from "@grantledger/core/testing";
import { createLedgerWorld, historyArbitrary } from "../testkit/ledgerHistory.testkit.js";
import { readEverything } from "../testkit/storeCopy.testkit.js";
import { READ_MODELS } from "../testkit/views.testkit.js";

/*
 * Upcasting then projecting equals projecting what a version-2 writer wrote. The version-2
 * writer is today's command handler; the version-1 writer is `writtenAtVersionOne` over the same
 * commands' history, a model that packages/cli/src/historyV1.test.ts holds to a history the
 * version-1 code really wrote. Every reader below reads the version-1 history through
 * decodeRecordedEvent, so through the upcasters.
 */

const decodedAll = (events: readonly RecordedEvent[]): DecodedEvent[] =>
  events.map((event) => {
    const decoded = decodeRecordedEvent(event);
    if (E.isLeft(decoded)) throw new Error(`${decoded.left.streamName}@${decoded.left.revision}: ${decoded.left.path}: ${decoded.left.reason}`);
    return decoded.right;
  });

/** What each read model's queries answer after folding `events`. */
const views = (events: readonly DecodedEvent[]): unknown[] =>
  READ_MODELS.map(({ projection, view }) => view(events.filter((event) => projection.handles.some((type) => type === event.event.type)).reduce(projection.apply, projection.initialState)));

describe("upcasting a version-1 history", () => {
  it("projects exactly what the version-2 writer's history projects, and replays and verifies (random histories)", async () => {
    let payments = 0;
    await fc.assert(
      fc.asyncProperty(historyArbitrary(), async (steps) => {
        const world = await createLedgerWorld();
        for (const [index, step] of steps.entries()) await world.run(step, index);
        const versionTwo = await readEverything(world.store);
        const versionOne = writtenAtVersionOne(versionTwo);
        payments += versionOne.filter((event) => event.type === "GrantDisbursed").length;
        const upcast = decodedAll(versionOne);
        // Each event reads as the version-2 writer's, field for field; only what was stored differs.
        expect(upcast.map(({ event }) => event)).toEqual(decodedAll(versionTwo).map(({ event }) => event));
        expect(views(upcast)).toEqual(views(decodedAll(versionTwo)));
        expect(E.isRight(await replayRules(versionOne))).toBe(true);
        expect(E.isRight(await verifyHistory(versionOne))).toBe(true);
      }),
      { numRuns: 25 },
    );
    // The histories paid grants: the upcaster was run, not just the identity.
    expect(payments).toBeGreaterThan(10);
  });

  it("takes the value date of a version-1 payment as the day of its disbursedAt in its own zone, as a version-2 writer given no value date does (random instants and zones)", async () => {
    const instant = fc.record({
      day: fc.date({ min: new Date("2009-01-01T00:00:00Z"), max: new Date("2011-12-31T00:00:00Z"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
      hour: fc.integer({ min: 0, max: 23 }),
      offsetMinutes: fc.integer({ min: -12 * 60, max: 14 * 60 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(instant, { minLength: 1, maxLength: 4 }), async (instants) => {
        const store = createMemoryEventStore();
        const ledger = createGrantLedger({ store, historical: HISTORICAL_FIXTURES });
        const must = async (task: () => Promise<E.Either<unknown, unknown>>) => {
          const result = await task();
          if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
        };
        const by = (commandId: string) => ({ commandId, actor: "case-officer" });
        const policy = { maxShareBps: 5000, eligibleApplicants: ["municipality" as const], requiresBenefitsPlan: false, reportBeforeNextTranche: false };
        const funder = { orgNo: "991825827", name: "Difi" };
        const window = { from: "2009-01-01", to: "2011-12-31" };
        await must(ledger.openRound({ roundId: "r", name: "Runde", funder, budget: 10_000_000, policy, applicationDeadline: "2009-06-30T23:59:59Z", disbursementWindow: window }, by("open")));
        const applicant = { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" as const };
        const participants = [{ kind: "municipality" as const, municipalityNo: "1201", name: "Bergen", shareBps: 10_000 }];
        await must(ledger.applyForGrant({ grantId: "g", roundId: "r", applicant, participants, project: { title: "P" }, totalCost: 2_000_000, requested: 1_000_000, appliedAt: "2009-03-01T10:00:00Z" }, by("apply")));
        await must(ledger.evaluateApplication({ grantId: "g", score: 80, recommendation: "award", evaluator: "Panel", evaluatedAt: "2009-04-01T10:00:00Z" }, by("evaluate")));
        await must(ledger.awardGrant({ grantId: "g", amount: 1_000_000, disbursementPlan: [{ due: "2010-01-01", amount: 1_000_000 }], conditions: [], awardedAt: "2009-05-01T10:00:00Z" }, by("award")));
        for (const [index, { day, hour, offsetMinutes }] of instants.entries()) {
          const sign = offsetMinutes < 0 ? "-" : "+";
          const zone = offsetMinutes === 0 ? "Z" : `${sign}${String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, "0")}:${String(Math.abs(offsetMinutes) % 60).padStart(2, "0")}`;
          const disbursedAt = `${day}T${String(hour).padStart(2, "0")}:00:00${zone}`;
          await must(ledger.disburseGrant({ grantId: "g", amount: 1_000, paymentRef: `p-${index}`, disbursedAt }, by(`pay-${index}`)));
        }
        const versionTwo = await readEverything(store);
        const upcast = decodedAll(writtenAtVersionOne(versionTwo));
        const valueDates = upcast.flatMap(({ event }) => (event.type === "GrantDisbursed" ? [event.data.valueDate] : []));
        expect(valueDates).toEqual(instants.map(({ day }) => day));
        expect(views(upcast)).toEqual(views(decodedAll(versionTwo)));
      }),
      { numRuns: 30 },
    );
  });
});
