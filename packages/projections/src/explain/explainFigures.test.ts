import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import type { EventStore } from "@grantledger/core";
import { application, appendRaw, award, participant, roundOpening, stepClock } from "../testkit/fixtures.testkit.js";
import { describeExplainError } from "./explainError.js";
import { explainFigure, explainFigures } from "./explainFigures.js";
import type { FigureQuery } from "./explainTypes.js";

const { municipality, county } = participant;

// One round; a grant of three participants (3 333, 3 333 and 3 334 bps) awarded 100 001 øre and
// amended down to 90 000; a grant of Bergen alone, awarded 7 øre.
const historyStore = async (): Promise<EventStore> => {
  const store = createMemoryEventStore({ now: stepClock() });
  await appendRaw(store, "round-r1", "RoundOpened", roundOpening("r1", 10_000_000, { schemeId: "s1" }));
  const shared = [municipality("1201", "Bergen", 3333), municipality("1243", "Os", 3333), county("12", "Hordaland fylkeskommune", 3334)];
  await appendRaw(store, "grant-a", "GrantApplied", application("a", shared, 1_000_001));
  await appendRaw(store, "grant-b", "GrantApplied", application("b", [municipality("1201", "Bergen", 10_000)], 7));
  await appendRaw(store, "round-r1", "FundsCommitted", { roundId: "r1", grantId: "a", amount: 100_001, committedAt: "2009-09-01T10:00:00Z" });
  await appendRaw(store, "grant-a", "GrantAwarded", award("a", 100_001));
  await appendRaw(store, "grant-b", "GrantAwarded", award("b", 7));
  await appendRaw(store, "grant-a", "AwardAmended", { grantId: "a", roundId: "r1", previousAmount: 100_001, amount: 90_000, disbursementPlan: [{ due: "2010-01-01", amount: 90_000 }], reason: "Smaller scope", amendedAt: "2009-10-01T10:00:00Z" });
  return store;
};

const must = async <A>(task: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)));
  return result.right;
};

