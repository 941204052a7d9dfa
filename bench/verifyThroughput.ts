/**
 * How fast `grantledger verify` checks a history of 1 000 000 events.
 *
 *   node --max-old-space-size=8192 --import tsx --conditions=@grantledger/source bench/verifyThroughput.ts [events] [--keep FILE]
 *
 * The history is generated here, chained with core's `computeEventHash` exactly as the command
 * handler chains it (going through the ledger would spend the time on deciding and loading
 * streams, which is not what is measured): one round, then grants each applied for, evaluated,
 * awarded and paid in seven tranches (ten events a grant, in blocks of 500 grants, as a case
 * officer would work through them), and a seal at the end. Printed:
 * - core's `verifyHistory` over the events held in memory: codecs, chain links, content hashes,
 *   the seal's Merkle root;
 * - the CLI's `verify --from FILE` path on the same history exported as NDJSON (the two streaming
 *   passes over the file, parsing every line), which is what an auditor runs.
 * `--keep FILE` keeps the exported history there, to try the command on a large history.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { computeEventHash, SEAL_STREAM, sealRoot, StreamHeads, verifyHistory, type JsonObject, type RecordedEvent } from "@grantledger/core";
import { formatHistoryLine, verifyHistoryFile } from "@grantledger/cli";

const args = process.argv.slice(2);
const keepAt = args.indexOf("--keep");
const KEEP = keepAt === -1 ? undefined : args[keepAt + 1];
const TOTAL = Number(args.find((arg, i) => /^\d+$/.test(arg) && i !== keepAt + 1) ?? 1_000_000);
const PER_GRANT = 10;
const BLOCK = 500;
const ROUND = "krise-2009-1";

const grantData = (type: string, grantId: string, step: number): JsonObject => {
  switch (type) {
    case "GrantApplied":
      return {
        grantId, roundId: ROUND, applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
        participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 6000 }, { kind: "municipality", municipalityNo: "1247", name: "Askøy", shareBps: 4000 }],
        project: { title: `Prosjekt ${grantId}` }, totalCost: 350_000_00, requested: 70_000_00, appliedAt: "2009-04-01T10:00:00+02:00",
      };
    case "ApplicationEvaluated":
      return { grantId, score: 80, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-01T10:00:00+02:00" };
    case "GrantAwarded":
      return { grantId, roundId: ROUND, amount: 70_000_00, disbursementPlan: [{ due: "2009-07-01", amount: 70_000_00 }], conditions: [], awardedAt: "2009-06-15T12:00:00+02:00" };
    default:
      return { grantId, amount: 10_000_00, paymentRef: `P-${grantId}-${step}`, disbursedAt: "2009-07-02T09:00:00+02:00" };
  }
};

const TYPES = ["GrantApplied", "ApplicationEvaluated", "GrantAwarded", ...Array.from({ length: PER_GRANT - 3 }, () => "GrantDisbursed")];

/** Appends one chained event, as the command handler would have written it. */
const chain = (events: RecordedEvent[], tails: Map<string, { revision: bigint; hash: string }>, streamName: string, type: string, data: JsonObject): void => {
  const tail = tails.get(streamName);
  const revision = tail === undefined ? 0n : tail.revision + 1n;
  const commandId = randomUUID();
  const unhashed = { commandId, correlationId: commandId, causationId: commandId, actor: "bench@difi", schemaVersion: 1, prevHash: tail?.hash ?? null };
  const id = randomUUID();
  const hash = computeEventHash({ streamName, revision, id, type, data, metadata: unhashed });
  const position = BigInt(events.length);
  events.push({ streamName, revision, position, id, type, data, metadata: { ...unhashed, hash }, recordedAt: new Date(Date.UTC(2009, 5, 1) + events.length * 1000).toISOString() });
  tails.set(streamName, { revision, hash });
};

const generate = (): RecordedEvent[] => {
  const events: RecordedEvent[] = [];
  const tails = new Map<string, { revision: bigint; hash: string }>();
  chain(events, tails, `round-${ROUND}`, "RoundOpened", {
    roundId: ROUND, name: "Krisepakke 2009, runde 1", funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" }, budget: 9_000_000_000_000_00,
    policy: { maxShareBps: 2000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
    applicationDeadline: "2009-04-15T23:59:59+02:00", disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
  });
  const grants = Math.floor((TOTAL - 2) / PER_GRANT);
  for (let block = 0; block < grants; block += BLOCK) {
    const ids = Array.from({ length: Math.min(BLOCK, grants - block) }, (_, i) => `g${block + i}`);
    TYPES.forEach((type, step) => ids.forEach((grantId) => chain(events, tails, `grant-${grantId}`, type, grantData(type, grantId, step))));
  }
  // Up to the exact count with rounds of their own, so that the read models can fold this history too.
  const opened = events[0] as RecordedEvent;
  for (let n = 1; events.length < TOTAL - 1; n++) chain(events, tails, `round-pad-${n}`, "RoundOpened", { ...opened.data, roundId: `pad-${n}` });
  const heads = new StreamHeads();
  for (const event of events) heads.add(event);
  const last = events[events.length - 1] as RecordedEvent;
  chain(events, tails, SEAL_STREAM, "SealRecorded", { position: Number(last.position), root: sealRoot(heads.sorted()), streams: heads.size, sealedAt: "2011-02-01T12:00:00+01:00" });
  return events;
};

const rate = (count: number, ms: number): string => `${Math.round((count / ms) * 1000).toLocaleString("en-GB")} events/s`;

const main = async (): Promise<void> => {
  let started = performance.now();
  const events = generate();
  console.log(`generated ${events.length.toLocaleString("en-GB")} chained events in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const inMemory = await verifyHistory(events, { seals: events.filter((e) => e.streamName === SEAL_STREAM) });
  const memoryMs = performance.now() - started;
  if (E.isLeft(inMemory)) throw new Error(`the generated history does not verify: ${inMemory.left.kind} at ${inMemory.left.streamName}`);
  console.log(`verifyHistory, in memory:      ${(memoryMs / 1000).toFixed(2)} s, ${rate(inMemory.right.events, memoryMs)}`);

  const dir = await mkdtemp(join(tmpdir(), "grantledger-bench-"));
  try {
    const file = KEEP ?? join(dir, "history.ndjson");
    const out = createWriteStream(file);
    for (const event of events) if (!out.write(`${formatHistoryLine(event)}\n`)) await once(out, "drain");
    out.end();
    await once(out, "finish");
    console.log(`exported ${((await stat(file)).size / 1024 / 1024).toFixed(0)} MiB of NDJSON`);
    const fromFile = await verifyHistoryFile(file, []);
    if (E.isLeft(fromFile.result)) throw new Error(`the exported history does not verify: ${fromFile.result.left.kind}`);
    console.log(`grantledger verify --from FILE: ${(fromFile.milliseconds / 1000).toFixed(2)} s, ${rate(fromFile.result.right.events, fromFile.milliseconds)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

await main();
