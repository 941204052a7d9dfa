import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { createGrantLedger, revealPersonalData, type PersonalDataKey } from "@grantledger/core";
import { createPostgresPersonalDataKeys, personalDataKeysOf } from "./postgresPersonalDataKeys.js";
import { TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";


const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
  return result.right;
};

/** The key store's tests on a server (GRANTLEDGER_PG_URL) or embedded PostgreSQL, in scratch schemas. */
export const describePersonalDataKeys = (kind: "server" | "pglite"): void => {
let opened: Promise<TestDatabase> | undefined;
const database = (): Promise<TestDatabase> => (opened ??= TestDatabase.open(kind));
afterAll(async () => (await opened)?.close());

describe(`the PostgreSQL key store of personal data (${kind})`, () => {
  it("makes one key per subject, finds it by its random id, and forgets it, logging the key id and reason only", async () => {
    const db = await database();
    const schema = uniqueSchema("keys");
    const store = await db.openStore(schema);
    const keys = createPostgresPersonalDataKeys(store);
    const [a, b] = await Promise.all([keys.keyFor("Kari Nordmann")(), keys.keyFor("Kari Nordmann")()]);
    const key: PersonalDataKey = right(a);
    expect(right(b)).toEqual(key);
    expect(key.key).toHaveLength(32);
    expect(key.keyId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(key.keyId).not.toContain("Kari");
    expect(right(await keys.keyById(key.keyId)())).toEqual(key);
    expect(right(await keys.findKey("Ola")())).toBeUndefined();

    expect(right(await keys.forget("Kari Nordmann", "GDPR art. 17 request 2026-12")())).toEqual([key.keyId]);
    expect(right(await keys.forget("Kari Nordmann")())).toEqual([]);
    expect(right(await keys.keyById(key.keyId)())).toBeUndefined();
    expect(await db.admin.query(`SELECT key_id, reason FROM ${schema}.personal_data_erasures`)).toEqual([{ key_id: key.keyId, reason: "GDPR art. 17 request 2026-12" }]);
    expect(JSON.stringify(await db.admin.query(`SELECT * FROM ${schema}.personal_data_erasures`))).not.toContain("Kari");
    await store.close();
  }, 120_000);

  it("seals a ledger's evaluator so the event rows never hold the name, and reads it back until forgotten", async () => {
    const db = await database();
    const schema = uniqueSchema("sealed");
    const store = await db.openStore(schema);
    const keys = await personalDataKeysOf(store);
    if (keys === undefined) throw new Error("a migrated store has a key store");
    const ledger = createGrantLedger({ store, personalData: { keys }, historical: { reason: "test" } });
    const ctx = (commandId: string) => ({ commandId, actor: "saksbehandler@difi" });
    right(await ledger.openRound({
      roundId: "r",
      name: "Krisepakke 2009",
      funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
      budget: 1_000_000,
      policy: { maxShareBps: 10000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
      applicationDeadline: "2009-04-15T23:59:59+02:00",
      disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
    }, ctx("open"))());
    right(await ledger.applyForGrant({
      grantId: "g",
      roundId: "r",
      applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
      participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 10000 }],
      project: { title: "Prosjekt" },
      totalCost: 100_000,
      requested: 100_000,
      appliedAt: "2009-04-01T10:00:00+02:00",
    }, ctx("apply"))());
    right(await ledger.evaluateApplication({ grantId: "g", score: 80, recommendation: "award", evaluator: "Kari Nordmann", notes: "fnr 01017012345", evaluatedAt: "2009-05-01T10:00:00+02:00" }, ctx("evaluate"))());
    const rows = JSON.stringify(await db.admin.query(`SELECT data, metadata FROM ${schema}.events`));
    expect(rows).toContain("[personal data ");
    expect(rows).not.toContain("Kari");
    expect(rows).not.toContain("01017012345");
    const events = right(await store.readStream("grant-g")());
    expect(right(await revealPersonalData(events, keys)())[1]?.data).toMatchObject({ evaluator: "Kari Nordmann", notes: "fnr 01017012345" });
    right(await keys.forget("Kari Nordmann")());
    expect(right(await revealPersonalData(events, keys)())[1]?.data).toMatchObject({ evaluator: "[erased]", notes: "[erased]" });
    await store.close();
  }, 120_000);
});
};
