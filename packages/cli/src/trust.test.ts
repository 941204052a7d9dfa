import { execFileSync, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeEventHash, SEAL_STREAM, type RecordedEvent } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { allEvents, historyText, writeAuditHistory } from "./testkit/auditHistory.testkit.js";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";
import { runGrantledger, type CliRun } from "./testkit/runCliProcess.testkit.js";
import { formatHistoryLine } from "./history/historyLine.js";

/*
 * The six attacks of the trust issue, each tried as a hostile operator would on a sealed export,
 * and the signed-seal and proof commands. Every forged file is written by the export code, so
 * each is a valid line format; only what the forger changed differs.
 */
let fixture: CliFixture;
let events: readonly RecordedEvent[];
let sealed: RecordedEvent;
const runs = new Map<string, CliRun>();
const file = (name: string) => join(fixture.dir, `${name}.ndjson`);
const run = (name: string): CliRun => {
  const found = runs.get(name);
  if (found === undefined) throw new Error(`no run ${name}`);
  return found;
};
const at = (list: readonly RecordedEvent[], streamName: string, revision: bigint): number =>
  list.findIndex((e) => e.streamName === streamName && e.revision === revision);
const rehash = (event: RecordedEvent): RecordedEvent => ({ ...event, metadata: { ...event.metadata, hash: computeEventHash(event) } });
/** Positions renumbered 0, 1, 2 … in list order, as a forger reordering events would. */
const renumber = (list: readonly RecordedEvent[]): RecordedEvent[] => list.map((e, i) => ({ ...e, position: BigInt(i) }));
const keptRoot = (): string => `${String(sealed.data["root"])}@${String(sealed.data["position"])}`;

const keys = () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() };
};

/** A history sealed by the CLI itself (signed with `key`), exported: what an auditor receives. */
const sealedExport = async (dir: string, name: string, args: readonly string[]): Promise<{ store: string; file: string; seal: CliRun }> => {
  const store = `pglite:${join(dir, `${name}-store`)}`;
  const source = join(dir, `${name}-source.ndjson`);
  const memory = createMemoryEventStore({ now: (() => { let tick = 0; return () => new Date(Date.UTC(2009, 5, 1) + tick++ * 60_000); })() });
  await writeAuditHistory(memory, "");
  await writeFile(source, historyText(await allEvents(memory)));
  const imported = await runGrantledger(["import", source, "--to", store]);
  if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
  const seal = await runGrantledger(["seal", "--store", store, "--actor", "revisor@riksrevisjonen", ...args]);
  if (seal.code !== 0) throw new Error(`seal failed: ${seal.stderr}`);
  const out = join(dir, `${name}.ndjson`);
  const exported = await runGrantledger(["export", "--store", store, "--out", out]);
  if (exported.code !== 0) throw new Error(`export failed: ${exported.stderr}`);
  return { store, file: out, seal };
};

let signer: { privateKey: string; publicKey: string };
let other: { privateKey: string; publicKey: string };
let signedFile: string;
let signedSeal: CliRun;

