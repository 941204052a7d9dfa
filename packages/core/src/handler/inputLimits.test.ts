import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { DEFAULT_INPUT_LIMITS, findInputBeyondLimits, inputLimitsOf } from "./inputLimits.js";
import { application, context, createTestStore, crisisRound, ledgerOver, must } from "./ledger.testkit.js";

/*
 * A command's texts and lists are bounded (prose, other text, the recorded context, list items):
 * one beyond its limit is InvalidCommand naming the field and the limit, and nothing is written.
 */
describe("input limits", () => {
  it("refuse a 10 MB project summary by default, naming the field and the limit, and write nothing", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound(), context()));
    const before = store.log.length;
    const base = application("g1");
    const refused = await ledger.applyForGrant({ ...base, project: { ...base.project, summary: "x".repeat(10_000_000) } }, context())();
    expect(refused).toEqual(
      E.left({ _tag: "InvalidCommand", command: "ApplyForGrant", path: "data.project.summary", reason: "is 10000000 characters long, more than maxProseLength (20000)" }),
    );
    expect(store.log).toHaveLength(before);
  });

  it("take a summary of exactly the limit, counted in code points (an emoji is one)", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store, { limits: { maxProseLength: 10 } });
    await must(ledger.openRound(crisisRound(), context()));
    const base = application("g1");
    await must(ledger.applyForGrant({ ...base, project: { ...base.project, summary: "🏔️🏔️🏔️ab" } }, context()));
    const refused = await ledger.applyForGrant({ ...application("g2"), project: { ...base.project, summary: "12345678901" } }, context())();
    expect(refused).toMatchObject(E.left({ path: "data.project.summary", reason: expect.stringContaining("11 characters") }));
  });

  it("bound other text more tightly than prose: a project title of 501 characters", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound(), context()));
    const base = application("g1");
    const refused = await ledger.applyForGrant({ ...base, project: { ...base.project, title: "t".repeat(501) } }, context())();
    expect(refused).toMatchObject(E.left({ _tag: "InvalidCommand", path: "data.project.title", reason: expect.stringContaining("maxTextLength (500)") }));
  });

  it("bound the actor recorded in every event's metadata", async () => {
    const store = createTestStore();
    const refused = await ledgerOver(store).openRound(crisisRound(), context("c1", "a".repeat(201)))();
    expect(refused).toMatchObject(E.left({ _tag: "InvalidCommand", path: "metadata.actor", reason: expect.stringContaining("maxContextLength (200)") }));
    expect(store.log).toHaveLength(0);
  });

  it("bound the items of a list: participants beyond maxListLength", async () => {
    const store = createTestStore();
    await must(ledgerOver(store).openRound(crisisRound(), context()));
    const refused = await ledgerOver(store, { limits: { maxListLength: 1 } }).applyForGrant(application("g1"), context())();
    expect(refused).toMatchObject(E.left({ _tag: "InvalidCommand", path: "data.participants", reason: "has 2 items, more than maxListLength (1)" }));
  });

  it("treat each of an award's conditions as prose", () => {
    const limits = { ...DEFAULT_INPUT_LIMITS, maxTextLength: 5 };
    expect(findInputBeyondLimits({ conditions: ["a long condition"], paymentRef: "ok" }, {}, limits)).toBeUndefined();
    expect(findInputBeyondLimits({ conditions: ["ok"], paymentRef: "too long" }, {}, limits)).toEqual({ path: "data.paymentRef", limit: "maxTextLength", max: 5, length: 8 });
  });

  it("refuse a limit that is not a whole number of at least 1", () => {
    expect(() => inputLimitsOf({ maxTextLength: 0 })).toThrow("limits.maxTextLength");
    expect(() => inputLimitsOf({ maxListLength: 1.5 })).toThrow("limits.maxListLength");
    expect(inputLimitsOf(undefined)).toEqual(DEFAULT_INPUT_LIMITS);
  });
});
