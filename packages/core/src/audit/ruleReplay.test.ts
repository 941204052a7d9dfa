import * as E from "fp-ts/lib/Either.js";
import * as fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { JsonObject, RecordedEvent } from "../store/recordedEvent.js";
import { createRuleReplay, describeRuleBreak, replayRules, type RuleBreak } from "./ruleReplay.js";
import { BUDGET, buildRuleHistory, ROUND } from "./ruleReplay.testkit.js";
import { EVENT_VERSIONING } from "../events/versions/builtInVersions.js";
import { currentVersion } from "../events/versions/eventVersioning.js";

let history: readonly RecordedEvent[];
beforeAll(async () => {
  history = (await buildRuleHistory()).log;
});

/** The index of the `nth` (from 0) event of `type` in `stream`. */
const indexOf = (streamName: string, type: string, nth = 0): number => {
  const matches = history.flatMap((e, index) => (e.streamName === streamName && e.type === type ? [index] : []));
  const index = matches[nth];
  if (index === undefined) throw new Error(`no ${type} #${nth} in ${streamName}`);
  return index;
};

/** The history with the event at `index` given other data (hashes are not rule replay's concern). */
const withData = (index: number, change: (data: JsonObject) => JsonObject): RecordedEvent[] =>
  history.map((e, i) => (i === index ? { ...e, data: change(e.data) } : e));

/** The history with `event` added at its end, in stream `streamName` after its last event. */
const appended = (streamName: string, type: string, data: JsonObject): RecordedEvent[] => {
  // Any real event's metadata decodes, at the version the handler writes the type at; its hash chain is verifyHistory's business.
  const { id, metadata: first, recordedAt } = history[0] as RecordedEvent;
  const metadata = { ...first, schemaVersion: currentVersion(EVENT_VERSIONING, type) };
  const position = (history[history.length - 1] as RecordedEvent).position + 1n;
  const revision = BigInt(history.filter((e) => e.streamName === streamName).length);
  return [...history, { id, metadata, recordedAt, streamName, revision, position, type, data }];
};

const breakOf = async (events: Iterable<RecordedEvent>): Promise<RuleBreak> => {
  const result = await replayRules(events);
  if (E.isRight(result)) throw new Error(`no rule broken: ${JSON.stringify(result.right)}`);
  return result.left;
};

const at = (index: number) => {
  const e = history[index] as RecordedEvent;
  return { _tag: "RuleBreak", streamName: e.streamName, revision: e.revision, position: e.position, eventType: e.type };
};

