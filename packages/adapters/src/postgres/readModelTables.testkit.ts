import * as E from "fp-ts/lib/Either.js";
import { serialize } from "node:v8";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProjectionRunner,
  grantRegister,
  listRoundBudgets,
  MAX_PAGE_LIMIT,
  municipalityTotals,
  projectAsOf,
  readModelQueriesOfStates,
  roundBudget,
} from "@grantledger/projections";
import type { Page, PageRequest, Projection, QueriedStates, ReadModelQueries, ReadModelQueryError } from "@grantledger/projections";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { MIGRATIONS, migrate } from "./migrate.js";
import type { PostgresEventStore } from "./postgresEventStore.js";
import { createPostgresReadModelQueries, readModelCheckpoints } from "./postgresReadModelQueries.js";
import { createPostgresReadModelStore } from "./postgresReadModelStore.js";
import { recordGrants, right } from "./readModelFixtures.testkit.js";
import { quoteIdentifier } from "./sqlNames.js";
import { serverUrl, TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";
import { award, context, must } from "../engine/ledgerFixtures.testkit.js";
import { createGrantLedger } from "@grantledger/core";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";

const catchUp = <S>(store: PostgresEventStore, projection: Projection<S>, batchSize = 500) =>
  right(createProjectionRunner({ store, projection, readModelStore: createPostgresReadModelStore(store), batchSize }).catchUp());

/** Every page of a list, following `next` from the first. */
const allPages = async <Row>(list: (request: PageRequest) => TaskEither<ReadModelQueryError, Page<Row>>, limit: number): Promise<Row[][]> => {
  const pages: Row[][] = [];
  let after: string | undefined;
  do {
    const page = await right(list(after === undefined ? { limit } : { after, limit }));
    pages.push([...page.rows]);
    after = page.next;
  } while (after !== undefined);
  return pages;
};

const memoryStates = async (store: PostgresEventStore): Promise<QueriedStates> => ({
  grantRegister: (await right(projectAsOf(store, grantRegister))).state,
  roundBudget: (await right(projectAsOf(store, roundBudget))).state,
  municipalityTotals: (await right(projectAsOf(store, municipalityTotals))).state,
});

/**
 * The tables of the read models kept as rows, on the database `prefer` names: writes row by row,
 * atomic saves, stores migrated forward, and the queries answering alike from the tables and
 * from in-memory states.
 */
export const describeReadModelTables = (prefer: "server" | "pglite"): void => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await TestDatabase.open(prefer);
  });
  afterAll(() => database.close());

  const entries = async (store: PostgresEventStore, name: string) =>
    new Map(
      (
        await database.admin.query(
          `SELECT key, value::text AS value, saved_checkpoint::text AS saved FROM ${quoteIdentifier(store.schema)}.read_model_entries WHERE name = $1 AND collection = 'grants'`,
          [name],
        )
      ).map((row) => [row["key"] as string, { value: row["value"], saved: row["saved"] }]),
    );

  describe(`read models as tables on ${prefer === "server" && serverUrl !== undefined ? "the server" : "PGlite"}`, () => {
    it("a batch writes the rows of the grants it touched, and no other; a restarted runner goes on from the rows", async () => {
      const store = await database.openStore(uniqueSchema("rows_incr"));
      const first = await recordGrants(store, 0, 40);
      expect((await catchUp(store, grantRegister)).checkpoint).toBe(first);
      await catchUp(store, roundBudget);
      await catchUp(store, municipalityTotals);
      const before = await entries(store, grantRegister.name);
      expect(before.size).toBe(40);
      expect(new Set([...before.values()].map((row) => row.saved))).toEqual(new Set([first.toString()]));

      // Three new grants and an award of an old one, by a new runner over a new store object: it
      // loads the rows, folds, saves.
      await recordGrants(store, 40, 43);
      await must(createGrantLedger({ historical: HISTORICAL_FIXTURES, store }).awardGrant(award("g1", 40_000_00), context()));
      const [awarded] = await right(store.readStream("grant-g1", { direction: "backwards", maxCount: 1 }));
      const second = awarded?.position ?? -1n;
      const caught = await catchUp(store, grantRegister);
      expect(caught.checkpoint).toBe(second);
      expect(caught.state).toEqual((await right(projectAsOf(store, grantRegister))).state);
      const after = await entries(store, grantRegister.name);
      const touched = [...after].filter(([, row]) => row.saved === second.toString()).map(([key]) => key);
      expect(touched.sort()).toEqual(["g1", "g40", "g41", "g42"]);
      for (const [key, row] of before) if (key !== "g1") expect(after.get(key)).toEqual(row);
      expect(JSON.parse(String(after.get("g1")?.value))).toMatchObject({ status: "awarded", awarded: 40_000_00 });
      // The other read models: the 4 grants' entries, and the round or the two municipalities they moved.
      await catchUp(store, roundBudget);
      await catchUp(store, municipalityTotals);
      const written = await database.admin.query(
        `SELECT name, collection, count(*)::integer AS rows FROM ${quoteIdentifier(store.schema)}.read_model_entries
          WHERE saved_checkpoint = $1 AND name <> 'grant-register' GROUP BY name, collection ORDER BY name, collection`,
        [second.toString()],
      );
      expect(written).toEqual([
        { name: "municipality-totals", collection: "grants", rows: 4 },
        { name: "municipality-totals", collection: "participants", rows: 2 },
        { name: "round-budget", collection: "grants", rows: 4 },
        { name: "round-budget", collection: "rounds", rows: 1 },
      ]);
    });

    it("a failing statement mid-save leaves the previous save whole: version, checkpoint and every row", async () => {
      const store = await database.openStore(uniqueSchema("rows_crash"));
      const from = await recordGrants(store, 0, 10);
      await catchUp(store, grantRegister);
      const saved = await entries(store, grantRegister.name);
      const s = quoteIdentifier(store.schema);
      // The rows are written first; the checkpoint's row is the last statement of a save, and fails.
      await database.admin.script(`
        CREATE FUNCTION ${s}.fail_save() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.checkpoint > ${from} THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER fail_save AFTER INSERT OR UPDATE ON ${s}.read_models FOR EACH ROW EXECUTE FUNCTION ${s}.fail_save();`);
      const last = await recordGrants(store, 10, 14);
      const readModels = createPostgresReadModelStore(store);
      const failing = createProjectionRunner({ store, projection: grantRegister, readModelStore: readModels, batchSize: 1000 });
      expect(await failing.catchUp()()).toMatchObject(E.left({ _tag: "ReadModelStoreFailed", reason: expect.stringContaining("disk full") }));
      expect(await entries(store, grantRegister.name)).toEqual(saved);
      const stored = await right(readModels.load(grantRegister.name));
      expect(stored?.checkpoint).toBe(from);
      expect(stored?.state).toEqual((await right(projectAsOf(store, grantRegister, { position: from }))).state);

      await database.admin.script(`DROP TRIGGER fail_save ON ${s}.read_models`);
      const restarted = await right(createProjectionRunner({ store, projection: grantRegister, readModelStore: readModels, batchSize: 3 }).catchUp());
      expect(restarted.checkpoint).toBe(last);
      expect((await entries(store, grantRegister.name)).size).toBe(14);
      expect(restarted.state).toEqual((await right(projectAsOf(store, grantRegister))).state);
    });

    it("a store of migration 5 moves forward: its whole state loads, and the next save writes it as rows", async () => {
      const schema = uniqueSchema("rows_fwd");
      database.options(schema);
      await migrate(database.admin, schema, MIGRATIONS.filter((migration) => migration.version <= 5));
      const s = quoteIdentifier(schema);
      await database.admin.query(`INSERT INTO ${s}.read_model_rows (name, key, row) VALUES ('municipality-totals', 'municipality:0301', '{}')`);
      const store = await database.openStore(schema);
      expect(await database.admin.query(`SELECT count(*)::integer AS rows FROM ${s}.read_model_rows`)).toEqual([{ rows: 0 }]);
      const early = await recordGrants(store, 0, 5);
      const snapshot = await right(projectAsOf(store, municipalityTotals));
      await database.admin.query(`INSERT INTO ${s}.read_models (name, version, checkpoint, state, saved_at) VALUES ($1, $2, $3, $4, now())`, [
        municipalityTotals.name,
        municipalityTotals.version,
        early.toString(),
        serialize(snapshot.state),
      ]);
      const last = await recordGrants(store, 5, 8);
      const caught = await catchUp(store, municipalityTotals);
      expect(caught.checkpoint).toBe(last);
      const [row] = await database.admin.query(`SELECT state IS NULL AS in_rows, checkpoint::text AS checkpoint FROM ${s}.read_models WHERE name = $1`, [municipalityTotals.name]);
      expect(row).toEqual({ in_rows: true, checkpoint: last.toString() });
      const views = await database.admin.query(`SELECT municipality_no, projects FROM ${s}.municipality_totals ORDER BY municipality_no`);
      expect(views).toEqual([
        { municipality_no: "1201", projects: 8 },
        { municipality_no: "1247", projects: 8 },
      ]);
    });

    it("answers every query alike from the tables and from in-memory states; pages hold every row once, in key order", async () => {
      const store = await database.openStore(uniqueSchema("rows_query"));
      const last = await recordGrants(store, 0, 23);
      expect(await right(readModelCheckpoints(store))).toEqual(new Map());
      for (const projection of [grantRegister, roundBudget, municipalityTotals] as Projection<unknown>[]) await catchUp(store, projection, 7);
      expect(await right(readModelCheckpoints(store))).toEqual(new Map([grantRegister, roundBudget, municipalityTotals].map(({ name }) => [name, last])));
      const states = await memoryStates(store);
      const [roundId = ""] = [...listRoundBudgets(states.roundBudget)].map((round) => round.roundId);
      const both: readonly [string, ReadModelQueries][] = [
        ["memory", readModelQueriesOfStates(() => states)],
        [database.kind, createPostgresReadModelQueries(store)],
      ];
      const answers = [];
      for (const [, queries] of both) {
        const pages = await allPages(queries.listGrants, 5);
        expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
        const ids = pages.flat().map((row) => row.grantId);
        expect(ids).toEqual([...ids].sort());
        expect(new Set(ids).size).toBe(23);
        answers.push({
          grants: pages.flat(),
          awarded: (await allPages((request) => queries.listGrants({ ...request, status: "awarded" }), 4)).flat().map((row) => row.grantId),
          ofNoRound: await right(queries.listGrants({ roundId: "no-such-round" })),
          g7: await right(queries.getGrant("g7")),
          none: await right(queries.getGrant("g999")),
          participants: (await allPages(queries.listParticipants, 1)).flat(),
          municipalities: await right(queries.listParticipants({ kind: "municipality" })),
          bergen: await right(queries.getParticipant("municipality:1201")),
          rounds: await right(queries.listRounds()),
          round: await right(queries.getRound(roundId)),
          tooMany: await queries.listGrants({ limit: MAX_PAGE_LIMIT + 1 })(),
          zero: await queries.listGrants({ limit: 0 })(),
          emptyCursor: await queries.listGrants({ after: "" })(),
        });
      }
      const [memory, tables] = answers;
      expect(tables).toEqual(memory);
      expect(memory?.awarded).toEqual(["g0", "g10", "g12", "g14", "g16", "g18", "g2", "g20", "g22", "g4", "g6", "g8"]);
      expect(memory?.ofNoRound).toEqual({ rows: [], next: undefined });
      expect(memory?.g7).toMatchObject({ grantId: "g7", status: "evaluated" });
      expect(memory?.none).toBeUndefined();
      expect(memory?.municipalities.rows.map((row) => row.id)).toEqual(["1201", "1247"]);
      expect(memory?.bergen).toMatchObject({ kind: "municipality", id: "1201", projects: 23 });
      expect(memory?.round).toMatchObject({ applications: 23, awarded: 12 });
      expect(memory?.tooMany).toEqual(E.left({ _tag: "InvalidPageRequest", field: "limit", value: MAX_PAGE_LIMIT + 1, reason: expect.any(String) }));
      expect(memory?.zero).toMatchObject(E.left({ _tag: "InvalidPageRequest", field: "limit" }));
      expect(memory?.emptyCursor).toMatchObject(E.left({ _tag: "InvalidPageRequest", field: "after" }));
    });

    it("pages stay whole while events are appended past the checkpoint and while the runner saves them", async () => {
      const store = await database.openStore(uniqueSchema("rows_pages"));
      await recordGrants(store, 0, 12);
      await catchUp(store, grantRegister);
      const queries = createPostgresReadModelQueries(store);
      const seen: string[] = [];
      let after: string | undefined;
      let round = 0;
      do {
        const page = await right(queries.listGrants(after === undefined ? { limit: 4 } : { after, limit: 4 }));
        seen.push(...page.rows.map((row) => row.grantId));
        after = page.next;
        // Appended past the checkpoint: not in the tables until a runner saves them …
        await recordGrants(store, 12 + round * 2, 14 + round * 2);
        // … and, every other page, saved: new keys after the cursor may appear, none twice.
        if (round % 2 === 1) await catchUp(store, grantRegister);
        round += 1;
      } while (after !== undefined);
      expect(new Set(seen).size).toBe(seen.length);
      for (let index = 0; index < 12; index++) expect(seen).toContain(`g${index}`);
      expect(seen).toEqual([...seen].sort());
    });
  });
};
