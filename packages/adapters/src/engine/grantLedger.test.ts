import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { computeEventHash, createGrantLedger, deriveEventId, type RecordedEvent } from "@grantledger/core";
import { createMemoryEventStore } from "../memory/memoryEventStore.js";
import { application, award, context, crisisRound, evaluatedGrant, evaluation, must } from "./ledgerFixtures.testkit.js";

const readAll = async (store: ReturnType<typeof createMemoryEventStore>): Promise<readonly RecordedEvent[]> => {
  const all = await store.readAll()();
  if (E.isLeft(all)) throw new Error(all.left._tag);
  return all.right;
};

describe("the grant ledger on the memory store", () => {
  it("records a grant's whole lifecycle with metadata, derived ids and a hash chain", async () => {
    const store = createMemoryEventStore();
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound(), context()));
    await evaluatedGrant(ledger, "g1");
    const awarded = await must(ledger.awardGrant(award("g1", 100_000_00), { commandId: "award-g1", actor: "direktør", correlationId: "sak-2009/17" }));
    expect(awarded.events.map((e) => [e.streamName, e.event.type])).toEqual([
      ["round-krise-2009-1", "FundsCommitted"],
      ["grant-g1", "GrantAwarded"],
    ]);
    await must(ledger.disburseGrant({ grantId: "g1", amount: 100_000_00, paymentRef: "UTB-1", disbursedAt: "2009-07-02T09:00:00+02:00" }, context()));

    const events = await readAll(store);
    const grantEvents = events.filter((e) => e.streamName === "grant-g1");
    expect(grantEvents.map((e) => e.type)).toEqual(["GrantApplied", "ApplicationEvaluated", "GrantAwarded", "GrantDisbursed"]);
    const awardEvent = grantEvents[2];
    expect(awardEvent?.id).toBe(deriveEventId("award-g1", "grant-g1", "GrantAwarded", 0));
    expect(awardEvent?.metadata).toMatchObject({
      commandId: "award-g1",
      correlationId: "sak-2009/17",
      causationId: "award-g1",
      actor: "direktør",
      schemaVersion: 1,
    });
    let previous: string | null = null;
    for (const event of grantEvents) {
      expect(event.metadata["prevHash"]).toBe(previous);
      expect(event.metadata["hash"]).toBe(computeEventHash(event));
      previous = event.metadata["hash"] as string;
    }
    const grant = await must(ledger.readGrant("g1"));
    expect(grant).toMatchObject({ status: "awarded", disbursed: 100_000_00 });
  });

  it("answers a retried command from its recorded events and appends nothing twice", async () => {
    const store = createMemoryEventStore();
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound(), context()));
    const first = await must(ledger.applyForGrant(application("g1"), context("apply-g1")));
    const again = await must(ledger.applyForGrant(application("g1"), context("apply-g1")));
    expect(first.alreadyHandled).toBe(false);
    expect(again.alreadyHandled).toBe(true);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect((await readAll(store)).filter((e) => e.streamName === "grant-g1")).toHaveLength(1);
    // A new command with the same content is a new fact, and the rule refuses it.
    const other = await ledger.applyForGrant(application("g1"), context("apply-g1-again"))();
    expect(other).toEqual(E.left({ _tag: "GrantAlreadyApplied", grantId: "g1" }));
  });

  it("answers a retried award with both streams' events, as the first answer gave them", async () => {
    const store = createMemoryEventStore();
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound(), context()));
    await evaluatedGrant(ledger, "g1");
    const first = await must(ledger.awardGrant(award("g1", 100_000_00), context("award-g1")));
    const again = await must(ledger.awardGrant(award("g1", 100_000_00), context("award-g1")));
    expect(first.events.map((e) => [e.streamName, e.event.type])).toEqual([
      ["round-krise-2009-1", "FundsCommitted"],
      ["grant-g1", "GrantAwarded"],
    ]);
    expect(again).toEqual({ ...first, alreadyHandled: true });
  });

  it("refuses bad input with the command and the path, and stores nothing", async () => {
    const store = createMemoryEventStore();
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound(), context()));
    const bad = application("g1");
    const result = await ledger.applyForGrant({ ...bad, applicant: { ...bad.applicant, orgNo: "964338532" } }, context())();
    expect(result).toMatchObject(E.left({ _tag: "InvalidCommand", command: "ApplyForGrant", path: "data.applicant.orgNo" }));
    const fraction = await ledger.applyForGrant({ ...bad, requested: 100.5 }, context())();
    expect(fraction).toMatchObject(E.left({ _tag: "InvalidCommand", path: "data.requested" }));
    const extra = { ...bad, project: { ...bad.project, budgetLine: "1400.21" } };
    const unknown = await ledger.applyForGrant(extra as typeof bad, context())();
    expect(unknown).toEqual(E.left({ _tag: "InvalidCommand", command: "ApplyForGrant", path: "data.project.budgetLine", reason: "not a field of this command" }));
    const noActor = await ledger.applyForGrant(bad, { commandId: "c1", actor: " " })();
    expect(noActor).toMatchObject(E.left({ _tag: "InvalidCommand", command: "context", path: "actor" }));
    expect((await readAll(store)).map((e) => e.type)).toEqual(["RoundOpened"]);
  });

  it("turns a broken business rule into its typed error with the figures", async () => {
    const store = createMemoryEventStore();
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound("r", 150_000_00), context()));
    await evaluatedGrant(ledger, "g1", "r");
    await evaluatedGrant(ledger, "g2", "r");
    await must(ledger.awardGrant(award("g1", 100_000_00), context()));
    const refused = await ledger.awardGrant(award("g2", 60_000_00), context())();
    expect(refused).toEqual(
      E.left({ _tag: "AwardExceedsRemainingBudget", roundId: "r", grantId: "g2", award: 60_000_00, remaining: 50_000_00 }),
    );
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: 100_000_00 });
  });

  it("rejects with a reason and a rejected grant cannot be awarded", async () => {
    const store = createMemoryEventStore();
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound(), context()));
    await must(ledger.applyForGrant(application("g1"), context()));
    await must(ledger.evaluateApplication({ ...evaluation("g1"), recommendation: "reject", score: 20 }, context()));
    await must(ledger.rejectApplication({ grantId: "g1", reason: "Prosjektet er ikke et samarbeid", rejectedAt: "2009-06-01T10:00:00+02:00" }, context()));
    const result = await ledger.awardGrant(award("g1", 10_000_00), context())();
    expect(result).toEqual(E.left({ _tag: "GrantAlreadyDecided", grantId: "g1", status: "rejected" }));
    expect(await must(ledger.readRound("krise-2009-1"))).toMatchObject({ committed: 0 });
  });
});