describe("replayRules", () => {
  it("replays an intact history, crash-completed and released awards included, with no break", async () => {
    const result = await replayRules(history);
    expect(result).toEqual(E.right({ events: history.length, grants: 6, rounds: 1, unsettled: [] }));
    expect(history.length).toBe(31);
    // Both pairings of a crash are in it: a commitment completed by the retried award, and one released.
    expect(history.filter((e) => e.type === "FundsCommitted")).toHaveLength(4);
    expect(history.filter((e) => e.type === "FundsReleased")).toHaveLength(1);
  });

  it("reads an async iterable as it reads an array", async () => {
    async function* stream() {
      yield* history;
    }
    expect(await replayRules(stream())).toEqual(await replayRules(history));
  });

  it("names a payment of 9 000 000 000 kr on a 3 300 000 kr award, with its figures", async () => {
    const index = indexOf("grant-a", "GrantDisbursed");
    const broken = await breakOf(withData(index, (data) => ({ ...data, amount: 900_000_000_000 })));
    expect(broken).toEqual({
      ...at(index),
      rule: "DisbursementExceedsAward",
      error: { _tag: "DisbursementExceedsAward", grantId: "a", amount: 900_000_000_000, disbursed: 0, awarded: 330_000_000, remaining: 330_000_000 },
    });
    expect(describeRuleBreak(broken)).toBe(
      `rule DisbursementExceedsAward broken by GrantDisbursed at grant-a@3 (position ${broken.position}): ` +
        "grantId=a, amount=9 000 000 000,00 kr, disbursed=0,00 kr, awarded=3 300 000,00 kr, remaining=3 300 000,00 kr",
    );
  });

  it("names the second tranche that takes the total paid past the award", async () => {
    const index = indexOf("grant-a", "GrantDisbursed", 1);
    const broken = await breakOf(withData(index, (data) => ({ ...data, amount: 165_000_001 })));
    expect(broken).toMatchObject({ ...at(index), rule: "DisbursementExceedsAward", error: { disbursed: 165_000_000, remaining: 165_000_000 } });
  });

  it("names the commitment that takes a 20 MNOK round to 30 MNOK committed", async () => {
    // a holds 3 300 000 kr; b's commitment and award raised so that the two commit 30 MNOK.
    const raised = BUDGET + 1_000_000_000 - 330_000_000;
    const commit = indexOf(`round-${ROUND}`, "FundsCommitted", 1);
    const awardIndex = indexOf("grant-b", "GrantAwarded");
    const tampered = withData(commit, (data) => ({ ...data, amount: raised })).map((e, i) =>
      i === awardIndex ? { ...e, data: { ...e.data, amount: raised, disbursementPlan: [{ due: "2009-07-01", amount: raised }] } } : e,
    );
    const broken = await breakOf(tampered);
    expect(broken).toEqual({
      ...at(commit),
      rule: "AwardExceedsRemainingBudget",
      error: { _tag: "AwardExceedsRemainingBudget", roundId: ROUND, grantId: "b", award: 2_670_000_000, remaining: 1_670_000_000 },
    });
    expect(describeRuleBreak(broken)).toContain("award=26 700 000,00 kr, remaining=16 700 000,00 kr");
  });

  it("checks an award against its commitment, counting that commitment once", async () => {
    // Raised only on the grant: the round committed less than was awarded.
    const index = indexOf("grant-b", "GrantAwarded");
    const broken = await breakOf(withData(index, (data) => ({ ...data, amount: 8_000_000, disbursementPlan: [{ due: "2009-07-01", amount: 8_000_000 }] })));
    expect(broken).toMatchObject({ ...at(index), rule: "CommitmentMismatch", error: { grantId: "b", committed: 7_000_000, award: 8_000_000 } });
  });

  it("accepts an award of the whole remaining budget (its own commitment is not counted twice)", async () => {
    const store = await buildRuleHistory();
    const whole = store.log.map((e) => {
      if (e.streamName === `round-${ROUND}` && e.type === "RoundOpened") return { ...e, data: { ...e.data, budget: 330_000_000 + 7_000_000 + 5_000_000 + 4_000_000 } };
      return e;
    });
    expect(await replayRules(whole)).toEqual(E.right({ events: 31, grants: 6, rounds: 1, unsettled: [] }));
  });

  it("names an award whose money was never committed", async () => {
    const commit = indexOf(`round-${ROUND}`, "FundsCommitted", 1);
    const index = indexOf("grant-b", "GrantAwarded");
    const broken = await breakOf(history.filter((_, i) => i !== commit));
    expect(broken).toMatchObject({ ...at(index), rule: "EventOutOfPlace", error: { roundId: ROUND, grantId: "b", amount: 7_000_000, held: 0 } });
    expect(broken.error["reason"]).toMatch(/its FundsCommitted was never written/);
  });

  it("names a repeated paymentRef", async () => {
    const index = indexOf("grant-a", "GrantDisbursed", 1);
    const broken = await breakOf(withData(index, (data) => ({ ...data, paymentRef: "P-2009-1" })));
    expect(broken).toEqual({ ...at(index), rule: "PaymentAlreadyRecorded", error: { _tag: "PaymentAlreadyRecorded", grantId: "a", paymentRef: "P-2009-1" } });
  });

  it("names an award of a grant never evaluated, or never applied for, by the decider's tag", async () => {
    const a = history[indexOf("grant-a", "GrantAwarded")] as RecordedEvent;
    const notEvaluated = await breakOf(appended("grant-f", "GrantAwarded", { ...a.data, grantId: "f" }));
    expect(notEvaluated).toMatchObject({ streamName: "grant-f", revision: 1n, rule: "GrantNotEvaluated", error: { _tag: "GrantNotEvaluated", grantId: "f" } });
    const neverApplied = await breakOf(appended("grant-x", "GrantAwarded", { ...a.data, grantId: "x" }));
    expect(neverApplied).toMatchObject({ streamName: "grant-x", revision: 0n, rule: "GrantNotFound", error: { grantId: "x" } });
  });

  it("names events no command could have written where they stand", async () => {
    const outOfPlace = async (events: Iterable<RecordedEvent>, reason: RegExp) => {
      const broken = await breakOf(events);
      expect(broken.rule).toBe("EventOutOfPlace");
      expect(broken.error["reason"]).toMatch(reason);
      return broken;
    };
    const commitment = { roundId: ROUND, grantId: "f", amount: 1_000_000 };
    await outOfPlace(appended(`round-${ROUND}`, "FundsCommitted", commitment), /grant f is not evaluated/);
    await outOfPlace(appended(`round-${ROUND}`, "FundsCommitted", { ...commitment, grantId: "nobody" }), /has not applied/);
    // A commitment for an awarded grant can stand (an amendment's increase, which its AwardAmended
    // must then find), but only in the round the grant applied to.
    await outOfPlace(appended("round-other", "FundsCommitted", { ...commitment, roundId: "other", grantId: "a" }), /applied to round krise-2009-1, not this one/);
    await outOfPlace(appended(`round-${ROUND}`, "FundsReleased", { roundId: ROUND, grantId: "a", amount: 330_000_000, reason: "x" }), /its award still backs/);
    await outOfPlace(appended("round-other", "RoundClosed", { roundId: ROUND, closedAt: "2010-07-01T00:00:00Z" }), /round krise-2009-1/);
    await outOfPlace(appended("grant-a", "RoundClosed", { roundId: ROUND, closedAt: "2010-07-01T00:00:00Z" }), /belongs in a round stream/);
    await outOfPlace(appended("grant-a", "GrantDisbursed", { ...(history[indexOf("grant-b", "GrantDisbursed")] as RecordedEvent).data }), /grant b/);
    const disbursed = indexOf("grant-b", "GrantDisbursed");
    const stray = await outOfPlace(withData(disbursed, (data) => ({ ...data, bonus: 1 })), /data.bonus is not a field/);
    expect(stray).toMatchObject(at(disbursed));
  });

  it("names a second commitment for an evaluated grant and a release that frees money an award still backs", async () => {
    const commitD = indexOf(`round-${ROUND}`, "FundsCommitted", 2);
    const d = history[commitD] as RecordedEvent;
    const twice = [...history.slice(0, commitD + 1), { ...d, revision: d.revision + 1n }, ...history.slice(commitD + 1)];
    expect(await breakOf(twice)).toMatchObject({ rule: "EventOutOfPlace", error: { grantId: "d", committed: 5_000_000 } });

    // e's release, moved onto b, whose award the 7 000 000 the round holds backs: b needs all of it.
    const release = indexOf(`round-${ROUND}`, "FundsReleased");
    const backed = await breakOf(withData(release, (data) => ({ ...data, grantId: "b", amount: 1 })));
    expect(backed).toMatchObject({ ...at(release), rule: "EventOutOfPlace", error: { grantId: "b", held: 7_000_000, needed: 7_000_000, released: 1 } });
    expect(backed.error["reason"]).toMatch(/its award still backs/);
    // A release of more than the round holds, or of what it does not hold at all, is the decider's refusal.
    const more = await breakOf(withData(release, (data) => ({ ...data, amount: 4_000_001 })));
    expect(more).toMatchObject({ ...at(release), rule: "NoCommitmentToRelease", error: { grantId: "e" } });
    const none = await breakOf(withData(release, (data) => ({ ...data, grantId: "c" })));
    expect(none).toMatchObject({ ...at(release), rule: "NoCommitmentToRelease", error: { grantId: "c" } });
  });

  it("replays time-dependent rules from the events' own times", async () => {
    const index = indexOf("grant-b", "GrantApplied");
    const broken = await breakOf(withData(index, (data) => ({ ...data, appliedAt: "2009-04-16T00:00:00+02:00" })));
    expect(broken).toMatchObject({ ...at(index), rule: "ApplicationAfterDeadline", error: { appliedAt: "2009-04-16T00:00:00+02:00", deadline: "2009-04-15T23:59:59+02:00" } });
    // A commitment made while the round was open lets its award complete after the close, as
    // the handler's retry does; a new commitment after the close is refused.
    const awardD = indexOf("grant-d", "GrantAwarded");
    const closed = indexOf(`round-${ROUND}`, "RoundClosed");
    const moved = history.filter((_, i) => i !== awardD);
    moved.splice(closed, 0, history[awardD] as RecordedEvent);
    expect(moved[closed - 1]?.type).toBe("RoundClosed");
    expect(await replayRules(moved)).toEqual(E.right({ events: 31, grants: 6, rounds: 1, unsettled: [] }));
    const late = await breakOf(appended(`round-${ROUND}`, "FundsCommitted", { roundId: ROUND, grantId: "c", amount: 1_000_000 }));
    expect(late).toMatchObject({ rule: "RoundIsClosed", error: { roundId: ROUND, closedAt: "2010-06-30T16:00:00+02:00" } });
  });

  it("skips the seal stream and other streams, counting their events", async () => {
    expect(history.filter((e) => e.streamName === "seal")).toHaveLength(2);
    const foreign = history.filter((e) => !e.streamName.startsWith("grant-") && !e.streamName.startsWith("round-"));
    expect(foreign.map((e) => e.streamName)).toEqual(["seal", "seal", "saksnotater-2010"]);
    expect(await replayRules(foreign)).toEqual(E.right({ events: 3, grants: 0, rounds: 0, unsettled: [] }));
    const garbled = history.map((e) => (e.streamName === "seal" ? { ...e, data: { nonsense: true } } : e));
    expect(await replayRules(garbled)).toEqual(E.right({ events: 31, grants: 6, rounds: 1, unsettled: [] }));
  });

  it("reports an undecodable event without throwing", async () => {
    const index = indexOf("grant-a", "GrantDisbursed");
    const broken = await breakOf(withData(index, (data) => ({ ...data, amount: "lots" })));
    expect(broken).toMatchObject({ ...at(index), rule: "Undecodable", error: { _tag: "Undecodable", path: "event.data.amount" } });
  });

  it("keeps reporting its first break from step, and counts what it read", () => {
    const replay = createRuleReplay();
    const index = indexOf("grant-a", "GrantDisbursed");
    const tampered = withData(index, (data) => ({ ...data, amount: 900_000_000_000 }));
    const breaks = tampered.map((e) => replay.step(e));
    expect(breaks.findIndex((b) => b !== undefined)).toBe(index);
    expect(breaks[breaks.length - 1]).toBe(breaks[index]);
    expect(replay.summary().events).toBe(index + 1);
  });

  it("finds any overpayment of any tranche at exactly that tranche", async () => {
    const payments = history.flatMap((e, i) => (e.type === "GrantDisbursed" && e.streamName.startsWith("grant-") ? [i] : []));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...payments), fc.integer({ min: 1, max: 1_000_000_000_000 }), async (index, extra) => {
        const grant = (history[index] as RecordedEvent).streamName;
        const awarded = (history[indexOf(grant, "GrantAwarded")] as RecordedEvent).data["amount"] as number;
        const broken = await breakOf(withData(index, (data) => ({ ...data, amount: awarded + extra })));
        expect(broken).toMatchObject({ ...at(index), rule: "DisbursementExceedsAward" });
      }),
      { numRuns: 50 },
    );
  });
});
