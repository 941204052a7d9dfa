import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProjectionRunner, listMunicipalities, listOtherParticipants, municipalityTotals, projectAsOf } from "@grantledger/projections";
import type { MunicipalityTotalsState } from "@grantledger/projections";
import { describeReadModelStoreContract } from "../testing/readModelStoreContract.js";
import type { PostgresEventStore } from "./postgresEventStore.js";
import { createPostgresReadModelStore } from "./postgresReadModelStore.js";
import { recordGrants, right } from "./readModelFixtures.testkit.js";
import { quoteIdentifier } from "./sqlNames.js";
import { serverUrl, TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";

let database: TestDatabase;
let store: PostgresEventStore;
beforeAll(async () => {
  database = await TestDatabase.open("server");
  store = await database.openStore(uniqueSchema("readmodels"));
});
afterAll(async () => {
  await store.close();
  await database.close();
});

// The read-model contract, with the projection runner, on the server named by GRANTLEDGER_PG_URL
// (PGlite without it), in a schema of its own that the file's afterAll drops.
describeReadModelStoreContract(`postgres on ${serverUrl === undefined ? "PGlite (no GRANTLEDGER_PG_URL)" : "the server"}`, async () => {
  const contractStore = await database.openStore(uniqueSchema("rm_contract"));
  return { eventStore: contractStore, openReadModelStore: () => createPostgresReadModelStore(contractStore) };
});

const table = (name: string): string => `${quoteIdentifier(store.schema)}.${name}`;

/** What the views give for the municipality totals, as the query functions would list them. */
const viewed = async () => ({
  municipalities: await database.admin.query(
    `SELECT municipality_no AS "municipalityNo", name, county_no AS "countyNo", projects, requested_ore::float8 AS requested,
      awarded_ore::float8 AS awarded, disbursed_ore::float8 AS disbursed, repaid_ore::float8 AS repaid, returned_ore::float8 AS returned,
      benefits_ore::float8 AS "benefitsNok"
      FROM ${table("municipality_totals")} ORDER BY municipality_no`,
  ),
  others: await database.admin.query(`SELECT kind, id FROM ${table("participant_totals")} ORDER BY kind, id`),
});

describe("the PostgreSQL read-model store", () => {
  it("keeps the municipality totals queryable with plain SQL, equal to the query functions", async () => {
    const last = await recordGrants(store, 0, 6);
    const runner = createProjectionRunner({ store, projection: municipalityTotals, readModelStore: createPostgresReadModelStore(store), batchSize: 7 });
    const caught = await right(runner.catchUp());
    expect(caught.checkpoint).toBe(last);
    expect(caught.state).toEqual((await right(projectAsOf(store, municipalityTotals))).state);
    const { municipalities, others } = await viewed();
    expect(municipalities.map((row) => [row["municipalityNo"], row["projects"]])).toEqual([["1201", 6], ["1247", 6]]);
    expect(municipalities).toEqual(listMunicipalities(caught.state).map((row) => ({ ...row })));
    expect(others).toEqual(listOtherParticipants(caught.state).map(({ kind, id }) => ({ kind, id })));
    const [saved] = await database.admin.query(`SELECT version, checkpoint::text AS checkpoint FROM ${table("read_models")} WHERE name = 'municipality-totals'`);
    expect(saved).toEqual({ version: municipalityTotals.version, checkpoint: last.toString() });
  });

  it("after a server-side failure mid-batch, keeps state, checkpoint and rows of the last good save; a restart finishes the job", async () => {
    const from = await recordGrants(store, 6, 12);
    // Fails every save that would move the checkpoint past `from`, inside the save's transaction.
    await database.admin.script(`
      CREATE FUNCTION ${table("fail_save")}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.checkpoint > ${from} THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER fail_save AFTER INSERT OR UPDATE ON ${table("read_models")} FOR EACH ROW EXECUTE FUNCTION ${table("fail_save")}();`);
    const last = await recordGrants(store, 12, 16);
    const readModels = createPostgresReadModelStore(store);
    const failing = createProjectionRunner({ store, projection: municipalityTotals, readModelStore: readModels, batchSize: 5 });
    expect(await failing.catchUp()()).toMatchObject(E.left({ _tag: "ReadModelStoreFailed", reason: expect.stringContaining("disk full") }));
    const stored = await right(readModels.load(municipalityTotals.name));
    const checkpoint = stored?.checkpoint ?? -1n;
    expect(checkpoint).toBeLessThanOrEqual(from);
    const expected = await right(projectAsOf(store, municipalityTotals, { position: checkpoint }));
    expect(stored?.state).toEqual(expected.state);
    expect((await viewed()).municipalities).toEqual(listMunicipalities(expected.state as MunicipalityTotalsState).map((row) => ({ ...row })));

    await database.admin.script(`DROP TRIGGER fail_save ON ${table("read_models")}`);
    const restarted = await right(createProjectionRunner({ store, projection: municipalityTotals, readModelStore: readModels, batchSize: 5 }).catchUp());
    expect(restarted.checkpoint).toBe(last);
    expect(restarted.state).toEqual((await right(projectAsOf(store, municipalityTotals))).state);
  });
});