beforeAll(async () => {
  fixture = await createCliFixture("trust");
  events = fixture.events;
  sealed = events.find((e) => e.streamName === SEAL_STREAM) as RecordedEvent;
  const sealIndex = events.indexOf(sealed);
  const before = events.slice(0, sealIndex);
  const write = (name: string, list: readonly RecordedEvent[]) => writeFile(file(name), historyText(list));

  // 2. One event's recorded time moved to 2099.
  const disbursed = events.findIndex((e) => e.type === "GrantDisbursed");
  await write("time", events.map((e, i) => (i === disbursed ? { ...e, recordedAt: "2099-01-01T00:00:00.000Z" } : e)));
  // 3. Two events of different streams swapped, positions renumbered; a disbursement moved later.
  const [x, y] = [at(events, "grant-b", 0n), at(events, "grant-a", 1n)];
  const swapped = [...events];
  swapped[x] = events[y] as RecordedEvent;
  swapped[y] = events[x] as RecordedEvent;
  await write("swapped", renumber(swapped));
  // The rejection of c moved after both of a's payments: a later place in the global order, its own stream's order kept.
  const rejected = events.findIndex((e) => e.type === "GrantRejected");
  const lastPayment = events.map((e) => e.type).lastIndexOf("GrantDisbursed");
  const moved = before.filter((_, i) => i !== rejected);
  moved.splice(lastPayment, 0, events[rejected] as RecordedEvent);
  await write("moved", renumber([...moved, ...events.slice(sealIndex)]));
  // 4. The seal line spelled two other ways that JSON.parse reads the same.
  const sealLine = formatHistoryLine(sealed);
  const lastCut = [...before.slice(0, -1)];
  const spaced = sealLine.replace('{"streamName":"seal",', '{"streamName":"seal" ,');
  const escaped = sealLine.replace('{"streamName":"seal",', '{"streamName":"se\\u0061l",');
  await writeFile(file("spaced"), `${historyText(lastCut)}${spaced}\n`);
  await writeFile(file("escaped"), `${historyText(lastCut)}${escaped}\n`);
  // 5. The seal stream removed with a whole grant stream; the whole history re-hashed after a changed amount.
  await write("noSeals", events.filter((e) => e.streamName !== SEAL_STREAM && e.streamName !== "grant-c"));
  // 6. Chains that hold, rules that do not: 9 000 000 000 kr paid on a 50 000 kr award.
  const paid = events.map((e, i) => (i === disbursed ? rehash({ ...e, data: { ...e.data, amount: 900_000_000_000 } }) : e));
  await write("overpaid", rechain(paid.filter((e) => e.streamName !== SEAL_STREAM)));

  signer = keys();
  other = keys();
  await writeFile(join(fixture.dir, "signer.pem"), signer.privateKey);
  await writeFile(join(fixture.dir, "signer.pub.pem"), signer.publicKey);
  await writeFile(join(fixture.dir, "other.pub.pem"), other.publicKey);
  await writeFile(join(fixture.dir, "garbage.pem"), "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n");
  const signed = await sealedExport(fixture.dir, "signed", ["--key", join(fixture.dir, "signer.pem")]);
  signedFile = signed.file;
  signedSeal = signed.seal;
  const signedEvents = (await readFile(signedFile, "utf8")).trim().split("\n");
  // The operator changes an amount, re-hashes every chain and re-seals without the key (an unsigned v2 seal by hand is not needed: dropping the signed seal suffices).
  await writeFile(join(fixture.dir, "resealed.ndjson"), `${signedEvents.filter((line) => !line.startsWith('{"streamName":"seal"')).join("\n")}\n`);

  const invocations: Record<string, string[]> = {
    time: ["verify", "--from", file("time")],
    timeKept: ["verify", "--from", file("time"), "--expect-root", keptRoot()],
    swapped: ["verify", "--from", file("swapped")],
    moved: ["verify", "--from", file("moved"), "--expect-root", keptRoot()],
    spaced: ["verify", "--from", file("spaced")],
    escaped: ["verify", "--from", file("escaped")],
    noSeals: ["verify", "--from", file("noSeals")],
    noSealsKept: ["verify", "--from", file("noSeals"), "--expect-root", keptRoot()],
    overpaid: ["verify", "--from", file("overpaid")],
    overpaidRules: ["verify", "--from", file("overpaid"), "--rules"],
    overpaidImport: ["import", file("overpaid"), "--to", `pglite:${join(fixture.dir, "overpaid-store")}`],
    overpaidNoRules: ["import", file("overpaid"), "--to", `pglite:${join(fixture.dir, "overpaid-store-2")}`, "--no-rules"],
    cleanRules: ["verify", "--from", fixture.file, "--rules"],
    signedGood: ["verify", "--from", signedFile, "--public-key", join(fixture.dir, "signer.pub.pem")],
    signedOther: ["verify", "--from", signedFile, "--public-key", join(fixture.dir, "other.pub.pem")],
    resealed: ["verify", "--from", join(fixture.dir, "resealed.ndjson"), "--public-key", join(fixture.dir, "signer.pub.pem")],
    unsignedDemanded: ["verify", "--from", fixture.file, "--public-key", join(fixture.dir, "signer.pub.pem")],
    missingKey: ["verify", "--from", signedFile, "--public-key", join(fixture.dir, "no-such.pem")],
    garbageKey: ["verify", "--from", signedFile, "--public-key", join(fixture.dir, "garbage.pem")],
    publicAsPrivate: ["seal", "--store", "memory:", "--key", join(fixture.dir, "signer.pub.pem")],
  };
  const results = await Promise.all(Object.entries(invocations).map(async ([name, args]) => [name, await runGrantledger(args)] as const));
  for (const [name, result] of results) runs.set(name, result);
});

afterAll(() => fixture.remove());

/** Re-links every stream's chain after a change, as a forger who knows the scheme would. */
function rechain(list: readonly RecordedEvent[]): RecordedEvent[] {
  const tails = new Map<string, string | null>();
  return list.map((event) => {
    const linked = rehash({ ...event, metadata: { ...event.metadata, prevHash: tails.get(event.streamName) ?? null } });
    tails.set(event.streamName, String(linked.metadata["hash"]));
    return linked;
  });
}

