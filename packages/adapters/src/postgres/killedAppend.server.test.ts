import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import * as E from "fp-ts/lib/Either.js";
import { v4 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGrantLedger } from "@grantledger/core";
import type { EventStore, EventToAppend } from "@grantledger/core";
import { application, context, crisisRound, evaluation, must } from "../engine/ledgerFixtures.testkit.js";
import { quoteIdentifier } from "./sqlNames.js";
import type { SqlExecutor } from "./sqlDriver.js";
import { serverUrl, TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";

// Killing a backend needs a server: PGlite is one in-process session with nothing to kill.
const onServer = serverUrl === undefined ? it.skip : it;

let database: TestDatabase;
beforeAll(async () => {
  database = await TestDatabase.open("server");
});
afterAll(() => database.close());

const event = (): EventToAppend => ({ id: v4(), type: "Tested", data: {}, metadata: {} });

const streamIds = async (store: EventStore, streamName: string): Promise<string[]> => {
  const read = await store.readStream(streamName)();
  return E.isLeft(read) ? [] : read.right.map((recorded) => recorded.id);
};

/**
 * Holds a lock on the stream's row in `streams` while `start` runs an append, waits until that
 * append has inserted its events and is blocked on the row (the function updates `streams` last),
 * kills its connection, and returns what the append answered.
 */
const killMidAppend = <A>(schema: string, applicationName: string, streamName: string, start: () => Promise<A>): Promise<A> =>
  database.admin.transaction(async (tx) => {
    await tx.query(`SELECT 1 FROM ${quoteIdentifier(schema)}.streams WHERE stream_name = $1 FOR UPDATE`, [streamName]);
    const pending = start();
    const pid = await blockedAppender(database.admin, applicationName);
    const holdsEvents = await database.admin.query(
      `SELECT 1 FROM pg_locks WHERE pid = $1 AND relation = $2::regclass AND mode = 'RowExclusiveLock'`,
      [pid, `${quoteIdentifier(schema)}.events`],
    );
    expect(holdsEvents, "the append had inserted its events before it was killed").toHaveLength(1);
    await database.admin.query("SELECT pg_terminate_backend($1)", [pid]);
    return pending;
  });

const blockedAppender = async (admin: SqlExecutor, applicationName: string): Promise<number> => {
  for (let attempt = 0; attempt < 250; attempt++) {
    const [row] = await admin.query(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND query LIKE '%append_to_stream%'`,
      [applicationName],
    );
    if (typeof row?.["pid"] === "number") return row["pid"];
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the append never blocked");
};

describe("a connection killed mid-append", () => {
  onServer("leaves no partial batch, and the retried append succeeds once", async () => {
    const [schema, applicationName] = [uniqueSchema("kill"), `gl_kill_${v4().slice(0, 8)}`];
    const store = await database.openStore(schema, { applicationName });
    try {
      const first = event();
      await store.appendToStream("grant-1", [first])();
      const batch = [event(), event(), event()];
      const append = () => store.appendToStream("grant-1", batch, { expectedRevision: 0n })();
      const killed = await killMidAppend(schema, applicationName, "grant-1", append);
      expect(killed).toMatchObject(E.left({ _tag: "StoreUnavailable", operation: "appendToStream" }));
      expect(await streamIds(store, "grant-1")).toEqual([first.id]);
      const retried = await append();
      expect(retried).toMatchObject(E.right({ nextExpectedRevision: 3n }));
      expect(await append()).toEqual(retried);
      expect(await streamIds(store, "grant-1")).toEqual([first.id, ...batch.map((appended) => appended.id)]);
    } finally {
      await store.close();
    }
  });

  onServer("cuts off a command, which is then retried once and only once", async () => {
    const [schema, applicationName] = [uniqueSchema("killcmd"), `gl_killcmd_${v4().slice(0, 8)}`];
    const store = await database.openStore(schema, { applicationName });
    try {
      const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
      await must(ledger.openRound(crisisRound(), context()));
      await must(ledger.applyForGrant(application("g1"), context()));
      const commandId = v4();
      const evaluate = () => ledger.evaluateApplication(evaluation("g1"), context(commandId))();
      const killed = await killMidAppend(schema, applicationName, "grant-g1", evaluate);
      expect(killed).toMatchObject(E.left({ _tag: "StoreUnavailable" }));
      expect(await streamIds(store, "grant-g1")).toHaveLength(1);
      expect(await must(evaluate)).toMatchObject({ alreadyHandled: false, events: [{ event: { type: "ApplicationEvaluated" } }] });
      expect(await must(evaluate)).toMatchObject({ alreadyHandled: true });
      const read = await store.readStream("grant-g1")();
      expect(E.isRight(read) && read.right.map((recorded) => recorded.type)).toEqual(["GrantApplied", "ApplicationEvaluated"]);
    } finally {
      await store.close();
    }
  });
});
