import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { describe, expect, it } from "vitest";
import { createGrantLedger, type EventStore, type GrantLedger } from "@grantledger/core";
import { createMemoryEventStore } from "../memory/memoryEventStore.js";
import { application, award, context, crisisRound, evaluatedGrant, must } from "./ledgerFixtures.testkit.js";

const AWARD = 1_000_000_00;

/** A store whose appends to grant streams fail once each, as if the process died between the two appends of an award. */
const crashingGrantAppends = (store: EventStore): EventStore & { crashes: number } => {
  const crashed = new Set<string>();
  const wrapped = {
    ...store,
    crashes: 0,
    appendToStream: (streamName: string, ...rest: Parameters<EventStore["appendToStream"]> extends [string, ...infer R] ? R : never) => {
      if (streamName.startsWith("grant-") && rest[0].some((e) => e.type === "GrantAwarded") && !crashed.has(streamName)) {
        crashed.add(streamName);
        wrapped.crashes += 1;
        return TE.left({ _tag: "StoreUnavailable" as const, operation: "append", reason: "connection lost" });
      }
      return store.appendToStream(streamName, ...rest);
    },
  };
  return wrapped;
};

describe("awards across the round and grant streams", () => {
  it("200 concurrent awards from four processes on a round with room for 37 give exactly 37", async () => {
    const store = createMemoryEventStore();
    // Four ledgers on one store stand for four processes: their in-process queues do not see
    // each other, so only the expected-revision check keeps the budget.
    const ledgers: GrantLedger[] = [0, 1, 2, 3].map(() => createGrantLedger({ historical: HISTORICAL_FIXTURES, store, retry: { maxAttempts: 50 } }));
    const setup = ledgers[0] as GrantLedger;
    await must(setup.openRound(crisisRound("r", 37 * AWARD + AWARD - 1), context()));
    const ids = Array.from({ length: 200 }, (_, i) => `g${i}`);
    for (const id of ids) await evaluatedGrant(setup, id, "r", AWARD);

    const results = await Promise.all(ids.map((id, i) => (ledgers[i % 4] as GrantLedger).awardGrant(award(id, AWARD), context())()));

    const won = results.filter(E.isRight);
    const lost = results.filter(E.isLeft).map((r) => r.left._tag);
    expect(won).toHaveLength(37);
    expect(new Set(lost)).toEqual(new Set(["AwardExceedsRemainingBudget"]));
    const round = await must(setup.readRound("r"));
    expect(round).toMatchObject({ committed: 37 * AWARD });
    const grants = await Promise.all(ids.map((id) => must(setup.readGrant(id))));
    expect(grants.filter((g) => g.status === "awarded")).toHaveLength(37);
  });

  it("a retry completes an award that crashed between its two appends, committing once", async () => {
    const store = crashingGrantAppends(createMemoryEventStore());
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound("r"), context()));
    await evaluatedGrant(ledger, "g1", "r", AWARD);

    const crashed = await ledger.awardGrant(award("g1", AWARD), context("award-g1"))();
    expect(crashed).toMatchObject(E.left({ _tag: "StoreUnavailable" }));
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ status: "evaluated" });

    const retried = await must(ledger.awardGrant(award("g1", AWARD), context("award-g1")));
    expect(retried.events.map((e) => e.event.type)).toEqual(["FundsCommitted", "GrantAwarded"]);
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });
    expect(await must(ledger.readGrant("g1"))).toMatchObject({ status: "awarded" });
    const again = await must(ledger.awardGrant(award("g1", AWARD), context("award-g1")));
    expect(again.alreadyHandled).toBe(true);
    expect(store.crashes).toBe(1);
  });

  it("a commitment left by a crashed award is released when the grant is rejected instead", async () => {
    const store = crashingGrantAppends(createMemoryEventStore());
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound("r"), context()));
    await evaluatedGrant(ledger, "g1", "r", AWARD);
    await ledger.awardGrant(award("g1", AWARD), context("award-g1"))();
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });

    const rejected = await must(
      ledger.rejectApplication({ grantId: "g1", reason: "Tildeling trukket", rejectedAt: "2009-06-02T10:00:00+02:00" }, context()),
    );
    expect(rejected.events.map((e) => e.event.type)).toEqual(["GrantRejected", "FundsReleased"]);
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: 0 });
    // The crashed award, retried now, finds the grant decided and commits nothing.
    const retried = await ledger.awardGrant(award("g1", AWARD), context("award-g1"))();
    expect(retried).toEqual(E.left({ _tag: "GrantAlreadyDecided", grantId: "g1", status: "rejected" }));
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: 0 });
  });

  it("racing award and rejection of one grant end consistent: awarded with its money, or rejected without", async () => {
    for (let run = 0; run < 20; run++) {
      const store = createMemoryEventStore();
      const [a, b] = [createGrantLedger({ historical: HISTORICAL_FIXTURES, store }), createGrantLedger({ historical: HISTORICAL_FIXTURES, store })] as const;
      await must(a.openRound(crisisRound("r"), context()));
      await evaluatedGrant(a, "g1", "r", AWARD);
      await Promise.all([
        a.awardGrant(award("g1", AWARD), context())(),
        b.rejectApplication({ grantId: "g1", reason: "Avslått", rejectedAt: "2009-06-02T10:00:00+02:00" }, context())(),
      ]);
      const grant = await must(a.readGrant("g1"));
      const round = await must(a.readRound("r"));
      expect(round).toMatchObject({ committed: grant.status === "awarded" ? AWARD : 0 });
    }
  });

  it("gives up with ConcurrencyRetriesExhausted when other writers always win", async () => {
    const inner = createMemoryEventStore();
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: inner });
    await must(ledger.openRound(crisisRound("r"), context()));
    const contested: EventStore = {
      ...inner,
      appendToStream: (streamName, events, options) =>
        streamName.startsWith("grant-")
          ? TE.left({ _tag: "WrongExpectedVersion", streamName, expected: options?.expectedRevision ?? "any", actual: 99n })
          : inner.appendToStream(streamName, events, options),
    };
    const loser = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: contested, retry: { maxAttempts: 3, baseDelayMs: 0 } });
    const result = await loser.applyForGrant(application("g1", "r"), context())();
    expect(result).toEqual(E.left({ _tag: "ConcurrencyRetriesExhausted", streamName: "grant-g1", attempts: 3 }));
  });

  it("a crashed award completed by another award keeps its commitment when the first is retried", async () => {
    const store = createMemoryEventStore();
    const crashing = createGrantLedger({ historical: HISTORICAL_FIXTURES, store: crashingGrantAppends(store) });
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound("r"), context()));
    await evaluatedGrant(ledger, "g1", "r", AWARD);
    // The first award commits the money, then dies before recording the award.
    expect(E.isLeft(await crashing.awardGrant(award("g1", AWARD), context("award-1"))())).toBe(true);
    // A second award command (same amount) finds the commitment and completes the award.
    await must(ledger.awardGrant(award("g1", AWARD), context("award-2")));
    // The first command, retried, is refused: the grant is decided, and its money stays committed.
    expect(await ledger.awardGrant(award("g1", AWARD), context("award-1"))()).toMatchObject(E.left({ _tag: "GrantAlreadyDecided" }));
    expect(await must(ledger.readRound("r"))).toMatchObject({ committed: AWARD });
  });
});
