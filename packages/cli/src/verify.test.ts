import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeEventHash, SEAL_STREAM, type RecordedEvent } from "@grantledger/core";
import { historyText } from "./testkit/auditHistory.testkit.js";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";
import type { CliRun } from "./testkit/runCliProcess.testkit.js";

/*
 * Each tampering is written to its own exported file and checked by the command itself, in a
 * child process. All runs start together in `beforeAll` (each costs the start-up of node and
 * tsx) and the tests read their results.
 */
let fixture: CliFixture;
let events: readonly RecordedEvent[];
/** The line (1-based) of each forged file that a test expects the break on. */
const lines = new Map<string, number>();

const at = (list: readonly RecordedEvent[], streamName: string, revision: bigint): number =>
  list.findIndex((e) => e.streamName === streamName && e.revision === revision);
const rehash = (event: RecordedEvent): RecordedEvent => ({ ...event, metadata: { ...event.metadata, hash: computeEventHash(event) } });

/** The forged histories, by name: each the clean export changed as one kind of forger would. */
const forgeries = (clean: readonly RecordedEvent[]): Record<string, readonly RecordedEvent[]> => {
  const changed = (index: number, change: (e: RecordedEvent) => RecordedEvent) => clean.map((e, i) => (i === index ? change(e) : e));
  const awardA = at(clean, "grant-a", 2n);
  const [c0, c1] = [at(clean, "grant-c", 0n), at(clean, "grant-c", 1n)];
  const swapped = [...clean];
  // Swapped in place, each keeping its revision; positions stay in order.
  swapped[c0] = { ...(clean[c1] as RecordedEvent), position: (clean[c0] as RecordedEvent).position };
  swapped[c1] = { ...(clean[c0] as RecordedEvent), position: (clean[c1] as RecordedEvent).position };
  const renumbered = [...clean];
  // The better forger renumbers the revisions and recomputes each hash: the chain still breaks.
  renumbered[c0] = rehash({ ...(clean[c1] as RecordedEvent), revision: 0n, position: (clean[c0] as RecordedEvent).position });
  renumbered[c1] = rehash({ ...(clean[c0] as RecordedEvent), revision: 1n, position: (clean[c1] as RecordedEvent).position });
  const lastOfA = clean.filter((e) => e.streamName === "grant-a").pop() as RecordedEvent;
  return {
    clean,
    amount: changed(awardA, (e) => ({ ...e, data: { ...e.data, amount: 99_000_00 } })),
    actor: changed(at(clean, "grant-b", 1n), (e) => ({ ...e, metadata: { ...e.metadata, actor: "someone-else@difi" } })),
    middle: clean.filter((e) => !(e.streamName === "grant-a" && e.revision === 1n)),
    last: clean.filter((e) => e !== lastOfA),
    swapped,
    renumbered,
    stream: clean.filter((e) => e.streamName !== "grant-c"),
    unsealed: clean.filter((e) => e.streamName !== SEAL_STREAM && e.streamName !== "grant-c"),
    unsealedClean: clean.filter((e) => e.streamName !== SEAL_STREAM),
  };
};

beforeAll(async () => {
  fixture = await createCliFixture("verify");
  const dir = fixture.dir;
  events = fixture.events;
  const forged = forgeries(events);
  for (const [name, list] of Object.entries(forged)) await writeFile(join(dir, `${name}.ndjson`), historyText(list));
  const lineOf = (name: string, streamName: string, revision: bigint) => at(forged[name] ?? [], streamName, revision) + 1;
  lines.set("amount", lineOf("amount", "grant-a", 2n));
  lines.set("actor", lineOf("actor", "grant-b", 1n));
  lines.set("middle", lineOf("middle", "grant-a", 2n));
  lines.set("last", lineOf("last", SEAL_STREAM, 0n));
  lines.set("swapped", at(forged["swapped"] ?? [], "grant-c", 1n) + 1);
  lines.set("renumbered", lineOf("renumbered", "grant-c", 0n));
  lines.set("stream", lineOf("stream", SEAL_STREAM, 0n));
  await writeFile(join(dir, "corrupt.ndjson"), historyText(events).replace(/^(.*\n.*\n).*\n/, "$1{not json\n"));

  const seal = events.find((e) => e.streamName === SEAL_STREAM) as RecordedEvent;
  const kept = `${String(seal.data["root"])}@${String(seal.data["position"])}`;
  const file = (name: string) => join(dir, `${name}.ndjson`);
  const invocations: Record<string, string[]> = {
    ...Object.fromEntries(Object.keys(forged).map((name) => [name, ["verify", "--from", file(name)]])),
    unsealed: ["verify", "--from", file("unsealed"), "--expect-root", kept],
    unsealedClean: ["verify", "--from", file("unsealedClean"), "--expect-root", kept],
    corrupt: ["verify", "--from", file("corrupt")],
    missing: ["verify", "--from", file("no-such-file")],
    noSource: ["verify"],
    badRoot: ["verify", "--from", file("clean"), "--expect-root", "not-a-root"],
    badUrl: ["verify", "--store", "ftp://example.org/history"],
    missingStore: ["verify", "--store", `pglite:${join(dir, "no-such-store")}`],
    // Nothing listens on port 1 of the loopback address: the connection is refused at once.
    esdbDown: ["verify", "--store", "esdb://127.0.0.1:1?tls=false"],
    unknownCommand: ["verfy"],
    help: ["verify", "--help"],
  };
  await fixture.runAll(invocations);
});

