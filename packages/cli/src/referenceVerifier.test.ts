import { spawn } from "node:child_process";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { computeEventHash, sealHistory, SEAL_STREAM, type RecordedEvent } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { allEvents, historyText, writeAuditHistory } from "./testkit/auditHistory.testkit.js";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";
import { REPO_ROOT, runGrantledger, type CliRun } from "./testkit/runCliProcess.testkit.js";
import { formatHistoryLine } from "./history/historyLine.js";

/*
 * Our `grantledger` against an independent verifier written from docs/audit.md alone
 * (docs/reference/grantledger_audit.py, Python standard library only). Every history below —
 * the audit fixture and forgeries of it as in verify.test.ts and trust.test.ts, plus a few cases
 * where the documents leave room — is verified by both; they must agree on intact (with the
 * same log root) or on the same break (kind, and stream, revision, position and line where ours
 * names them). Proofs made by one are checked by the other. All processes start together in
 * `beforeAll` (each CLI run costs the start-up of node and tsx).
 */

const SCRIPT = "docs/reference/grantledger_audit.py";

/** At most this many CLI processes at once: more only thrash the machine's cores and memory. */
const CLI_AT_ONCE = 6;
let running = 0;
const waiting: (() => void)[] = [];
const grantledger = async (args: readonly string[]): Promise<CliRun> => {
  if (running >= CLI_AT_ONCE) await new Promise<void>((go) => waiting.push(go));
  running += 1;
  try {
    return await runGrantledger(args);
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
};

const runPython = (args: readonly string[]): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn("python3", [SCRIPT, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });

/** A verification outcome, ours or Python's, in one shape. */
type Outcome =
  | { readonly kind: "intact"; readonly root: string; readonly events: number }
  | {
      readonly kind: string;
      readonly streamName: string | null;
      readonly revision: number | null;
      readonly position: number | null;
      readonly line: number | null;
    };

const broken = (kind: string, streamName: string | null, revision: number | null, position: number | null, line: number | null): Outcome => ({
  kind,
  streamName,
  revision,
  position,
  line,
});

/** Reads `grantledger verify`'s output: intact with its log root, a break, or a refused line. */
const ourOutcome = ({ code, stdout, stderr }: CliRun): Outcome => {
  if (code === 0) {
    const now = /log root now: ([0-9a-f]{64}) over (\d+) events?/.exec(stdout);
    if (now !== null) return { kind: "intact", root: now[1] as string, events: Number(now[2]) };
  }
  if (code === 1) {
    const found = /^history broken: ([\w-]+) at (.*?) \(position (\d+)\)/.exec(stdout);
    if (found !== null) {
      const where = /^(.*)@(\d+)$/.exec(found[2] as string);
      const line = /:(\d+)\]$/.exec(stdout.trim());
      return broken(found[1] as string, where ? (where[1] as string) : null, where ? Number(where[2]) : null, Number(found[3]), line ? Number(line[1]) : null);
    }
    // "history broken: seal-signature at seal: expected at least one seal signed by a trusted key, found no signed seal"
    const stream = /^history broken: ([\w-]+) at ([^\s:(]+):/.exec(stdout);
    if (stream !== null) return broken(stream[1] as string, stream[2] as string, null, null, null);
    const refused = /^error: .*:(\d+): /.exec(stderr);
    if (refused !== null) return broken("line", null, null, null, Number(refused[1]));
  }
  return broken(`unreadable output (exit ${String(code)}): ${stdout}${stderr}`, null, null, null, null);
};

const pythonOutcome = ({ code, stdout, stderr }: CliRun): Outcome => {
  try {
    const out = JSON.parse(stdout) as Record<string, unknown>;
    if (out["intact"] === true && code === 0) return { kind: "intact", root: String(out["root"]), events: Number(out["events"]) };
    if (out["intact"] === false && code === 1)
      return broken(String(out["kind"]), out["streamName"] as string | null, out["revision"] as number | null, out["position"] as number | null, out["line"] as number | null);
  } catch {
    // reported below
  }
  return broken(`unreadable output (exit ${String(code)}): ${stdout}${stderr}`, null, null, null, null);
};

/** Python's outcome, reduced to what ours names (ours does not name the stream of a kept root, nor a line for every break). */
const comparable = (ours: Outcome, python: Outcome): Outcome => {
  if (ours.kind === "intact" || python.kind === "intact" || !("line" in ours) || !("line" in python)) return python;
  return broken(
    python.kind,
    ours.streamName === null ? null : python.streamName,
    ours.revision === null ? null : python.revision,
    ours.position === null ? null : python.position,
    ours.line === null ? null : python.line,
  );
};

let fixture: CliFixture;
let events: readonly RecordedEvent[];
let sealed: RecordedEvent;
const file = (name: string) => join(fixture.dir, `${name}.ndjson`);
const at = (list: readonly RecordedEvent[], streamName: string, revision: bigint): number =>
  list.findIndex((e) => e.streamName === streamName && e.revision === revision);
const rehash = (event: RecordedEvent): RecordedEvent => ({ ...event, metadata: { ...event.metadata, hash: computeEventHash(event) } });
const renumber = (list: readonly RecordedEvent[]): RecordedEvent[] => list.map((e, i) => ({ ...e, position: BigInt(i) }));
/** Re-links every stream's chain after a change, as a forger who knows the scheme would. */
const rechain = (list: readonly RecordedEvent[]): RecordedEvent[] => {
  const tails = new Map<string, string | null>();
  return list.map((event) => {
    const linked = rehash({ ...event, metadata: { ...event.metadata, prevHash: tails.get(event.streamName) ?? null } });
    tails.set(event.streamName, String(linked.metadata["hash"]));
    return linked;
  });
};
const sha256 = (...parts: Buffer[]): Buffer => createHash("sha256").update(Buffer.concat(parts)).digest();
const mth = (leaves: readonly Buffer[]): Buffer => {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0] as Buffer;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
};
/** The version-1 root of docs/audit.md §5: one leaf per stream head at `upTo` (not `seal`), by the UTF-8 bytes of the name. */
const v1Root = (list: readonly RecordedEvent[], upTo: bigint): { root: string; streams: number } => {
  const heads = new Map<string, RecordedEvent>();
  for (const e of list) if (e.position <= upTo && e.streamName !== SEAL_STREAM) heads.set(e.streamName, e);
  const names = [...heads.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const leaves = names.map((name) => {
    const head = heads.get(name) as RecordedEvent;
    return sha256(Buffer.from([0]), Buffer.from(JSON.stringify({ hash: head.metadata["hash"], revision: Number(head.revision), streamName: name })));
  });
  return { root: mth(leaves).toString("hex"), streams: names.length };
};

interface VerifyCase {
  /** The history file, by name in the fixture's folder. */
  readonly history: string;
  readonly roots?: readonly string[];
  readonly keys?: readonly ("signer" | "other")[];
  /** The break docs/audit.md predicts, where the case was made to produce one. */
  readonly expected?: string;
}
const cases = new Map<string, VerifyCase>();
const ours = new Map<string, CliRun>();
const python = new Map<string, CliRun>();
const keyFiles = { signer: "", other: "" };
const keyDer = { signer: "", other: "" };

const verifyBoth = async (name: string, c: VerifyCase): Promise<void> => {
  cases.set(name, c);
  const roots = c.roots ?? [];
  const keys = c.keys ?? [];
  const [cli, py] = await Promise.all([
    grantledger(["verify", "--from", file(c.history), ...roots.flatMap((r) => ["--expect-root", r]), ...keys.flatMap((k) => ["--public-key", keyFiles[k]])]),
    runPython(["verify", file(c.history), ...roots.flatMap((r) => ["--expect-root", r]), ...keys.flatMap((k) => ["--public-key-der-b64", keyDer[k]])]),
  ]);
  ours.set(name, cli);
  python.set(name, py);
};

/** Proof runs by name: `cli:` for ours, `py:` for Python's. */
const proofRuns = new Map<string, CliRun>();
const proofRun = (name: string): CliRun => {
  const found = proofRuns.get(name);
  if (found === undefined) throw new Error(`no run ${name}`);
  return found;
};
const keep = async (name: string, run: Promise<CliRun>): Promise<CliRun> => {
  const result = await run;
  proofRuns.set(name, result);
  return result;
};
/** Writes Python's proof (stdout) to a file for `grantledger verify-proof`. */
const pythonProof = async (name: string, args: readonly string[]): Promise<string> => {
  const made = await keep(name, runPython(args));
  const out = join(fixture.dir, `${name.replace(/[^\w-]/g, "_")}.json`);
  await writeFile(out, made.stdout);
  return out;
};

let selftest: CliRun;
const inclusionEvents: [string, bigint][] = [
  ["round-krise-2009-1", 0n],
  ["grant-a", 5n],
];
/** The seals of the twice re-sealed PGlite export: position covered, root, tree size. */
let chainSeals: { position: number; root: string; treeSize: number; signed: boolean }[] = [];

/** A version-1 seal appended after the fixture's version-2 seal, as seal@1. */
const v1Seal = (data: Record<string, unknown>): RecordedEvent =>
  rehash({
    ...sealed,
    revision: 1n,
    position: BigInt(events.length),
    id: "6f1c2d3e-4b5a-5978-8796-a5b4c3d2e1f0",
    data,
    metadata: { ...sealed.metadata, prevHash: sealed.metadata["hash"] },
    recordedAt: "2009-06-01T00:16:00.000Z",
  } as RecordedEvent);

beforeAll(async () => {
  fixture = await createCliFixture("reference");
  events = fixture.events;
  sealed = events.find((e) => e.streamName === SEAL_STREAM) as RecordedEvent;
  const sealIndex = events.indexOf(sealed);
  const kept = `${String(sealed.data["root"])}@${String(sealed.data["position"])}`;
  const write = (name: string, list: readonly RecordedEvent[]) => writeFile(file(name), historyText(list));
  const writeText = (name: string, text: string | Buffer) => writeFile(file(name), text);
  const changed = (index: number, change: (e: RecordedEvent) => RecordedEvent) => events.map((e, i) => (i === index ? change(e) : e));
  const lines = fixture.text.split("\n").slice(0, -1);
  const lineReplaced = (index: number, from: string, to: string) => {
    const line = lines[index] as string;
    if (!line.includes(from)) throw new Error(`line ${index + 1} has no ${from}`);
    return `${lines.map((l, i) => (i === index ? line.replace(from, to) : l)).join("\n")}\n`;
  };

  for (const name of ["signer", "other"] as const) {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    keyFiles[name] = join(fixture.dir, `${name}.pub.pem`);
    await writeFile(keyFiles[name], publicKey.export({ type: "spki", format: "pem" }).toString());
    await writeFile(join(fixture.dir, `${name}.pem`), privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    keyDer[name] = createPublicKey(publicKey.export({ type: "spki", format: "pem" })).export({ type: "spki", format: "der" }).toString("base64");
  }

  // The forgeries of verify.test.ts.
  await write("clean", events);
  const awardA = at(events, "grant-a", 2n);
  await write("amount", changed(awardA, (e) => ({ ...e, data: { ...e.data, amount: 99_000_00 } })));
  await write("actor", changed(at(events, "grant-b", 1n), (e) => ({ ...e, metadata: { ...e.metadata, actor: "someone-else@difi" } })));
  await write("middle", events.filter((e) => !(e.streamName === "grant-a" && e.revision === 1n)));
  const lastOfA = events.filter((e) => e.streamName === "grant-a").pop() as RecordedEvent;
  await write("lastOfStream", events.filter((e) => e !== lastOfA));
  await write("streamRemoved", events.filter((e) => e.streamName !== "grant-c"));
  const [c0, c1] = [at(events, "grant-c", 0n), at(events, "grant-c", 1n)];
  const swappedInStream = [...events];
  swappedInStream[c0] = { ...(events[c1] as RecordedEvent), position: (events[c0] as RecordedEvent).position };
  swappedInStream[c1] = { ...(events[c0] as RecordedEvent), position: (events[c1] as RecordedEvent).position };
  await write("swappedInStream", swappedInStream);
  const renumberedInStream = [...events];
  renumberedInStream[c0] = rehash({ ...(events[c1] as RecordedEvent), revision: 0n, position: (events[c0] as RecordedEvent).position });
  renumberedInStream[c1] = rehash({ ...(events[c0] as RecordedEvent), revision: 1n, position: (events[c1] as RecordedEvent).position });
  await write("renumberedInStream", renumberedInStream);
  await write("unsealed", events.filter((e) => e.streamName !== SEAL_STREAM && e.streamName !== "grant-c"));
  await write("unsealedClean", events.filter((e) => e.streamName !== SEAL_STREAM));

  // The attacks of trust.test.ts.
  const disbursed = events.findIndex((e) => e.type === "GrantDisbursed");
  await write("time", changed(disbursed, (e) => ({ ...e, recordedAt: "2099-01-01T00:00:00.000Z" })));
  const [x, y] = [at(events, "grant-b", 0n), at(events, "grant-a", 1n)];
  const swapped = [...events];
  swapped[x] = events[y] as RecordedEvent;
  swapped[y] = events[x] as RecordedEvent;
  await write("swappedStreams", renumber(swapped));
  const before = events.slice(0, sealIndex);
  const rejected = events.findIndex((e) => e.type === "GrantRejected");
  const lastPayment = events.length - 1 - [...events].reverse().findIndex((e) => e.type === "GrantDisbursed");
  const moved = before.filter((_, i) => i !== rejected);
  moved.splice(lastPayment, 0, events[rejected] as RecordedEvent);
  await write("moved", renumber([...moved, ...events.slice(sealIndex)]));
  const sealLine = formatHistoryLine(sealed);
  const lastCut = before.slice(0, -1);
  await writeText("spaced", `${historyText(lastCut)}${sealLine.replace('{"streamName":"seal",', '{"streamName":"seal" ,')}\n`);
  await writeText("escaped", `${historyText(lastCut)}${sealLine.replace('{"streamName":"seal",', '{"streamName":"se\\u0061l",')}\n`);
  await write("noSeals", events.filter((e) => e.streamName !== SEAL_STREAM && e.streamName !== "grant-c"));
  const paid = changed(disbursed, (e) => rehash({ ...e, data: { ...e.data, amount: 900_000_000_000 } }));
  await write("overpaidUnsealed", rechain(paid.filter((e) => e.streamName !== SEAL_STREAM)));
  await write("rechainedSealed", rechain(changed(awardA, (e) => ({ ...e, data: { ...e.data, amount: 99_000_00 } }))));

  // Lines the reader must refuse, and breaks of the seal itself.
  await writeText("notJson", lineReplaced(2, lines[2] as string, "{not json"));
  await writeText("crlf", lineReplaced(4, '"}', '"}\r'));
  await writeText("duplicateKey", lineReplaced(at(events, "grant-a", 0n), '{"streamName":"grant-a",', '{"streamName":"grant-a","streamName":"grant-a",'));
  const applied = at(events, "grant-a", 0n);
  const [head, tail] = lineReplaced(applied, '"name":"Bergen kommune"', '"name":"Bergen\u0000kommune"').split("\u0000") as [string, string];
  await writeText("notUtf8", Buffer.concat([Buffer.from(head), Buffer.from([0xff]), Buffer.from(tail)]));
  await write("samePosition", changed(5, (e) => ({ ...e, position: (events[4] as RecordedEvent).position })));
  const sealChanged = (change: (data: Record<string, unknown>) => Record<string, unknown>) =>
    changed(sealIndex, (e) => rehash({ ...e, data: change({ ...e.data }) } as RecordedEvent));
  await write("sealTooBig", sealChanged((d) => ({ ...d, treeSize: 99 })));
  await write("sealLast", sealChanged((d) => ({ ...d, last: { ...(d["last"] as Record<string, unknown>), eventHash: (events[0] as RecordedEvent).metadata["hash"] } })));

  // Version-1 seals appended as seal@1.
  const v1 = (upTo: bigint) => v1Root(events, upTo);
  const last = BigInt(events.length - 1);
  await write("v1Good", [...events, v1Seal({ position: Number(last), root: v1(last).root, streams: v1(last).streams, sealedAt: "2012-01-01T12:00:00+01:00" })]);
  await write("v1WrongRoot", [...events, v1Seal({ position: 9, root: v1(last).root, streams: v1(last).streams, sealedAt: "2012-01-01T12:00:00+01:00" })]);
  await write("v1OwnPosition", [...events, v1Seal({ position: events.length, root: v1(last).root, streams: v1(last).streams, sealedAt: "2012-01-01T12:00:00+01:00" })]);

  // Where the documents leave room (see the report of the reference verifier).
  await write("v1StreamsCount", [...events, v1Seal({ position: Number(last), root: v1(last).root, streams: 9, sealedAt: "2012-01-01T12:00:00+01:00" })]);
  const ownStream = (type: string, data: Record<string, unknown>): RecordedEvent =>
    rehash({
      ...(events[0] as RecordedEvent),
      streamName: "notes-1",
      revision: 0n,
      position: BigInt(events.length),
      id: "7a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d",
      type,
      data,
      metadata: { ...(events[0] as RecordedEvent).metadata, prevHash: null },
      recordedAt: "2009-06-01T00:16:00.000Z",
    } as RecordedEvent);
  await write("ownStreamType", [...events, ownStream("NoteWritten", { text: "hei" })]);
  await write("sealTypeElsewhere", [...events, ownStream("SealRecorded", {})]);
  await write("sealExtraKey", sealChanged((d) => ({ ...d, note: "ekstra" })));
  await write("sealUpperRoot", sealChanged((d) => ({ ...d, root: String(d["root"]).toUpperCase() })));
  const noPrev = { ...(events[0] as RecordedEvent).metadata };
  delete noPrev["prevHash"];
  await write("noPrevHash", changed(0, (e) => rehash({ ...e, metadata: noPrev })));
  const rejection = at(events, "grant-c", 2n);
  await writeText("loneSurrogate", lineReplaced(rejection, '"reason":"Prosjektet', '"reason":"\\ud800Prosjektet'));
  await write("sealLastStream", sealChanged((d) => ({ ...d, last: { ...(d["last"] as Record<string, unknown>), streamName: "grant-b" } })));
  await write("negativePositions", events.map((e, i) => ({ ...e, position: BigInt(i - 100) })));
  const noActor = { ...(events[0] as RecordedEvent).metadata };
  delete noActor["actor"];
  await write("noActor", changed(0, (e) => rehash({ ...e, metadata: noActor })));
  await write("otherTypeInSeal", changed(sealIndex, (e) => rehash({ ...e, type: "RoundClosed" })));
  await writeText("unsafeInteger", lineReplaced(awardA, '"amount":5000000,', '"amount":9007199254740993,'));

  const nowRoot = JSON.parse((await runPython(["verify", file("clean")])).stdout) as { root: string };
  const verifications: Record<string, VerifyCase> = {
    clean: { history: "clean", roots: [kept, `${nowRoot.root}@${events.length - 1}`] },
    amount: { history: "amount", expected: "content-hash" },
    actor: { history: "actor", expected: "content-hash" },
    middle: { history: "middle", expected: "revision-gap" },
    lastOfStream: { history: "lastOfStream", expected: "seal-root" },
    streamRemoved: { history: "streamRemoved", expected: "seal-root" },
    renumberedInStream: { history: "renumberedInStream", expected: "chain-link" },
    unsealed: { history: "unsealed", roots: [kept], expected: "expected-root" },
    unsealedClean: { history: "unsealedClean", roots: [kept] },
    time: { history: "time", expected: "seal-root" },
    swappedStreams: { history: "swappedStreams", expected: "seal-root" },
    moved: { history: "moved", roots: [kept], expected: "seal-root" },
    spaced: { history: "spaced", expected: "line" },
    escaped: { history: "escaped", expected: "line" },
    noSeals: { history: "noSeals" },
    overpaidUnsealed: { history: "overpaidUnsealed" },
    rechainedKept: { history: "overpaidUnsealed", roots: [kept], expected: "expected-root" },
    rechainedSealed: { history: "rechainedSealed", expected: "seal-root" },
    wrongKeptRoot: { history: "clean", roots: [`${nowRoot.root}@${String(sealed.data["position"])}`], expected: "expected-root" },
    notJson: { history: "notJson", expected: "line" },
    crlf: { history: "crlf", expected: "line" },
    duplicateKey: { history: "duplicateKey", expected: "line" },
    notUtf8: { history: "notUtf8", expected: "line" },
    samePosition: { history: "samePosition", expected: "position-order" },
    sealTooBig: { history: "sealTooBig", expected: "seal-root" },
    sealLast: { history: "sealLast", expected: "seal-root" },
    unsignedDemanded: { history: "clean", keys: ["signer"], expected: "seal-signature" },
    v1Good: { history: "v1Good" },
    v1WrongRoot: { history: "v1WrongRoot", expected: "seal-root" },
    v1OwnPosition: { history: "v1OwnPosition", expected: "seal-order" },
    keptV1Root: { history: "clean", roots: [`${v1(last).root}@${String(last)}`] },
    // No expectation: the documents do not decide these (or decide them only by inference).
    v1StreamsCount: { history: "v1StreamsCount" },
    ownStreamType: { history: "ownStreamType" },
    sealTypeElsewhere: { history: "sealTypeElsewhere" },
    sealExtraKey: { history: "sealExtraKey" },
    sealUpperRoot: { history: "sealUpperRoot" },
    noPrevHash: { history: "noPrevHash" },
    loneSurrogate: { history: "loneSurrogate" },
    unsafeInteger: { history: "unsafeInteger" },
    keptRootBeyondEnd: { history: "clean", roots: [`${nowRoot.root}@99`] },
    sealLastStream: { history: "sealLastStream" },
    negativePositions: { history: "negativePositions" },
    noActor: { history: "noActor" },
    otherTypeInSeal: { history: "otherTypeInSeal" },
  };

  const sealPosition = Number(sealed.data["position"]);
  const fixtureProofs = async (): Promise<void> => {
    await Promise.all(
      inclusionEvents.map(async ([stream, revision], i) => {
        const event = `${stream}@${String(revision)}`;
        const out = join(fixture.dir, `cli-inclusion-${i}.json`);
        const [made, pyFile] = await Promise.all([
          keep(`cli:prove ${event}`, grantledger(["prove", "--from", fixture.file, "--event", event, "--seal", String(sealPosition), "--out", out])),
          pythonProof(`py:prove ${event}`, ["prove-inclusion", fixture.file, "--event", event, "--seal", String(sealPosition)]),
        ]);
        const tampered = join(fixture.dir, `cli-inclusion-${i}-tampered.json`);
        if (made.code === 0) {
          const proof = JSON.parse(await readFile(out, "utf8")) as { event: { metadata: Record<string, unknown> } };
          proof.event.metadata["actor"] = "someone-else@difi";
          await writeFile(tampered, JSON.stringify(proof));
        }
        await Promise.all([
          keep(`py:check ${event}`, runPython(["check-proof", out, "--root", kept])),
          keep(`py:check ${event} wrong root`, runPython(["check-proof", out, "--root", `${String(sealed.data["root"])}@${sealPosition - 1}`])),
          keep(`py:check ${event} tampered`, runPython(["check-proof", tampered, "--root", kept])),
          keep(`cli:verify-proof ${event}`, grantledger(["verify-proof", pyFile, "--root", kept])),
          ...(i === 0
            ? [
                keep(`cli:verify-proof ${event} wrong root`, grantledger(["verify-proof", out, "--root", `${String(sealed.data["root"])}@${sealPosition - 1}`])),
                keep(`cli:verify-proof ${event} tampered`, grantledger(["verify-proof", tampered, "--root", kept])),
              ]
            : []),
        ]);
      }),
    );
  };
  const uncovered = async (): Promise<void> => {
    await Promise.all([
      keep("cli:prove uncovered", grantledger(["prove", "--from", fixture.file, "--event", "seal@0", "--seal", String(sealPosition), "--out", join(fixture.dir, "uncovered.json")])),
      keep("py:prove uncovered", runPython(["prove-inclusion", fixture.file, "--event", "seal@0", "--seal", String(sealPosition)])),
    ]);
  };

  // The fixture's story sealed twice more (signed, then unsigned), on a memory store, exported.
  const chain = async (): Promise<void> => {
    let tick = 0;
    const store = createMemoryEventStore({ now: () => new Date(Date.UTC(2009, 5, 1) + tick++ * 60_000) });
    await writeAuditHistory(store);
    const signingKey = createPrivateKey(await readFile(join(fixture.dir, "signer.pem"), "utf8"));
    const by = (commandId: string) => ({ commandId, actor: "revisor@riksrevisjonen" });
    const sealed2 = await sealHistory(store, by("seal-2012"), "2012-02-01T12:00:00+01:00", { signingKey });
    if (E.isLeft(sealed2)) throw new Error("signed seal refused");
    const sealed3 = await sealHistory(store, by("seal-2013"), "2013-02-01T12:00:00+01:00");
    if (E.isLeft(sealed3)) throw new Error("seal refused");
    await write("chain", await allEvents(store));
    const chainEvents = (await readFile(file("chain"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { streamName: string; data: Record<string, unknown>; metadata: Record<string, unknown> });
    chainSeals = chainEvents
      .filter((e) => e.streamName === SEAL_STREAM)
      .map((e) => ({ position: Number(e.data["position"]), root: String(e.data["root"]), treeSize: Number(e.data["treeSize"]), signed: "signature" in e.data }));
    const sealLines = chainEvents.map((e, i) => (e.streamName === SEAL_STREAM ? i : -1)).filter((i) => i >= 0);
    const signedLine = sealLines.find((i) => "signature" in (chainEvents[i] as { data: Record<string, unknown> }).data) as number;
    // The signed seal's signature replaced by that of another tree head, the seal re-hashed.
    const chainText = (await readFile(file("chain"), "utf8")).split("\n");
    const signedEvent = JSON.parse(chainText[signedLine] as string) as RecordedEvent & { revision: number; position: number };
    const signature = signedEvent.data["signature"] as Record<string, string>;
    const value = Buffer.from(signature["value"] as string, "base64");
    value[0] = (value[0] as number) ^ 1;
    const forgedSeal = rehash({ ...signedEvent, revision: BigInt(signedEvent.revision), position: BigInt(signedEvent.position), data: { ...signedEvent.data, signature: { ...signature, value: value.toString("base64") } } } as RecordedEvent);
    chainText[signedLine] = formatHistoryLine(forgedSeal);
    await writeText("chainForgedSignature", chainText.join("\n"));

    const roots = chainSeals.map((s) => `${s.root}@${s.position}`);
    const [s1, s2, s3] = chainSeals as [(typeof chainSeals)[0], (typeof chainSeals)[0], (typeof chainSeals)[0]];
    const pairs: [typeof s1, typeof s1][] = [[s1, s2], [s1, s3], [s2, s2]];
    await Promise.all([
      verifyBoth("chainKept", { history: "chain", roots }),
      verifyBoth("chainSigner", { history: "chain", keys: ["signer"] }),
      verifyBoth("chainOther", { history: "chain", keys: ["other"], expected: "seal-signature" }),
      verifyBoth("chainForgedSignature", { history: "chainForgedSignature", expected: "seal-signature" }),
      ...pairs.map(async ([a, b]) => {
        const pair = `${a.position}->${b.position}`;
        const out = join(fixture.dir, `cli-consistency-${a.position}-${b.position}.json`);
        const [, pyFile] = await Promise.all([
          keep(`cli:prove ${pair}`, grantledger(["prove", "--from", file("chain"), "--from-seal", String(a.position), "--to-seal", String(b.position), "--out", out])),
          pythonProof(`py:prove ${pair}`, ["prove-consistency", file("chain"), "--from-seal", String(a.position), "--to-seal", String(b.position)]),
        ]);
        await Promise.all([
          keep(`py:check ${pair}`, runPython(["check-proof", out, ...roots.flatMap((r) => ["--root", r])])),
          keep(`py:check ${pair} one root`, runPython(["check-proof", out, "--root", `${a.root}@${a.position}`])),
          keep(`cli:verify-proof ${pair}`, grantledger(["verify-proof", pyFile, ...roots.flatMap((r) => ["--root", r])])),
          ...(a === s1 && b === s2
            ? [
                keep(`py:check ${pair} key`, runPython(["check-proof", out, "--root", `${a.root}@${a.position}`, "--public-key-der-b64", keyDer.signer])),
                keep(`cli:verify-proof ${pair} key`, grantledger(["verify-proof", pyFile, "--root", `${a.root}@${a.position}`, "--public-key", keyFiles.signer])),
              ]
            : []),
        ]);
      }),
      (async () => {
        const event = "grant-b@1";
        const out = join(fixture.dir, "cli-inclusion-signed.json");
        const [, pyFile] = await Promise.all([
          keep(`cli:prove signed ${event}`, grantledger(["prove", "--from", file("chain"), "--event", event, "--seal", String(s2.position), "--out", out])),
          pythonProof(`py:prove signed ${event}`, ["prove-inclusion", file("chain"), "--event", event, "--seal", String(s2.position)]),
        ]);
        await Promise.all([
          keep("py:check signed", runPython(["check-proof", out, "--public-key-der-b64", keyDer.signer])),
          keep("py:check signed other key", runPython(["check-proof", out, "--public-key-der-b64", keyDer.other])),
          keep("cli:verify-proof signed", grantledger(["verify-proof", pyFile, "--public-key", keyFiles.signer])),
          keep("cli:verify-proof signed other key", grantledger(["verify-proof", pyFile, "--public-key", keyFiles.other])),
        ]);
      })(),
      keep("cli:prove reversed", grantledger(["prove", "--from", file("chain"), "--from-seal", String(s2.position), "--to-seal", String(s1.position), "--out", join(fixture.dir, "reversed.json")])),
      keep("py:prove reversed", runPython(["prove-consistency", file("chain"), "--from-seal", String(s2.position), "--to-seal", String(s1.position)])),
    ]);
  };

  await Promise.all([
    runPython(["selftest"]).then((r) => (selftest = r)),
    ...Object.entries(verifications).map(([name, c]) => verifyBoth(name, c)),
    fixtureProofs(),
    uncovered(),
    chain(),
  ]);
}, 180_000);

afterAll(() => fixture.remove());

describe("the reference verifier (docs/reference/grantledger_audit.py)", () => {
  it("matches every worked example of docs/audit.md", () => {
    expect(selftest).toMatchObject({ code: 0, stderr: "" });
    expect(selftest.stdout).toContain("all worked examples");
  });
});

const agreement = (name: string) => {
  const c = cases.get(name) as VerifyCase;
  const mine = ourOutcome(ours.get(name) as CliRun);
  const theirs = pythonOutcome(python.get(name) as CliRun);
  expect(comparable(mine, theirs), `${name}: ours ${JSON.stringify(mine)}, Python ${JSON.stringify(theirs)}`).toEqual(mine);
  if (c.expected !== undefined) expect(mine.kind).toBe(c.expected);
};

describe("grantledger verify and the reference verifier agree", () => {
  const names = [
    "clean", "amount", "actor", "middle", "lastOfStream", "streamRemoved", "renumberedInStream", "unsealed", "unsealedClean", "time",
    "swappedStreams", "moved", "spaced", "escaped", "noSeals", "overpaidUnsealed", "rechainedKept", "rechainedSealed", "wrongKeptRoot",
    "notJson", "crlf", "duplicateKey", "notUtf8", "samePosition", "sealTooBig", "sealLast", "unsignedDemanded", "v1Good", "v1WrongRoot",
    "v1OwnPosition", "keptV1Root", "chainKept", "chainSigner", "chainOther", "chainForgedSignature",
  ];
  it.each(names)("%s", (name) => agreement(name));

  it("the clean history is intact, with the same log root over the same events", () => {
    const mine = ourOutcome(ours.get("clean") as CliRun);
    expect(mine).toEqual({ kind: "intact", root: expect.stringMatching(/^[0-9a-f]{64}$/), events: events.length });
    expect(JSON.parse((python.get("clean") as CliRun).stdout)).toEqual({ intact: true, events: events.length, seals: 1, root: (mine as { root: string }).root, treeSize: events.length });
  });
});

describe("where the documents leave room, the two still agree", () => {
  it.each(["v1StreamsCount", "ownStreamType", "sealTypeElsewhere", "sealExtraKey", "sealUpperRoot", "noPrevHash", "loneSurrogate", "unsafeInteger", "keptRootBeyondEnd",
    "sealLastStream", "negativePositions", "noActor", "otherTypeInSeal"])(
    "%s",
    (name) => agreement(name),
  );
});

const holds = (name: string): boolean => {
  const run = proofRun(name);
  const out = JSON.parse(run.stdout) as { holds: boolean };
  expect(run.code).toBe(out.holds ? 0 : 1);
  return out.holds;
};

describe("proofs made by one are checked by the other", () => {
  it.each(inclusionEvents.map(([s, r]) => `${s}@${String(r)}`))("inclusion of %s in the fixture's seal", (event) => {
    expect(proofRun(`cli:prove ${event}`)).toMatchObject({ code: 0, stderr: expect.stringMatching(/^wrote /) });
    expect(proofRun(`py:prove ${event}`)).toMatchObject({ code: 0, stderr: "" });
    expect(holds(`py:check ${event}`)).toBe(true);
    expect(holds(`py:check ${event} wrong root`)).toBe(false);
    expect(holds(`py:check ${event} tampered`)).toBe(false);
    expect(proofRun(`cli:verify-proof ${event}`)).toMatchObject({ code: 0 });
    expect(proofRun(`cli:verify-proof ${event}`).stdout).toMatch(/^proof holds: /);
  });

  it("both refuse a proof against a root at another position, or of a changed event", () => {
    const event = `${inclusionEvents[0]?.[0]}@0`;
    expect(proofRun(`cli:verify-proof ${event} wrong root`).code).toBe(1);
    expect(proofRun(`cli:verify-proof ${event} tampered`).code).toBe(1);
  });

  it("both refuse to prove an event the seal does not cover", () => {
    expect(proofRun("cli:prove uncovered").code).not.toBe(0);
    expect(proofRun("py:prove uncovered").code).not.toBe(0);
  });

  it("the twice re-sealed PGlite export has three seals, the middle one signed", () => {
    expect(chainSeals.map((s) => [s.treeSize, s.signed])).toEqual([
      [events.length - 1, false],
      [events.length, true],
      [events.length + 1, false],
    ]);
  });

  it("consistency proofs between its seals", () => {
    for (const [a, b] of [[0, 1], [0, 2], [1, 1]] as const) {
      const pair = `${chainSeals[a]?.position}->${chainSeals[b]?.position}`;
      expect(proofRun(`cli:prove ${pair}`), pair).toMatchObject({ code: 0, stderr: expect.stringMatching(/^wrote /) });
      expect(proofRun(`py:prove ${pair}`), pair).toMatchObject({ code: 0, stderr: "" });
      expect(holds(`py:check ${pair}`), pair).toBe(true);
      // One seal anchored, the other not: does not hold (unless both are the same seal).
      expect(holds(`py:check ${pair} one root`), pair).toBe(a === b);
      expect(proofRun(`cli:verify-proof ${pair}`), pair).toMatchObject({ code: 0 });
    }
    const signedPair = `${chainSeals[0]?.position}->${chainSeals[1]?.position}`;
    expect(holds(`py:check ${signedPair} key`)).toBe(true);
    expect(proofRun(`cli:verify-proof ${signedPair} key`).code).toBe(0);
  });

  it("an inclusion proof in the signed seal, anchored by its key alone", () => {
    expect(holds("py:check signed")).toBe(true);
    expect(holds("py:check signed other key")).toBe(false);
    expect(proofRun("cli:verify-proof signed").code).toBe(0);
    expect(proofRun("cli:verify-proof signed other key").code).toBe(1);
  });

  it("both refuse a consistency proof from a later seal to an earlier one", () => {
    expect(proofRun("cli:prove reversed").code).not.toBe(0);
    expect(proofRun("py:prove reversed").code).not.toBe(0);
  });

  it("both write the same proof for the same request", async () => {
    for (const [i, [stream, revision]] of inclusionEvents.entries()) {
      const event = `${stream}@${String(revision)}`;
      const mine = JSON.parse(await readFile(join(fixture.dir, `cli-inclusion-${i}.json`), "utf8")) as unknown;
      expect(JSON.parse(proofRun(`py:prove ${event}`).stdout), event).toEqual(mine);
    }
  });
});
