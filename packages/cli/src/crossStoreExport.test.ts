import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresEventStore, CURRENT_SCHEMA_VERSION, type PostgresEventStore } from "@grantledger/adapters/postgres";
import { writeAuditHistory } from "./testkit/auditHistory.testkit.js";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";
import { runGrantledger, type CliRun } from "./testkit/runCliProcess.testkit.js";

/*
 * Store A is an embedded PostgreSQL in a folder, written through the command handler at its own
 * clock's times; store B is another database: a schema on the server GRANTLEDGER_PG_URL names, or
 * without one a second PGlite folder. A's export, imported into B, must come out of B byte for
 * byte, recorded times included. Then A is made to look migrated by an older library: reading
 * commands must read it as it is, and only a writing command (seal) may migrate it.
 */
const serverUrl = process.env["GRANTLEDGER_PG_URL"] || undefined;
const serverSchema = `gl_test_cli_${randomUUID().slice(0, 8)}`;

let fixture: CliFixture;
let storeA: string;
let storeB: string;
const runs = new Map<string, CliRun>();
const versions = new Map<string, number>();
const run = (name: string): CliRun => runs.get(name) ?? { code: -1, stdout: "", stderr: `step ${name} did not run` };

const openIn = async (url: string, migrate = true): Promise<PostgresEventStore> => {
  const opened = await createPostgresEventStore({ url, migrate })();
  if (E.isLeft(opened)) throw new Error(`cannot open ${url}: ${opened.left.reason}`);
  return opened.right;
};

/** The newest migration recorded in A, read through a store opened without migrating. */
const migrationOfA = async (): Promise<number> => {
  const store = await openIn(storeA, false);
  try {
    const [row] = await store.driver.query("SELECT max(version) AS version FROM grantledger.grantledger_migrations");
    return Number(row?.["version"]);
  } finally {
    await store.close();
  }
};

beforeAll(async () => {
  fixture = await createCliFixture("cross-store");
  storeA = `pglite:${join(fixture.dir, "a")}`;
  storeB = serverUrl === undefined ? `pglite:${join(fixture.dir, "b")}` : `${serverUrl}${serverUrl.includes("?") ? "&" : "?"}schema=${serverSchema}`;
  const a = await openIn(storeA);
  await writeAuditHistory(a);
  await a.close();

  const steps: [string, string[]][] = [
    ["exportA", ["export", "--store", storeA, "--out", join(fixture.dir, "a.ndjson")]],
    ["importB", ["import", join(fixture.dir, "a.ndjson"), "--to", storeB]],
    ["exportB", ["export", "--store", storeB, "--out", join(fixture.dir, "b.ndjson")]],
  ];
  for (const [name, args] of steps) runs.set(name, await runGrantledger(args));

  if (serverUrl !== undefined) await runAsAuditor();

  // As a store migrated by an earlier grantledger: one migration short of this one's.
  const behind = await openIn(storeA);
  await behind.driver.query(`DELETE FROM grantledger.grantledger_migrations WHERE version = ${CURRENT_SCHEMA_VERSION}`);
  await behind.close();
  versions.set("before", await migrationOfA());
  runs.set("verifyBehind", await runGrantledger(["verify", "--store", storeA]));
  runs.set("exportBehind", await runGrantledger(["export", "--store", storeA, "--out", join(fixture.dir, "behind.ndjson")]));
  versions.set("afterReading", await migrationOfA());
  runs.set("seal", await runGrantledger(["seal", "--store", storeA]));
  versions.set("afterSeal", await migrationOfA());
}, 180_000);