afterAll(() => fixture.remove());

const run = (name: string): CliRun => fixture.run(name);

/** Exit 1, the break on stdout naming kind, place and line, nothing on stderr. */
const expectBreak = (name: string, where: string) => {
  const { code, stdout, stderr } = run(name);
  expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
  expect(stdout).toMatch(/^history broken: /);
  expect(stdout).toContain(where);
  if (lines.has(name)) expect(stdout.trim()).toMatch(new RegExp(`\\[[^\\]]*${name}\\.ndjson:${lines.get(name)}\\]$`));
  return stdout;
};

describe("grantledger verify on exported histories", () => {
  it("passes a clean history, with counts and throughput", () => {
    const { code, stdout, stderr } = run("clean");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(`intact: ${events.length} events in 5 streams, 1 seal verified (up to position ${events.length - 1})`);
    expect(stdout).toMatch(/verified in \d+\.\d\d s: [\d ]+ events\/s/);
  });

  it("catches a changed amount at its event, expected vs found hash", () => {
    const award = events[at(events, "grant-a", 2n)] as RecordedEvent;
    const out = expectBreak("amount", `content-hash at grant-a@2 (position ${award.position}): expected `);
    expect(out).toContain(`found ${String(award.metadata["hash"])}`);
  });

  it("catches a changed actor in the metadata", () => {
    expectBreak("actor", "content-hash at grant-b@1");
  });

  it("catches an event removed from the middle of a stream", () => {
    expectBreak("middle", "revision-gap at grant-a@2 (position 8): expected 1, found 2");
  });

  it("catches two events swapped", () => {
    expectBreak("swapped", "revision-gap at grant-c@1 (position 5): expected 0, found 1");
  });

  it("catches two events swapped even when renumbered and re-hashed", () => {
    expectBreak("renumbered", "chain-link at grant-c@0");
  });

  it("catches a stream's last event removed, through the seal", () => {
    expectBreak("last", `seal-root at seal@0 (position ${events.length - 1})`);
  });

  it("catches a whole stream removed, through the seal", () => {
    expectBreak("stream", `seal-root at seal@0 (position ${events.length - 1})`);
  });

  it("checks a root kept outside the store, which outlives the seal stream", () => {
    expectBreak("unsealed", "expected-root at (kept root) (position 14)");
    expect(run("unsealedClean")).toMatchObject({ code: 0, stderr: "" });
    expect(run("unsealedClean").stdout).toContain("0 seals and 1 kept root verified");
  });
});

describe("grantledger verify errors", () => {
  const expectOneLineError = (name: string, code: number, pattern: RegExp) => {
    const result = run(name);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  };

  it("names the line of a corrupt history (exit 1)", () => expectOneLineError("corrupt", 1, /^error: .*corrupt\.ndjson:3: not a recorded event: not JSON/));
  it("names a missing file (exit 1)", () => expectOneLineError("missing", 1, /^error: cannot read .*no-such-file\.ndjson: no such file/));
  it("refuses a command line without a history (exit 2)", () => expectOneLineError("noSource", 2, /^error: no history to read: give --store <url>/));
  it("refuses a malformed kept root (exit 2)", () => expectOneLineError("badRoot", 2, /^error: --expect-root "not-a-root" is not <root>@<position>/));
  it("does not verify a mistyped pglite:DIR as a new empty store (exit 1)", () =>
    expectOneLineError("missingStore", 1, /^error: cannot open pglite:.*no-such-store: no such directory \(only import creates a store\)\n$/));
  it("names an EventStoreDB it cannot reach (exit 1)", () =>
    expectOneLineError("esdbDown", 1, /^error: cannot read esdb:\/\/127\.0\.0\.1:1\?tls=false: the store is unavailable \(readAll\): .*ECONNREFUSED/));
  it("refuses an unknown store URL (exit 2)", () => expectOneLineError("badUrl", 2, /^error: unknown store URL "ftp:\/\/example\.org\/history"/));
  it("refuses an unknown command, with a suggestion (exit 2)", () => expectOneLineError("unknownCommand", 2, /^error: unknown command 'verfy'.*verify/));

  it("explains itself with --help (exit 0)", () => {
    expect(run("help").code).toBe(0);
    expect(run("help").stdout).toContain("Usage: grantledger verify [options]");
    expect(run("help").stdout).toContain("--expect-root <root@position>");
  });
});