const expectBroken = (name: string, pattern: RegExp): void => {
  const { code, stdout } = run(name);
  expect(code).toBe(1);
  expect(stdout).toMatch(pattern);
};

describe("the attacks that fooled verify", () => {
  it("2. catches a recorded time moved to 2099, through the seal and through a kept root", () => {
    expectBroken("time", /^history broken: seal-root at seal@0/);
    expectBroken("timeKept", /^history broken: seal-root at seal@0/);
  });

  it("3. catches events of two streams swapped and an event moved later in the global order, positions renumbered", () => {
    expectBroken("swapped", /^history broken: seal-root at seal@0/);
    expectBroken("moved", /^history broken: seal-root at seal@0/);
  });

  it("4. refuses a seal line spelled with a space or an escape, naming its line, instead of reading it twice", () => {
    for (const name of ["spaced", "escaped"]) {
      const { code, stderr, stdout } = run(name);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toMatch(new RegExp(`${name}\\.ndjson:${events.indexOf(sealed)}: .*canonical`));
    }
  });

  it("5. says plainly that a history without seals is covered by none, and a kept root catches the removal", () => {
    const { code, stdout } = run("noSeals");
    expect(code).toBe(0);
    expect(stdout).toMatch(/0 seals verified/);
    expect(stdout).toMatch(/unsealed: the last \d+ events are covered by no version-2 seal/);
    expectBroken("noSealsKept", /^history broken: expected-root at \(kept root\)/);
  });

  it("5. with signatures demanded, a history whose signed seal was removed (to re-hash under it) does not verify", () => {
    expectBroken("resealed", /^history broken: seal-signature at seal.*no signed seal/);
    expectBroken("unsignedDemanded", /^history broken: seal-signature at seal.*no signed seal/);
  });

  it("6. replays the rules: a consistent chain that pays 9 000 000 000 kr on a 50 000 kr award is named", () => {
    expect(run("overpaid").code).toBe(0);
    expectBroken("overpaidRules", /^history breaks a rule: rule \w+ broken by GrantDisbursed at grant-a@\d/);
    expect(run("overpaidImport")).toMatchObject({ code: 1, stderr: expect.stringMatching(/refused to import .*nothing written: history breaks a rule/) });
    const unchecked = run("overpaidNoRules");
    expect(unchecked.code).toBe(0);
    expect(unchecked.stderr).toContain("the business rules were not replayed (--no-rules)");
  });

  it("replays a clean history's rules without a break", () => {
    const { code, stdout } = run("cleanRules");
    expect(code).toBe(0);
    expect(stdout).toMatch(/rules: \d+ events of 3 grants and 1 round replayed through the deciders, no rule broken/);
  });
});

describe("signed seals", () => {
  it("seal --key signs, and verify --public-key says who signed what", () => {
    expect(signedSeal.stdout).toMatch(/signed by key [0-9a-f]{64}/);
    const { code, stdout } = run("signedGood");
    expect(code).toBe(0);
    expect(stdout).toMatch(/signed: seal@1 \(\d+ events, root [0-9a-f]{12}…\) by key [0-9a-f]{64} \(trusted\), given by revisor@riksrevisjonen/);
  });

  it("a seal signed with one key fails with another", () => {
    expectBroken("signedOther", /^history broken: seal-signature at seal@1/);
  });

  it("an unreadable or wrong key file is one line and exit 2", () => {
    expect(run("missingKey")).toMatchObject({ code: 2, stdout: "", stderr: expect.stringMatching(/^error: --public-key .*no-such\.pem: no such file\n$/) });
    expect(run("garbageKey")).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: --public-key .*garbage\.pem: not a PEM public key\n$/) });
    expect(run("publicAsPrivate")).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: --key .*: not a PEM private key\n$/) });
  });
});

