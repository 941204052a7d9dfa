import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { findUnstorableText, unstorableText } from "../values/text.js";
import { application, context, createTestStore, crisisRound, ledgerOver, must } from "./ledger.testkit.js";

/*
 * Text that no store keeps alike (U+0000, a lone surrogate) is refused by the ledger as bad input,
 * naming the field, before the content hash would fail on it; nothing is written.
 */
describe("text no store keeps alike", () => {
  it.each([
    ["a lone high surrogate", "\ud800", "lone surrogate"],
    ["a lone low surrogate", "x\udc00y", "lone surrogate"],
    ["U+0000", "a\u0000b", "U+0000"],
  ])("is refused in a command's text (%s) as InvalidCommand naming the field, and nothing is written", async (_label, text, what) => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound(), context()));
    const before = store.log.length;
    const base = application("g1");
    const refused = await ledger.applyForGrant({ ...base, project: { ...base.project, summary: text } }, context())();
    expect(refused).toEqual(E.left({ _tag: "InvalidCommand", command: "ApplyForGrant", path: "data.project.summary", reason: expect.stringContaining(what) }));
    expect(store.log).toHaveLength(before);
  });

  it("is refused in the actor, which goes into every event's metadata", async () => {
    const store = createTestStore();
    const refused = await ledgerOver(store).openRound(crisisRound(), context("c1", "kari\u0000@difi"))();
    expect(refused).toMatchObject(E.left({ _tag: "InvalidCommand", path: "metadata.actor", reason: expect.stringContaining("U+0000") }));
    expect(store.log).toHaveLength(0);
  });

  it("lets every well-formed text through, a surrogate pair (an emoji) included", () => {
    expect(unstorableText("Bergen kommune 🏔️ æøå")).toBeUndefined();
    expect(findUnstorableText({ a: ["ok", { b: "\ud83d\ude00" }] })).toBeUndefined();
    expect(findUnstorableText({ a: ["ok", { b: "\ud83d" }] })).toEqual({ path: "a.1.b", reason: expect.stringContaining("lone surrogate") });
  });
});