/** B on the server, read by a role with SELECT alone, as an auditor is given. */
const auditor = `gl_test_cli_auditor_${randomUUID().slice(0, 8)}`;
const runAsAuditor = async (): Promise<void> => {
  const b = await openIn(storeB);
  await b.driver.script(
    `CREATE ROLE "${auditor}" LOGIN PASSWORD 'revisjon';
     GRANT USAGE ON SCHEMA "${serverSchema}" TO "${auditor}";
     GRANT SELECT ON ALL TABLES IN SCHEMA "${serverSchema}" TO "${auditor}";`,
  );
  await b.close();
  const url = new URL(storeB);
  url.username = auditor;
  url.password = "revisjon";
  runs.set("auditorVerify", await runGrantledger(["verify", "--store", url.toString()]));
  runs.set("auditorExport", await runGrantledger(["export", "--store", url.toString(), "--out", join(fixture.dir, "auditor.ndjson")]));
  runs.set("auditorSeal", await runGrantledger(["seal", "--store", url.toString()]));
};

afterAll(async () => {
  if (serverUrl !== undefined) {
    const b = await openIn(storeB);
    await b.driver.script(`DROP SCHEMA IF EXISTS "${serverSchema}" CASCADE; DROP ROLE IF EXISTS "${auditor}"`);
    await b.close();
  }
  await fixture.remove();
});

describe(`export -> import -> export across stores (PGlite folder -> ${serverUrl === undefined ? "another PGlite folder" : "a schema on the server"})`, () => {
  it("imports A's export into B", () => {
    expect(run("exportA")).toMatchObject({ code: 0, stdout: "" });
    expect(run("importB")).toMatchObject({ code: 0, stdout: expect.stringMatching(/^imported 16 events in 5 streams into /), stderr: "" });
  });

  it("exports from B byte for byte what A exported, recorded times included", async () => {
    expect(run("exportB")).toMatchObject({ code: 0, stdout: "" });
    const a = await readFile(join(fixture.dir, "a.ndjson"), "utf8");
    const b = await readFile(join(fixture.dir, "b.ndjson"), "utf8");
    expect(a.split("\n")).toHaveLength(17);
    // A stamped its own times (not the fixture's 2009 ones): B kept them, it did not stamp anew.
    expect(a).not.toContain('"recordedAt":"2009-');
    expect(b).toBe(a);
  });
});

describe.skipIf(serverUrl === undefined)(
  serverUrl === undefined
    ? "an auditor's role with SELECT alone: SKIPPED without GRANTLEDGER_PG_URL (PGlite cannot log in as another role)"
    : "an auditor's role with SELECT alone on the server",
  () => {
    it("verifies and exports the store", async () => {
      expect(run("auditorVerify")).toMatchObject({ code: 0, stdout: expect.stringContaining("intact: 16 events in 5 streams, 1 seal verified"), stderr: "" });
      expect(run("auditorExport")).toMatchObject({ code: 0, stdout: "", stderr: expect.stringMatching(/^wrote 16 events to /) });
      expect(await readFile(join(fixture.dir, "auditor.ndjson"), "utf8")).toBe(await readFile(join(fixture.dir, "a.ndjson"), "utf8"));
    });

    it("cannot seal it: access denied, in one line", () => {
      expect(run("auditorSeal")).toMatchObject({ code: 1, stdout: "", stderr: expect.stringMatching(/^error: cannot seal postgres:.*: access denied \(appendToStream\): 42501: permission denied for table events\n$/) });
    });
  },
);

describe("reading commands on a store whose schema is behind the library", () => {
  it("verify and export read it as it is, and do not migrate it", async () => {
    expect(versions.get("before")).toBe(CURRENT_SCHEMA_VERSION - 1);
    expect(run("verifyBehind")).toMatchObject({ code: 0, stdout: expect.stringContaining("intact: 16 events in 5 streams, 1 seal verified") });
    expect(run("exportBehind")).toMatchObject({ code: 0, stdout: "" });
    expect(await readFile(join(fixture.dir, "behind.ndjson"), "utf8")).toBe(await readFile(join(fixture.dir, "a.ndjson"), "utf8"));
    expect(versions.get("afterReading")).toBe(CURRENT_SCHEMA_VERSION - 1);
  });

  it("seal, which writes, migrates it first", () => {
    expect(run("seal")).toMatchObject({ code: 0, stdout: expect.stringMatching(/^root [0-9a-f]{64}\n/) });
    expect(versions.get("afterSeal")).toBe(CURRENT_SCHEMA_VERSION);
  });
});