describe("explainFigure", () => {
  it("lists a municipality's awarded parts with the share, the exact share and the largest-remainder rounding", async () => {
    const store = await historyStore();
    const explained = await must(explainFigure(store, { subject: { kind: "municipality", municipalityNo: "1201" }, field: "awarded" }));
    const parts = explained.parts.map(({ streamName, revision, type, grantId, eventAmount, shareBps, exactShare, part, rounding }) => ({ streamName, revision, type, grantId, eventAmount, shareBps, exactShare, part, rounding }));
    expect(parts).toEqual([
      // 100 001 × 3 333 / 10 000 = 33 330,3333: the floor, the leftover øre went to the county (remainder 3 334).
      { streamName: "grant-a", revision: 1n, type: "GrantAwarded", grantId: "a", eventAmount: 100_001, shareBps: 3333, exactShare: "33330,3333", part: 33_330, rounding: 0 },
      { streamName: "grant-b", revision: 1n, type: "GrantAwarded", grantId: "b", eventAmount: 7, shareBps: 10_000, exactShare: "7", part: 7, rounding: 0 },
      // Re-split whole: 90 000 × 3 333 / 10 000 = 29 997 exactly, so the part is 29 997 - 33 330.
      { streamName: "grant-a", revision: 2n, type: "AwardAmended", grantId: "a", eventAmount: -10_001, shareBps: 3333, exactShare: "-3333,3333", part: -3333, rounding: 1 },
    ]);
    expect(explained.figure).toBe(29_997 + 7);
    expect(explained.parts[0]?.businessTime).toBe("2009-09-01T10:00:00Z");
  });

  it("gives the county the leftover øre and says so", async () => {
    const store = await historyStore();
    const explained = await must(explainFigure(store, { subject: { kind: "participant", key: "county:12" }, field: "awarded", roundId: "r1" }));
    expect(explained.parts.map((part) => [part.exactShare, part.part, part.rounding])).toEqual([
      ["33340,3334", 33_341, 1],
      ["-3334,3334", -3335, 0],
    ]);
    expect(explained.figure).toBe(30_006);
  });

  it("explains rounds, grants and payees from the events that moved them", async () => {
    const store = await historyStore();
    const queries: FigureQuery[] = [
      { subject: { kind: "round", roundId: "r1" }, field: "committed" },
      { subject: { kind: "round", roundId: "r1" }, field: "remaining" },
      { subject: { kind: "grant", grantId: "a" }, field: "awarded" },
      { subject: { kind: "payee", orgNo: "964338531" }, field: "awarded" },
    ];
    const [committed, remaining, grant, payee] = await must(explainFigures(store, queries));
    expect(committed?.parts.map((part) => [part.type, part.part, part.eventAmount, part.shareBps])).toEqual([["FundsCommitted", 100_001, 100_001, undefined]]);
    expect(remaining?.parts.map((part) => [part.type, part.part])).toEqual([["RoundOpened", 10_000_000], ["FundsCommitted", -100_001]]);
    expect(grant?.parts.map((part) => [part.type, part.part])).toEqual([["GrantAwarded", 100_001], ["AwardAmended", -10_001]]);
    expect(payee?.figure).toBe(90_007);
    expect(payee?.parts.map((part) => [part.grantId, part.part])).toEqual([["a", 100_001], ["b", 7], ["a", -10_001]]);
  });

  it("stops at a position, as projectAsOf does", async () => {
    const store = await historyStore();
    const explained = await must(explainFigure(store, { subject: { kind: "municipality", municipalityNo: "1201" }, field: "awarded" }, { position: 4n }));
    expect(explained.figure).toBe(33_330);
  });

  it("refuses an unknown field, an unknown subject or scope, and a scope where none applies, with typed errors", async () => {
    const store = await historyStore();
    const left = async (query: FigureQuery) => {
      const result = await explainFigure(store, query)();
      if (E.isRight(result)) throw new Error("expected an error");
      return result.left;
    };
    const field = await left({ subject: { kind: "round", roundId: "r1" }, field: "awarded" });
    expect(field).toMatchObject({ _tag: "UnknownFigureField", field: "awarded", subject: { kind: "round", roundId: "r1" } });
    expect(describeExplainError(field)).toBe('"awarded" is not a money figure of a round (round r1); one of: openedBudget, budget, adjustments, carriedOver, carriedIn, committed, released, remaining, disbursed, reversed, repaid');
    const subject = await left({ subject: { kind: "municipality", municipalityNo: "0301" }, field: "awarded" });
    expect(subject).toEqual({ _tag: "SubjectNotFound", subject: { kind: "municipality", municipalityNo: "0301" }, position: 6n });
    expect(describeExplainError(subject)).toBe("no municipality 0301 in the history as of position 6");
    expect(await left({ subject: { kind: "payee", orgNo: "999999999" }, field: "awarded" })).toMatchObject({ _tag: "SubjectNotFound" });
    expect(await left({ subject: { kind: "grant", grantId: "zz" }, field: "awarded" })).toMatchObject({ _tag: "SubjectNotFound" });
    expect(await left({ subject: { kind: "municipality", municipalityNo: "1201" }, field: "awarded", schemeId: "nope" })).toEqual({ _tag: "ScopeNotFound", scope: "scheme", id: "nope", position: 6n });
    expect(await left({ subject: { kind: "municipality", municipalityNo: "1201" }, field: "awarded", roundId: "r9" })).toMatchObject({ _tag: "ScopeNotFound", scope: "round", id: "r9" });
    expect(await left({ subject: { kind: "grant", grantId: "a" }, field: "awarded", roundId: "r1" })).toMatchObject({ _tag: "InvalidFigureQuery" });
    expect(await left({ subject: { kind: "municipality", municipalityNo: "1201" }, field: "awarded", roundId: "r1", schemeId: "s1" })).toMatchObject({ _tag: "InvalidFigureQuery" });
    expect(await left({ subject: { kind: "round", roundId: "r1" }, field: "budget" }).catch(() => "answered")).toBe("answered");
  });
});
