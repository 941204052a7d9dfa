import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { createPostgresEventStore, createPostgresReadModelQueries, createPostgresReadModelStore, type PostgresEventStore } from "@grantledger/adapters/postgres";
import {
  editMap,
  emptyMap,
  emptyMunicipalityTotals,
  getFrom,
  grantRegister,
  readModelQueriesOfStates,
  roundBudget,
  type GrantRegisterRow,
  type GrantRegisterState,
  type ReadModelStore,
} from "@grantledger/projections";
import { alternate, timeMs } from "../lib/rounds.js";
import { createScratchDatabase, postgresAdminUrl } from "../lib/scratchDatabase.js";
import type { ResultRow, Workload } from "../lib/workload.js";

const GRANTS = 100_000;
const BATCH = 100;
const ROUNDS = 7;
const PAGE = 100;

const SAVE = "read-model-save-100";
const START = "read-model-first-page";

const skipped = (reason: string): ResultRow[] =>
  [SAVE, START].map((name) => ({ name, unit: "ms", ours: null, peer: null, peerLabel: "whole state", ratio: null, target: ">= 10x", met: null, note: reason }));

const must = async <A>(task: TaskEither<{ readonly _tag: string }, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`read-model bench: ${JSON.stringify(result.left)}`);
  return result.right;
};

const rowOf = (index: number): GrantRegisterRow =>
  ({
    grantId: `g${String(index).padStart(6, "0")}`,
    roundId: `r${index % 10}`,
    status: "applied",
    applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
    title: `Prosjekt ${index}`,
    totalCost: 1_000_000_00,
    requested: 200_000_00,
    awarded: 0,
    amendments: 0,
    disbursed: 0,
    reversed: 0,
    repaid: 0,
    paidNet: 0,
    claimed: 0,
    openClaims: 0,
    conditionsAccepted: false,
    appliedAt: "2026-01-05T10:00:00.000Z",
    appeals: 0,
  }) as unknown as GrantRegisterRow;

/** The register after one batch: `BATCH` grants awarded (new row objects), the rest shared with `state`. */
const afterBatch = (state: GrantRegisterState, batch: number): GrantRegisterState => ({
  grants: editMap(state.grants, (draft) => {
    for (let offset = 0; offset < BATCH; offset++) {
      const grantId = `g${String((batch * 7919 + offset * 997) % GRANTS).padStart(6, "0")}`;
      const row = getFrom(state.grants, grantId);
      if (row !== undefined) draft.set(grantId, { ...row, status: "awarded", awarded: (row.awarded + 100_00) as GrantRegisterRow["awarded"] });
    }
  }),
});

/** One side: a store of its own and the register it last saved. */
interface Side {
  readonly store: PostgresEventStore;
  readonly readModels: ReadModelStore;
  state: GrantRegisterState;
  checkpoint: bigint;
}

const saveOf = (side: Side, batch: number) => async (): Promise<number> => {
  const next = afterBatch(side.state, batch);
  const checkpoint = side.checkpoint + BigInt(BATCH);
  const ms = await timeMs(() => must(side.readModels.save(grantRegister.name, { version: grantRegister.version, checkpoint, state: next })));
  side.state = next;
  side.checkpoint = checkpoint;
  return ms;
};

const open = async (url: string, schema: string): Promise<PostgresEventStore> => {
  const opened = await createPostgresEventStore({ url, schema })();
  if (E.isLeft(opened)) throw new Error(`read-model bench: could not open the store: ${opened.left.reason}`);
  return opened.right;
};

