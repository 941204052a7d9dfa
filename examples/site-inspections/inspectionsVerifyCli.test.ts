import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeEventHash, type RecordedEvent } from "@grantledger/core";
import { formatHistoryLine } from "@grantledger/cli";
import { context, grantsIn, handlerOver, historyOf, must, visit } from "./inspections.testkit.js";

/*
 * `grantledger verify` on an exported history holding inspection events, run as a user runs it
 * (a child process, from the repository root): with `--events` naming the module that exports
 * the stream type it verifies them like any other; without it, it stops at the first one.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MODULE = "examples/site-inspections/inspections.ts";

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}
const grantledger = (args: readonly string[]): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=@grantledger/source", "packages/cli/src/main.ts", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });

let dir: string;
let events: RecordedEvent[];
const runs = new Map<string, Run>();
const run = (name: string): Run => runs.get(name) ?? { code: null, stdout: "", stderr: `no run ${name}` };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gl-inspections-cli-"));
  const store = await grantsIn();
  await must(handlerOver(store).execute({ type: "RecordInspection", data: visit("i1") }, context()));
  events = await historyOf(store);
  const write = (name: string, list: readonly RecordedEvent[]) => writeFile(join(dir, `${name}.ndjson`), list.map((e) => `${formatHistoryLine(e)}\n`).join(""));
  await write("clean", events);
  // Data the codec refuses, re-hashed so that only decoding can catch it.
  await write("forged", events.map((e) => (e.type === "InspectionRecorded" ? ((f) => ({ ...f, metadata: { ...f.metadata, hash: computeEventHash(f) } }))({ ...e, data: { ...e.data, finding: "excellent" } }) : e)));
  await writeFile(join(dir, "none.mjs"), "export const nothing = 1;\n");
  const file = (name: string) => join(dir, `${name}.ndjson`);
  const invocations: Record<string, readonly string[]> = {
    withEvents: ["verify", "--from", file("clean"), "--events", MODULE],
    withoutEvents: ["verify", "--from", file("clean")],
    forged: ["verify", "--from", file("forged"), "--events", MODULE],
    missingModule: ["verify", "--from", file("clean"), "--events", join(dir, "no-such-module.mjs")],
    noStreamType: ["verify", "--from", file("clean"), "--events", join(dir, "none.mjs")],
  };
  const results = await Promise.all(Object.entries(invocations).map(async ([name, args]) => [name, await grantledger(args)] as const));
  for (const [name, result] of results) runs.set(name, result);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("grantledger verify --events", () => {
  it("verifies the inspection events by the codecs of the stream types the module exports", () => {
    const { code, stdout, stderr } = run("withEvents");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(`intact: ${events.length} events in 4 streams, 0 seals verified`);
  });

  it("without it, stops at the first inspection event, saying how to give its definitions", () => {
    const { code, stdout, stderr } = run("withoutEvents");
    const first = events.findIndex((e) => e.type === "InspectionRecorded");
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    expect(stdout).toContain(`history broken: undecodable at inspection-i1@0 (position ${events[first]?.position})`);
    expect(stdout).toContain('unknown event type "InspectionRecorded"');
    expect(stdout.trim()).toMatch(/\(an event type of your own\? give the module that exports its stream type with --events <module>\)$/);
  });

  it("catches inspection data its codec refuses, even re-hashed", () => {
    const { code, stdout } = run("forged");
    expect(code).toBe(1);
    expect(stdout).toContain("undecodable at inspection-i1@0");
    expect(stdout).toContain("event.data.finding");
  });

  it("refuses a module it cannot load, or one that exports no stream type, as a usage error", () => {
    expect(run("missingModule")).toMatchObject({ code: 2, stderr: expect.stringContaining("--events") });
    expect(run("missingModule").stderr).toContain("cannot load it");
    expect(run("noStreamType")).toMatchObject({ code: 2, stderr: expect.stringContaining("exports no stream type") });
  });
});
