import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replayRules } from "../audit/ruleReplay.js";
import { verifyHistory } from "../audit/verifyHistory.js";
import { application, award, context, createTestStore, crisisRound, evaluation, ledgerOver, must, outcomeTag } from "../handler/ledger.testkit.js";
import { createMemoryPersonalDataKeys } from "./memoryPersonalDataKeys.js";
import type { PersonalDataKeys } from "./personalDataKeys.js";
import { revealPersonalData } from "./revealPersonalData.js";
import { ERASED_PERSONAL_DATA, isSealed } from "./sealedText.js";

const NAME = "Kari Nordmann";
const NOTES = "Kari Nordmann, fnr 01017012345, knows the applicant";

/** A round, a grant applied for, and the ledger with its keys. */
const setUp = async (keys: PersonalDataKeys = createMemoryPersonalDataKeys()) => {
  const store = createTestStore();
  const ledger = ledgerOver(store, { personalData: { keys } });
  await must(ledger.openRound(crisisRound(), context()));
  await must(ledger.applyForGrant(application("g"), context()));
  return { store, ledger, keys };
};

const storedText = (store: ReturnType<typeof createTestStore>): string => JSON.stringify(store.log.map((e) => [e.data, e.metadata]));

describe("a ledger with a personal-data key store", () => {
  it("stores evaluator, notes and who accepted sealed, reveals them with the key and reads them as erased once forgotten", async () => {
    const { store, ledger, keys } = await setUp();
    await must(ledger.evaluateApplication({ ...evaluation("g"), evaluator: NAME, notes: NOTES }, context()));
    await must(ledger.awardGrant(award("g", 10_000_000), context()));
    await must(ledger.acceptConditions({ grantId: "g", acceptedBy: "Ola Rådmann", acceptedAt: "2009-06-10T10:00:00+02:00" }, context()));
    expect(storedText(store)).not.toContain("Kari");
    expect(storedText(store)).not.toContain("01017012345");
    expect(storedText(store)).not.toContain("Ola Rådmann");
    const evaluated = store.log.find((e) => e.type === "ApplicationEvaluated");
    expect(isSealed(String(evaluated?.data["evaluator"]))).toBe(true);
    expect(isSealed(String(evaluated?.data["notes"]))).toBe(true);

    const before = await revealPersonalData(store.log, keys)();
    const shown = E.isRight(before) ? before.right : [];
    expect(shown.find((e) => e.type === "ApplicationEvaluated")?.data).toMatchObject({ evaluator: NAME, notes: NOTES });
    expect(shown.find((e) => e.type === "ConditionsAccepted")?.data["acceptedBy"]).toBe("Ola Rådmann");

    expect(await keys.forget(NAME)()).toEqual(E.right([expect.any(String)]));
    expect(await keys.forget(NAME)()).toEqual(E.right([]));
    const after = await revealPersonalData(store.log, keys)();
    const erased = E.isRight(after) ? after.right : [];
    expect(erased.find((e) => e.type === "ApplicationEvaluated")?.data).toMatchObject({ evaluator: ERASED_PERSONAL_DATA, notes: ERASED_PERSONAL_DATA });
    expect(erased.find((e) => e.type === "ConditionsAccepted")?.data["acceptedBy"]).toBe("Ola Rådmann");

    // The events are as stored: the chain and every rule still hold, without a key.
    expect(E.isRight(await verifyHistory(store.log))).toBe(true);
    expect(E.isRight(await replayRules(store.log))).toBe(true);
  });

  it("appends nothing twice when a sealed command is retried, and answers with the same events", async () => {
    const { store, ledger } = await setUp();
    const again = context("evaluate-once", "panel@difi");
    const first = await must(ledger.evaluateApplication({ ...evaluation("g"), evaluator: NAME, notes: NOTES }, again));
    const count = store.log.length;
    const second = await must(ledger.evaluateApplication({ ...evaluation("g"), evaluator: NAME, notes: NOTES }, again));
    expect(store.log.length).toBe(count);
    expect(second.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    // The digest is the sealed command's: no plaintext in the metadata either.
    expect(JSON.stringify(store.log.map((e) => e.metadata))).not.toContain("Kari");
    expect(await outcomeTag(ledger.evaluateApplication({ ...evaluation("g"), evaluator: NAME, notes: "other notes" }, again))).toBe("CommandIdReused");
  });

  it("refuses a personal field given in the sealed form, with or without keys", async () => {
    const { store, ledger } = await setUp();
    await must(ledger.evaluateApplication({ ...evaluation("g"), evaluator: NAME }, context()));
    const sealed = String(store.log.find((e) => e.type === "ApplicationEvaluated")?.data["evaluator"]);
    const plain = ledgerOver(createTestStore());
    const refused = await plain.declareConflictOfInterest({ grantId: "g", evaluator: sealed, reason: "x", declaredAt: "2009-04-20T10:00:00+02:00" }, context())();
    expect(refused).toEqual(E.left(expect.objectContaining({ _tag: "InvalidCommand", path: "data.evaluator" })));
  });

  it("still refuses the declared evaluator when sealed, named in the evaluation or giving it", async () => {
    // A name with a fixed first word: a one-letter name (`"r"`) would be found in the stored text
    // as the round's id, which is not the name leaking.
    const names = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes("\u0000")).map((s) => `Evaluator ${s}`);
    await fc.assert(
      fc.asyncProperty(names, fc.boolean(), async (evaluator, asActor) => {
        const { ledger, store } = await setUp();
        await must(ledger.declareConflictOfInterest({ grantId: "g", evaluator, reason: "Related to the applicant", declaredAt: "2009-04-20T10:00:00+02:00" }, context()));
        expect(storedText(store)).not.toContain(JSON.stringify(evaluator));
        const named = asActor ? { ...evaluation("g"), evaluator: "Difi fagpanel" } : { ...evaluation("g"), evaluator };
        const ctx = asActor ? context(undefined, evaluator) : context();
        expect(await outcomeTag(ledger.evaluateApplication(named, ctx))).toBe("EvaluatorHasConflictOfInterest");
        expect(await outcomeTag(ledger.declareConflictOfInterest({ grantId: "g", evaluator, reason: "again", declaredAt: "2009-04-21T10:00:00+02:00" }, context()))).toBe("ConflictAlreadyDeclared");
        expect(await outcomeTag(ledger.evaluateApplication({ ...evaluation("g"), evaluator: `${evaluator} (other)` }, context()))).toBe("accepted");
      }),
      { numRuns: 25 },
    );
  });
});
