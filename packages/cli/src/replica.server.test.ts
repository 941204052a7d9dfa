import * as E from "fp-ts/lib/Either.js";
import { createPostgresEventStore, type PostgresEventStore } from "@grantledger/adapters/postgres";
import { readAllPages, type RecordedEvent } from "@grantledger/core";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { getGrant, startGrantEngine, type GrantEngine } from "@grantledger/projections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "./testkit/auditHistory.testkit.js";
import { startReplicaPair, type ReplicaPair } from "./testkit/replicaPair.testkit.js";
import { runGrantledger } from "./testkit/runCliProcess.testkit.js";

/*
 * Beyond one machine: a real primary and a streaming replica (initdb, pg_basebackup -R, two
 * postgres processes on their own ports). Commands write to the primary; the read models follow
 * the replica; settled() still means "everything on the primary when called", waiting out the
 * replica's lag (replay paused, then resumed); the replica refuses writes; the CLI's reading
 * commands and verify run against the replica and agree with the primary.
 */
const SCHEMA = "replicated";
let pair: ReplicaPair;
let primary: PostgresEventStore;
let replica: PostgresEventStore;
let engine: GrantEngine;

const open = async (url: string, migrate: boolean): Promise<PostgresEventStore> => {
  // The replica sees the schema once it has replayed the primary's migration: try until then.
  for (let attempt = 0; ; attempt++) {
    const opened = await createPostgresEventStore({ url, schema: SCHEMA, migrate, pollIntervalMs: 20 })();
    if (E.isRight(opened)) return opened.right;
    if (attempt === 100) throw new Error(`cannot open ${url}: ${JSON.stringify(opened.left)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const by = (commandId: string, actor = "saksbehandler@difi") => ({ commandId, actor });

const applyAndEvaluate = async (grantId: string): Promise<void> => {
  await must(
    engine.ledger.applyForGrant(
      {
        grantId,
        roundId: "krise-2009-1",
        applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
        participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 10_000 }],
        project: { title: `Prosjekt ${grantId}` },
        totalCost: 50_000_000,
        requested: 10_000_000,
        appliedAt: "2009-04-01T10:00:00+02:00",
      },
      by(`apply-${grantId}`),
    ),
  );
  await must(engine.ledger.evaluateApplication({ grantId, score: 80, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-01T10:00:00+02:00" }, by(`evaluate-${grantId}`, "fagpanel@difi")));
};

const everything = async (store: PostgresEventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of readAllPages(store)) events.push(event);
  return events;
};

beforeAll(async () => {
  pair = startReplicaPair(56_000 + Math.floor(Math.random() * 4_000) * 2);
  primary = await open(pair.primaryUrl, true);
  replica = await open(pair.replicaUrl, false);
  engine = await must(startGrantEngine({ store: primary, readStore: replica, historical: HISTORICAL_FIXTURES }));
  await must(
    engine.ledger.openRound(
      {
        roundId: "krise-2009-1",
        name: "Krisepakke 2009, runde 1",
        funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
        budget: 2_000_000_000,
        policy: { maxShareBps: 2000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
        applicationDeadline: "2009-04-15T23:59:59+02:00",
        disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
      },
      by("open-round"),
    ),
  );
}, 120_000);

afterAll(async () => {
  await engine?.stop();
  await replica?.close();
  await primary?.close();
  pair?.stop();
});

describe("a primary and a streaming replica", () => {
  it("reads its own write through read models that follow the replica", async () => {
    await applyAndEvaluate("a");
    await must(engine.ledger.awardGrant({ grantId: "a", amount: 10_000_000, disbursementPlan: [{ due: "2009-09-01", amount: 10_000_000 }], conditions: [], awardedAt: "2009-06-15T12:00:00+02:00" }, by("award-a", "direktor@difi")));
    const states = await must(engine.settled());
    expect(getGrant(states.grantRegister, "a")).toMatchObject({ status: "awarded", awarded: 10_000_000 });
  });

  it("waits out the replica's lag: settled() answers only once the replica has replayed the write", async () => {
    pair.pauseReplay();
    let resumed = false;
    try {
      await applyAndEvaluate("b");
      let answered = false;
      const settled = engine.settled()().then((states) => {
        answered = true;
        expect(resumed).toBe(true);
        return states;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(answered).toBe(false);
      // While paused, the replica does not have the write the primary has.
      expect((await everything(replica)).length).toBeLessThan((await everything(primary)).length);
      resumed = true;
      pair.resumeReplay();
      const states = await settled;
      expect(E.isRight(states) && getGrant(states.right.grantRegister, "b")?.status).toBe("evaluated");
    } finally {
      if (!resumed) pair.resumeReplay();
    }
  });

  it("refuses a write on the replica, and the primary's history is unchanged", async () => {
    const before = await everything(primary);
    const refused = await replica.appendToStream("grant-z", [{ id: "7f1c8b50-6a0c-4a43-9d2e-3f8f8f1d9a01", type: "GrantApplied", data: {}, metadata: {} }], { expectedRevision: "no_stream" })();
    expect(E.isLeft(refused)).toBe(true);
    expect(await everything(primary)).toEqual(before);
  });

  it("answers the CLI's reading commands and verify from the replica as the primary does", async () => {
    await must(engine.settled());
    const at = (url: string) => `${url}?schema=${SCHEMA}`;
    const [fromPrimary, fromReplica] = await Promise.all([pair.primaryUrl, pair.replicaUrl].map((url) => runGrantledger(["totals", "--by", "grant", "--format", "json", "--store", at(url)])));
    expect(fromReplica?.code).toBe(0);
    const rows = (run: typeof fromPrimary) => (JSON.parse(run?.stdout ?? "{}") as { rows: unknown }).rows;
    expect(rows(fromReplica)).toEqual(rows(fromPrimary));
    const verified = await runGrantledger(["verify", "--store", at(pair.replicaUrl)]);
    expect({ code: verified.code, stderr: verified.stderr }).toEqual({ code: 0, stderr: "" });
    expect(verified.stdout).toContain("intact");
  });
});
