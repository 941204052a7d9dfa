import * as E from "fp-ts/lib/Either.js";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeEventHash, decodeRecordedEvent, replayRules, type RecordedEvent } from "@grantledger/core";
import { writtenAtVersionOne } from "@grantledger/core/testing";
import { loadHistoryFile } from "./history/historyFile.js";
import { allEvents, historyText } from "./testkit/auditHistory.testkit.js";
import { REPO_ROOT, runGrantledger, type CliRun } from "./testkit/runCliProcess.testkit.js";
import { buildVersionOneStory } from "./testkit/versionOneStory.testkit.js";

/*
 * test-data/history-v1.ndjson was written and exported by the code of before the event versions
 * (test-data/history-v1.md): every GrantDisbursed at version 1, without valueDate. Today's
 * reader must still replay, verify and project it, with the totals that code gave
 * (test-data/history-v1.before/).
 */
const DATA = join(REPO_ROOT, "packages/cli/test-data");
const FILE = join(DATA, "history-v1.ndjson");
const before = async (name: string): Promise<string> => readFile(join(DATA, "history-v1.before", name), "utf8");

let stored: readonly RecordedEvent[];
let dir: string;
const runs = new Map<string, CliRun>();
const run = (name: string): CliRun => runs.get(name) as CliRun;

/** The stored history with one event changed, written to its own file. */
const forged = async (name: string, change: (event: RecordedEvent) => RecordedEvent | undefined): Promise<string> => {
  const file = join(dir, `${name}.ndjson`);
  await writeFile(file, historyText(stored.map((event) => change(event) ?? event)));
  return file;
};
const firstPayment = (event: RecordedEvent): boolean => event.type === "GrantDisbursed" && event.streamName === "grant-minside" && event.revision === 3n;

beforeAll(async () => {
  stored = await loadHistoryFile(FILE);
  dir = await mkdtemp(join(tmpdir(), "grantledger-history-v1-"));
  const newer = await forged("newer", (event) => (firstPayment(event) ? { ...event, metadata: { ...event.metadata, schemaVersion: 3 } } : undefined));
  const valued = await forged("valued", (event) => (firstPayment(event) ? { ...event, data: { ...event.data, valueDate: "2010-01-04" } } : undefined));
  const invocations: Record<string, readonly string[]> = {
    verify: ["verify", "--from", FILE, "--rules"],
    newer: ["verify", "--from", newer],
    valued: ["verify", "--from", valued],
    csv: ["export", "--from", FILE, "--format", "csv"],
    threeSixty: ["export", "--from", FILE, "--format", "360giving"],
  };
  for (const by of ["municipality", "round", "grant"]) invocations[`totals-${by}`] = ["totals", "--from", "packages/cli/test-data/history-v1.ndjson", "--by", by, "--format", "json"];
  const results = await Promise.all(Object.entries(invocations).map(async ([name, args]) => [name, await runGrantledger(args)] as const));
  for (const [name, result] of results) runs.set(name, result);
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("a stored version-1 history, read by today's code", () => {
  it("is what it says: version-1 payments without a value date, every event at version 1", () => {
    const payments = stored.filter((event) => event.type === "GrantDisbursed");
    expect(payments).toHaveLength(4);
    for (const payment of payments) expect(payment.data).not.toHaveProperty("valueDate");
    for (const event of stored) expect(event.metadata["schemaVersion"]).toBe(1);
  });

  it("verifies intact, with every rule replayed (grantledger verify --from … --rules)", () => {
    expect(run("verify").code).toBe(0);
    expect(run("verify").stdout).toContain("intact: 17 events in 4 streams, 1 seal verified");
    expect(run("verify").stdout).toContain("rules: 17 events of 2 grants and 1 round replayed through the deciders, no rule broken");
  });

  it("replays through the deciders in process, and decodes each payment in the current shape with the day of its disbursedAt as value date", async () => {
    const replayed = await replayRules(stored);
    expect(E.isRight(replayed) && replayed.right.events).toBe(17);
    const values = stored.filter((event) => event.type === "GrantDisbursed").map((event) => {
      const decoded = decodeRecordedEvent(event);
      if (E.isLeft(decoded)) throw new Error(decoded.left.reason);
      // The recorded event and its metadata stay as stored.
      expect(decoded.right.recorded).toBe(event);
      expect(decoded.right.metadata.schemaVersion).toBe(1);
      return decoded.right.event.type === "GrantDisbursed" ? decoded.right.event.data.valueDate : undefined;
    });
    // The payment booked at 2009-12-30T15:30+01:00 is of value that day, as version 1 took it.
    expect(values).toEqual(["2009-07-02", "2009-12-30", "2010-01-06", "2010-07-02"]);
  });

  it("keeps the hash over what was stored, never over the upcast form", () => {
    for (const event of stored.filter((candidate) => candidate.type === "GrantDisbursed")) {
      expect(computeEventHash(event)).toBe(event.metadata["hash"]);
      const decoded = decodeRecordedEvent(event);
      if (E.isLeft(decoded)) throw new Error(decoded.left.reason);
      const upcast = { ...event, data: decoded.right.event.data };
      expect(computeEventHash(upcast)).not.toBe(event.metadata["hash"]);
    }
  });

  it("projects the totals the version-1 code gave, to the øre", async () => {
    expect(JSON.parse(run("totals-municipality").stdout)).toEqual(JSON.parse(await before("totals-municipality.json")));
    expect(JSON.parse(run("totals-round").stdout)).toEqual(JSON.parse(await before("totals-round.json")));
    expect(run("csv").stdout).toBe(await before("register.csv"));
    expect(JSON.parse(run("threeSixty").stdout)).toEqual(JSON.parse(await before("360giving.json")));
  });

  it("gives each grant of the register the figures it had, and the value date of its last payment", async () => {
    const then = JSON.parse(await before("totals-grant.json")) as { rows: Record<string, unknown>[] };
    const now = JSON.parse(run("totals-grant").stdout) as { rows: Record<string, unknown>[] };
    const lastValueDates: Record<string, string> = { ebygg: "2010-07-02", minside: "2010-01-06" };
    expect(now).toEqual({ ...then, rows: then.rows.map((row) => ({ ...row, lastValueDate: lastValueDates[row["grantId"] as string] })) });
  });

  it("refuses a version newer than the reader knows, naming stream, revision, type and version", () => {
    expect(run("newer").code).toBe(1);
    expect(run("newer").stdout).toMatch(
      /^history broken: undecodable at grant-minside@3 \(position \d+\): expected a valid GrantDisbursed, found metadata\.schemaVersion: version 3 of GrantDisbursed is newer than this reader knows \(its current version is 2\)/,
    );
  });

  it("refuses a version-1 event that carries a value date: version 1 had none", () => {
    expect(run("valued").code).toBe(1);
    expect(run("valued").stdout).toMatch(/undecodable at grant-minside@3 .*found event\.data\.valueDate: .*\(read as version 1 of GrantDisbursed\)/);
  });

  it("is what today's code writes for the same commands, each payment's value date left out and every event at version 1 (the model of the version-1 writer the property tests use)", async () => {
    const today = await allEvents(await buildVersionOneStory());
    const payments = today.filter((event) => event.type === "GrantDisbursed");
    expect(payments.map((event) => event.metadata["schemaVersion"])).toEqual([2, 2, 2, 2]);
    expect(historyText(writtenAtVersionOne(today))).toBe(historyText(stored.filter((event) => event.streamName !== "seal")));
  });
});
