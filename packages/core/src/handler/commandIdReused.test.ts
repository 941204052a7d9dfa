import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { application, award, context, createTestStore, crisisRound, evaluation, ledgerOver, must } from "./ledger.testkit.js";

/*
 * A command id stands for one command: its events record the command's type and a digest of its
 * data. Given again with the same command it is answered from those events; given with another
 * command it is refused, and the other command is not silently lost behind the first one's events.
 */
describe("a command id given again", () => {
  const setUp = async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound(), context()));
    await must(ledger.applyForGrant(application("g1"), context()));
    await must(ledger.evaluateApplication(evaluation("g1"), context("K")));
    return { store, ledger };
  };

  it("with the same command is answered from its events, appending nothing", async () => {
    const { store, ledger } = await setUp();
    const before = store.log.length;
    const again = await must(ledger.evaluateApplication(evaluation("g1"), context("K")));
    expect(again.alreadyHandled).toBe(true);
    expect(again.events.map((e) => e.event.type)).toEqual(["ApplicationEvaluated"]);
    expect(store.log).toHaveLength(before);
  });

  it("with another command (an award under an evaluation's key) is refused as CommandIdReused, and nothing is written", async () => {
    const { store, ledger } = await setUp();
    const before = store.log.length;
    const refused = await ledger.awardGrant(award("g1", 10_000_000), context("K"))();
    expect(refused).toEqual(E.left({ _tag: "CommandIdReused", commandId: "K", streamName: "grant-g1", recordedCommand: "EvaluateApplication", command: "AwardGrant" }));
    expect(store.log).toHaveLength(before);
    // Under a key of its own the award goes through.
    expect((await must(ledger.awardGrant(award("g1", 10_000_000), context("K2")))).events.map((e) => e.event.type)).toEqual(["FundsCommitted", "GrantAwarded"]);
  });

  it("with the same type and other data is refused too", async () => {
    const { ledger } = await setUp();
    const refused = await ledger.evaluateApplication({ ...evaluation("g1"), score: 12 }, context("K"))();
    expect(refused).toMatchObject(E.left({ _tag: "CommandIdReused", recordedCommand: "EvaluateApplication", command: "EvaluateApplication" }));
  });

  it("records the command in every event's metadata", async () => {
    const { store } = await setUp();
    const evaluated = store.log.find((e) => e.type === "ApplicationEvaluated");
    expect(evaluated?.metadata).toMatchObject({ commandType: "EvaluateApplication", commandDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