describe("1. import appends exactly what it verified", () => {
  it("reads a FIFO once: a file that would serve a changed amount to a second read is imported as first read, and verifies", async () => {
    const fifo = join(fixture.dir, "history.fifo");
    execFileSync("mkfifo", [fifo]);
    const intact = fixture.text;
    const award = at(events, "grant-a", 2n);
    const changed = historyText(events.map((e, i) => (i === award ? { ...e, data: { ...e.data, amount: 99_000_00 } } : e)));
    // A writer that serves the intact history to the first three opens and the changed one to later opens
    // (closing in between, so that each open reads one whole file).
    const writer = spawn(process.execPath, ["-e", `const fs=require("fs");const texts=${JSON.stringify([intact, intact, intact, changed, changed])};(async()=>{for(const t of texts){await new Promise((ok)=>{const s=fs.createWriteStream(${JSON.stringify(fifo)});s.on("error",ok);s.end(t,ok);});await new Promise((ok)=>setTimeout(ok,300));}})();`], { stdio: "ignore" });
    try {
      const target = `pglite:${join(fixture.dir, "fifo-store")}`;
      const imported = await runGrantledger(["import", fifo, "--to", target]);
      expect(imported.stderr).not.toMatch(/^error/m);
      expect(imported.code).toBe(0);
      const verified = await runGrantledger(["verify", "--store", target]);
      expect(verified.code).toBe(0);
      const history = await runGrantledger(["history", "a", "--store", target]);
      expect(history.stdout).toContain("50 000,00 kr");
      expect(history.stdout).not.toContain("99 000,00 kr");
    } finally {
      writer.kill();
    }
  });
});

describe("proofs an auditor checks alone", () => {
  const printed = (seal: CliRun, field: string): string => new RegExp(`^${field} (\\S+)$`, "m").exec(seal.stdout)?.[1] ?? "";

  it("prove --event / verify-proof: an award in the signed seal, by its root or by the sealer's key; not by another root or key", async () => {
    const position = printed(signedSeal, "position");
    const root = printed(signedSeal, "root");
    const proof = join(fixture.dir, "award-a.proof.json");
    const proved = await runGrantledger(["prove", "--from", signedFile, "--event", "grant-a@2", "--seal", position, "--out", proof]);
    expect(proved).toMatchObject({ code: 0, stderr: expect.stringMatching(/^wrote .*award-a\.proof\.json \(\d+ bytes, \d+ hashes in the path\)/) });
    const [byRoot, byKey, wrongRoot, wrongKey, nothing] = await Promise.all([
      runGrantledger(["verify-proof", proof, "--root", `${root}@${position}`]),
      runGrantledger(["verify-proof", proof, "--public-key", join(fixture.dir, "signer.pub.pem")]),
      runGrantledger(["verify-proof", proof, "--root", `${"0".repeat(64)}@${position}`]),
      runGrantledger(["verify-proof", proof, "--public-key", join(fixture.dir, "other.pub.pem")]),
      runGrantledger(["verify-proof", proof]),
    ]);
    expect(byRoot).toMatchObject({ code: 0, stdout: expect.stringMatching(/^proof holds: grant-a@2 \(GrantAwarded, recorded .*\) is event \d+ of the \d+ sealed by root [0-9a-f]{64} \(position \d+\)\ntrusted by: a kept root\n$/) });
    expect(byKey).toMatchObject({ code: 0, stdout: expect.stringContaining("trusted by: a signature by trusted key") });
    expect(wrongRoot).toMatchObject({ code: 1, stdout: expect.stringMatching(/^proof fails: the seal's root .* is not the kept root 0{64}/) });
    expect(wrongKey).toMatchObject({ code: 1, stdout: expect.stringMatching(/^proof fails: .*not by a trusted key/) });
    expect(nothing).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: give what you trust/) });
  });

  it("prove --from-seal / --to-seal: the signed seal extends the earlier one, and a tampered proof fails", async () => {
    const from = String(sealed.data["position"]);
    const to = printed(signedSeal, "position");
    const proof = join(fixture.dir, "extends.proof.json");
    expect(await runGrantledger(["prove", "--from", signedFile, "--from-seal", from, "--to-seal", to, "--out", proof])).toMatchObject({ code: 0 });
    const checked = await runGrantledger(["verify-proof", proof, "--root", keptRoot(), "--public-key", join(fixture.dir, "signer.pub.pem")]);
    expect(checked).toMatchObject({ code: 0, stdout: expect.stringMatching(/^proof holds: the \d+ events sealed by [0-9a-f]{64} \(position \d+\) begin with the 15 sealed by /) });
    const json = JSON.parse(await readFile(proof, "utf8")) as { path: string[] };
    const first = json.path[0] ?? "";
    json.path[0] = `${first.slice(0, 63)}${first.endsWith("0") ? "1" : "0"}`;
    await writeFile(proof, JSON.stringify(json));
    const tampered = await runGrantledger(["verify-proof", proof, "--root", keptRoot(), "--public-key", join(fixture.dir, "signer.pub.pem")]);
    expect(tampered).toMatchObject({ code: 1, stdout: expect.stringMatching(/^proof fails: the path does not show/) });
  });
});

