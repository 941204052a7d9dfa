import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import type { Seal, VerifiedHistory } from "@grantledger/core";
import { verifyHistoryFile } from "@grantledger/cli";
import { collectGarbage } from "../lib/collectGarbage.js";
import { alternate, median, perSecond, timeMs } from "../lib/rounds.js";
import type { ResultRow, Workload } from "../lib/workload.js";
import { floorPass } from "./auditFloor.js";
import { AuditHistory, EVENTS_PER_GRANT, exportNdjson } from "./auditHistory.js";
import { consistencyFigures, inclusionFigures, readProofLog, type ProofFigures } from "./auditProofs.js";

const GRANTS = 100_000;
const SMALL_GRANTS = 10_000;
/** A seal every 10 000 events. */
const GRANTS_PER_SEAL = 1_000;
const NEW_EVENTS = GRANTS_PER_SEAL * EVENTS_PER_GRANT;
const VERIFY_ROUNDS = 3;
const SEAL_ROUNDS = 9;

const count = (n: number): string => n.toLocaleString("en-US");
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** 1. `verify --from FILE` beside the floor of JSON.parse + RFC 8785 + SHA-256 of every line of the same file. */
const verifyRow = async (file: string, lines: number, log: (line: string) => void): Promise<ResultRow> => {
  let verified: VerifiedHistory | undefined;
  const { ours, peer } = await alternate(
    VERIFY_ROUNDS,
    {
      ours: async () => {
        let outcome: Awaited<ReturnType<typeof verifyHistoryFile>> | undefined;
        const ms = await timeMs(async () => void (outcome = await verifyHistoryFile(file, {})));
        if (outcome === undefined || E.isLeft(outcome.result)) throw new Error(`the exported history does not verify: ${JSON.stringify(outcome?.result, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
        verified = outcome.result.right;
        if (verified.events !== lines) throw new Error(`verify read ${verified.events} events of ${lines}`);
        return perSecond(lines, ms);
      },
      peer: async () => {
        let floorLines = 0;
        const ms = await timeMs(async () => void (floorLines = await floorPass(file)));
        if (floorLines !== lines) throw new Error(`the floor read ${floorLines} lines of ${lines}`);
        return perSecond(lines, ms);
      },
    },
    log,
  );
  const ratio = ours / peer;
  return {
    name: "audit-verify",
    unit: "events/s",
    ours,
    peer,
    peerLabel: "floor",
    ratio,
    target: ">= 0.7x of floor",
    met: ratio >= 0.7,
    note:
      `verifyHistoryFile (verify --from FILE) over ${count(lines)} exported lines (${count(GRANTS)} grants of ${EVENTS_PER_GRANT} events, ${verified?.seals ?? "?"} version-2 seals, one every ${count(NEW_EVENTS)} events), ` +
      "checking canonical form, codecs, revisions, chains, content hashes and every seal's Merkle root; the floor reads the same file in the same 1 MiB chunks and does only JSON.parse + canonicalEventJson + SHA-256 of each line",
  };
};

/** 2. `sealHistory` after 10 000 new events, on the large store and on the small, alternating. */
const sealRow = async (large: AuditHistory, small: AuditHistory, log: (line: string) => void): Promise<ResultRow> => {
  const sides = { large: { history: large, ms: [] as number[], read: [] as number[] }, small: { history: small, ms: [] as number[], read: [] as number[] } };
  const sizes = (history: AuditHistory): string => count(history.events);
  // The proofs' million leaf hashes collected, then one round untimed on each store: the timed
  // rounds then pay only for the garbage of the appends just before them (as a seal amid live
  // appends does). A full collection right before each timed seal is no cure: the seal after one
  // ran several times slower, on either store, than without it.
  collectGarbage();
  for (const history of [large, small]) {
    await history.addGrants(GRANTS_PER_SEAL);
    await history.seal();
  }
  for (let round = 0; round < SEAL_ROUNDS; round++) {
    const order = round % 2 === 0 ? (["large", "small"] as const) : (["small", "large"] as const);
    for (const name of order) {
      const side = sides[name];
      await side.history.addGrants(GRANTS_PER_SEAL);
      let seal: Seal | undefined;
      side.ms.push(await timeMs(async () => void (seal = await side.history.seal())));
      side.read.push(seal?.eventsRead ?? Number.NaN);
    }
    const last = (values: readonly number[]): number => values[values.length - 1] ?? Number.NaN;
    log(
      `    round ${round + 1}/${SEAL_ROUNDS}: ${sizes(large)}-event store ${last(sides.large.ms).toFixed(1)} ms (read ${count(last(sides.large.read))}), ` +
        `${sizes(small)}-event store ${last(sides.small.ms).toFixed(1)} ms (read ${count(last(sides.small.read))})`,
    );
  }
  const ours = median(sides.large.ms);
  const peer = median(sides.small.ms);
  const ratio = peer / ours;
  const read = [...new Set([...sides.large.read, ...sides.small.read])].map(count).join(", ");
  return {
    name: "audit-seal",
    unit: `ms per seal of ${count(NEW_EVENTS)} new events`,
    ours,
    peer,
    peerLabel: `${count(SMALL_GRANTS * EVENTS_PER_GRANT)}-event store`,
    // Less time is better, so the ratio is the small store's over the large one's: 1 when the cost does not grow with the store.
    ratio,
    target: ">= 0.8x (flat in store size)",
    met: ratio >= 0.8,
    note:
      `sealHistory on a memory store of ${count(GRANTS * EVENTS_PER_GRANT)} events (ours) and of ${count(SMALL_GRANTS * EVENTS_PER_GRANT)} (peer), each ending in a version-2 seal, after appending ${count(NEW_EVENTS)} events (not timed); ` +
      `median of ${SEAL_ROUNDS} each after one untimed, alternating, each round adding ${count(NEW_EVENTS)} more; eventsRead of every seal: ${read} (the new events and the previous seal event)`,
  };
};

const proofRow = (name: string, figures: ProofFigures, bound: number, boundText: string, what: string): ResultRow => ({
  name,
  unit: "bytes",
  ours: figures.bytes,
  peer: null,
  peerLabel: "-",
  ratio: null,
  target: `path <= ${bound} hashes (${boundText})`,
  met: figures.pathHashes <= bound,
  note:
    `${what}; ${figures.pathHashes} path hashes, ${count(figures.bytes)} bytes as prove --out writes it (JSON.stringify(proof, null, 2) and a newline); ` +
    `built in ${figures.buildMs.toFixed(0)} ms from the leaf hashes (median of ${figures.builds}); checked in ${figures.checkUs.toFixed(1)} µs (median of ${count(figures.checks)} checks)`,
});

const logProof = (log: (line: string) => void, label: string, figures: ProofFigures): void =>
  log(
    `  ${label}: ${count(figures.bytes)} bytes, ${figures.pathHashes} path hashes, built in ${figures.buildMs.toFixed(1)} ms (median of ${figures.builds}), ` +
      `checked in ${figures.checkUs.toFixed(1)} µs (median of ${count(figures.checks)})`,
  );

/** 3. An inclusion proof in the last seal's tree, and a consistency proof from the middle seal to it. */
const proofRows = async (large: AuditHistory, log: (line: string) => void): Promise<ResultRow[]> => {
  const started = performance.now();
  // The middle of the last seal's tree; that seal covers every event but itself.
  const treeSize = large.events + GRANTS / GRANTS_PER_SEAL - 1;
  const proofLog = await readProofLog(large.store, Math.floor(treeSize / 2));
  const index = proofLog.index;
  const to = proofLog.seals[proofLog.seals.length - 1];
  const from = proofLog.seals[Math.floor(proofLog.seals.length / 2) - 1];
  if (to === undefined || from === undefined || to.treeSize !== treeSize) throw new Error(`the generated history's seals are not where they should be`);
  log(`  ${count(proofLog.leafHashes.length)} leaf hashes and ${proofLog.seals.length} seals read in ${seconds(performance.now() - started)} (not timed)`);
  const inclusion = await inclusionFigures(proofLog, to);
  logProof(log, `inclusion of ${proofLog.event.streamName}@${proofLog.event.revision} (leaf ${count(index)}) in the tree of ${count(to.treeSize)}`, inclusion);
  const consistency = await consistencyFigures(proofLog, from, to);
  logProof(log, `consistency of the tree of ${count(from.treeSize)} with the tree of ${count(to.treeSize)}`, consistency);
  const depth = Math.ceil(Math.log2(to.treeSize));
  return [
    proofRow("audit-inclusion-proof", inclusion, depth, "⌈log2 n⌉", `leaf ${count(index)} (${proofLog.event.type}) of the last seal's tree of ${count(to.treeSize)} events; checkInclusionProof against the kept root`),
    proofRow("audit-consistency-proof", consistency, depth + 1, "⌈log2 n⌉ + 1", `from the seal of ${count(from.treeSize)} events to the seal of ${count(to.treeSize)}; checkConsistencyProof against both kept roots`),
  ];
};

/**
 * The parts that need the stores: generation, the export, the proofs and the seals. The stores
 * are unreachable once it returns, so that verification runs in a heap of its own size, as
 * `grantledger verify` does in its own process.
 */
const storeParts = async (file: string, log: (line: string) => void): Promise<{ lines: number; rows: ResultRow[] }> => {
  let started = performance.now();
  const large = await AuditHistory.generate(GRANTS, GRANTS_PER_SEAL);
  const small = await AuditHistory.generate(SMALL_GRANTS, GRANTS_PER_SEAL);
  log(`  ${count(large.events)} + ${count(small.events)} chained events generated and sealed every ${count(NEW_EVENTS)} in two memory stores in ${seconds(performance.now() - started)} (not timed)`);
  started = performance.now();
  const lines = await exportNdjson(large.store, file);
  log(`  ${count(lines)} lines (${mib((await stat(file)).size)}) exported as NDJSON in ${seconds(performance.now() - started)} (not timed)`);
  const proofs = await proofRows(large, log);
  log(`  sealing ${count(NEW_EVENTS)} new events, ms (after one untimed round):`);
  const seal = await sealRow(large, small, log);
  log(`  heap ${mib(process.memoryUsage().heapUsed)}, rss ${mib(process.memoryUsage().rss)} with both stores`);
  return { lines, rows: [seal, ...proofs] };
};

export const audit: Workload = {
  name: "audit",
  measures:
    `the auditor's work on ${count(GRANTS * EVENTS_PER_GRANT)} chained events with a version-2 seal every ${count(NEW_EVENTS)}: verify --from FILE against the floor (JSON.parse + RFC 8785 + SHA-256 of every line), events/s; ` +
    `sealing ${count(NEW_EVENTS)} new events on a store of ${count(GRANTS * EVENTS_PER_GRANT)} against one of ${count(SMALL_GRANTS * EVENTS_PER_GRANT)}, ms; an inclusion and a consistency proof at ${count(GRANTS * EVENTS_PER_GRANT)} events: bytes, path, build and check time`,
  run: async (log) => {
    const dir = await mkdtemp(join(tmpdir(), "grantledger-bench-audit-"));
    try {
      const file = join(dir, "history.ndjson");
      const { lines, rows } = await storeParts(file, log);
      collectGarbage();
      log(`  verify --from FILE (ours) and the floor, events/s (stores released and collected: heap ${mib(process.memoryUsage().heapUsed)}):`);
      const verify = await verifyRow(file, lines, log);
      return [verify, ...rows];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