export const readModelTables: Workload = {
  name: "read-model-tables",
  measures: `on the PostgreSQL server of GRANTLEDGER_PG_URL: the grant register of ${GRANTS.toLocaleString("en-US")} grants saved after a batch of ${BATCH} events (${BATCH} grants changed), row by row vs the whole state as bytes; and a reader's start, open to first page of ${PAGE} grants, from the tables vs loading the whole state; ms`,
  run: async (log) => {
    const server = await postgresAdminUrl(log);
    if ("skipped" in server) return skipped(server.skipped);
    const adminUrl = server.url;
    const database = await createScratchDatabase(adminUrl, "read_models");
    try {
      const stores = { ours: await open(database.url, "rows"), peer: await open(database.url, "whole") };
      try {
        const initial: GrantRegisterState = { grants: editMap(emptyMap<GrantRegisterRow>(), (draft) => { for (let index = 0; index < GRANTS; index++) draft.set(rowOf(index).grantId, rowOf(index)); }) };
        const sides: { ours: Side; peer: Side } = {
          ours: { store: stores.ours, readModels: createPostgresReadModelStore(stores.ours), state: initial, checkpoint: 0n },
          peer: { store: stores.peer, readModels: createPostgresReadModelStore(stores.peer, { layouts: [] }), state: initial, checkpoint: 0n },
        };
        for (const side of [sides.ours, sides.peer]) {
          const ms = await timeMs(() => must(side.readModels.save(grantRegister.name, { version: grantRegister.version, checkpoint: 0n, state: initial })));
          log(`  first save of ${GRANTS.toLocaleString("en-US")} grants (not timed in the rows): ${side === sides.ours ? "rows" : "whole"} ${Math.round(ms)} ms`);
        }
        let batch = 0;
        log(`  one save after a batch of ${BATCH} events, ${ROUNDS} rounds (ms: ours row by row, peer the whole state)`);
        const saves = await alternate(ROUNDS, { ours: () => saveOf(sides.ours, ++batch)(), peer: () => saveOf(sides.peer, ++batch)() }, log);

        // Not a row: what a runner's start costs, from the rows (no replay) and from the whole state.
        for (const [label, readModels] of [["rows", createPostgresReadModelStore(stores.ours)], ["whole", createPostgresReadModelStore(stores.peer, { layouts: [] })]] as const) {
          const ms = await timeMs(() => must(readModels.load(grantRegister.name)));
          log(`  a runner's load of the register of ${GRANTS.toLocaleString("en-US")} grants (not timed in the rows): ${label} ${Math.round(ms)} ms`);
        }
        log(`  a reader's start to its first page of ${PAGE} grants, ${ROUNDS} rounds (ms)`);
        const starts = await alternate(
          ROUNDS,
          {
            ours: () =>
              timeMs(async () => {
                const store = await open(database.url, "rows");
                const page = await must(createPostgresReadModelQueries(store).listGrants({ limit: PAGE }));
                if (page.rows.length !== PAGE) throw new Error("read-model bench: short first page");
                await store.close();
              }),
            peer: () =>
              timeMs(async () => {
                const store = await open(database.url, "whole");
                const loaded = await must(createPostgresReadModelStore(store, { layouts: [] }).load(grantRegister.name));
                const states = { grantRegister: loaded?.state as GrantRegisterState, roundBudget: roundBudget.initialState, municipalityTotals: emptyMunicipalityTotals };
                const page = await must(readModelQueriesOfStates(() => states).listGrants({ limit: PAGE }));
                if (page.rows.length !== PAGE) throw new Error("read-model bench: short first page");
                await store.close();
              }),
          },
          log,
        );
        const rowOfMedians = (name: string, medians: { ours: number; peer: number }, note: string): ResultRow => {
          const ratio = medians.peer / medians.ours;
          return { name, unit: "ms", ours: medians.ours, peer: medians.peer, peerLabel: "whole state", ratio, target: ">= 10x", met: ratio >= 10, note };
        };
        return [
          rowOfMedians(SAVE, saves, `median of ${ROUNDS}: the register of ${GRANTS.toLocaleString("en-US")} grants after a batch that changed ${BATCH}; ours upserts ${BATCH} rows of read_model_entries, the whole-state save (as before migration 6) writes the v8-serialised state`),
          rowOfMedians(START, starts, `median of ${ROUNDS}: open a store and answer listGrants({ limit: ${PAGE} }); ours from read_model_entries, the other loads and deserialises the whole state of ${GRANTS.toLocaleString("en-US")} grants first`),
        ];
      } finally {
        await Promise.all([stores.ours.close(), stores.peer.close()]);
      }
    } finally {
      await database.drop();
    }
  },
};
