import * as E from "fp-ts/lib/Either.js";
import { expect, it } from "vitest";
import { createGrantLedger, createMemoryPersonalDataKeys, replayRules, revealPersonalData, verifyHistory } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { application, evaluatedAt, round } from "./fixtures.js";

it("forgets an evaluator: the history still verifies, her name and notes read [erased]", async () => {
  const store = createMemoryEventStore();
  const keys = createMemoryPersonalDataKeys(); // createPostgresPersonalDataKeys(store) on PostgreSQL
  const ledger = createGrantLedger({ store, personalData: { keys } });
  const by = (commandId: string) => ({ commandId, actor: "saksbehandler-17@difi" });
  await ledger.openRound(round, by("open"))();
  await ledger.applyForGrant(application, by("apply"))();
  await ledger.evaluateApplication({ grantId: "g", score: 80, recommendation: "award", evaluator: "Kari Nordmann", notes: "fnr 01017012345", evaluatedAt }, by("evaluate"))();

  const read = await store.readAll()();
  const events = E.isRight(read) ? read.right : [];
  expect(JSON.stringify(events.map((e) => e.data))).not.toContain("Kari"); // stored sealed
  expect(await revealPersonalData(events, keys)()).toMatchObject({ right: [{}, {}, { data: { evaluator: "Kari Nordmann" } }] });

  await keys.forget("Kari Nordmann")(); // grantledger forget "Kari Nordmann" --store …
  expect(await revealPersonalData(events, keys)()).toMatchObject({ right: [{}, {}, { data: { evaluator: "[erased]", notes: "[erased]" } }] });
  expect(await verifyHistory(events)).toMatchObject({ _tag: "Right" }); // no key needed
  expect(await replayRules(events)).toMatchObject({ _tag: "Right" });
});
