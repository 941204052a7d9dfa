import { alternate, perSecond, timeMs } from "../lib/rounds.js";
import { SampleEventSource, type SampleEvent } from "../lib/sampleEvents.js";
import { createScratchDatabase, postgresAdminUrl } from "../lib/scratchDatabase.js";
import type { ResultRow, Workload } from "../lib/workload.js";
import { openPostgresEmmett } from "./postgresEmmett.js";
import { openPostgresOurs } from "./postgresOurs.js";
import { BATCH_SIZE, BATCH_STREAMS, ONES_STREAMS, PAGE_SIZE, type PostgresSide } from "./postgresPhases.js";

const EVENTS = 100_000;
/** Each phase alternates between the sides in this many chunks, so both see the same server moods. */
const CHUNKS = 10;
// Emmett reads its log page by page ordered by transaction, which costs it more the further in
// the page is (some 30 s for the 200 000 events here), so the read gets two rounds, not three.
const READ_ROUNDS = 2;
const TARGET = ">= 1.5x";
const PHASES = [
  { name: "postgres-append", what: `${EVENTS.toLocaleString("en-US")} events in batches of 1, median of ${CHUNKS} alternating chunks` },
  { name: "postgres-append-100", what: `${EVENTS.toLocaleString("en-US")} events in batches of ${BATCH_SIZE}, median of ${CHUNKS} alternating chunks` },
  { name: "postgres-read-all", what: `all ${(2 * EVENTS).toLocaleString("en-US")} events in pages of ${PAGE_SIZE.toLocaleString("en-US")}, median of ${READ_ROUNDS} rounds (Emmett through readMessagesBatch: its store has no read-all)` },
] as const;

const skipped = (reason: string): ResultRow[] =>
  PHASES.map(({ name }) => ({ name, unit: "events/s", ours: null, peer: null, peerLabel: "Emmett", ratio: null, target: TARGET, met: null, note: reason }));

const chunksOf = <A>(items: readonly A[], chunks: number): A[][] => {
  const size = Math.ceil(items.length / chunks);
  return Array.from({ length: chunks }, (_, chunk) => items.slice(chunk * size, (chunk + 1) * size));
};

/** Both sides append the same events chunk by chunk, alternating; median events/s per chunk. */
const appendPhase = async (
  sides: { ours: PostgresSide; peer: PostgresSide },
  append: (side: PostgresSide, events: readonly SampleEvent[]) => Promise<void>,
  streams: number,
  log: (line: string) => void,
) => {
  const chunks = chunksOf(new SampleEventSource(streams).take(EVENTS), CHUNKS);
  const next = { ours: 0, peer: 0 };
  const rate = async (side: "ours" | "peer"): Promise<number> => {
    const chunk = chunks[next[side]++] ?? [];
    return perSecond(chunk.length, await timeMs(() => append(sides[side], chunk)));
  };
  return alternate(CHUNKS, { ours: () => rate("ours"), peer: () => rate("peer") }, log);
};

export const postgresAppend: Workload = {
  name: "postgres-append",
  measures: `on the PostgreSQL server of GRANTLEDGER_PG_URL, each store in a fresh database of its own: ${EVENTS.toLocaleString("en-US")} events appended one per call with an exact expected revision over ${ONES_STREAMS.toLocaleString("en-US")} streams, ${EVENTS.toLocaleString("en-US")} in batches of ${BATCH_SIZE} over ${BATCH_STREAMS} streams, then the whole log read back in global order; events/s`,
  run: async (log) => {
    const server = await postgresAdminUrl(log);
    if ("skipped" in server) return skipped(server.skipped);
    const adminUrl = server.url;
    const databases = { ours: await createScratchDatabase(adminUrl, "grantledger"), peer: await createScratchDatabase(adminUrl, "emmett") };
    try {
      const sides = { ours: await openPostgresOurs(databases.ours.url), peer: await openPostgresEmmett(databases.peer.url) };
      try {
        log(`  batches of 1, ${CHUNKS} chunks of ${(EVENTS / CHUNKS).toLocaleString("en-US")} events a side`);
        const ones = await appendPhase(sides, (side, events) => side.appendOnes(events), ONES_STREAMS, log);
        log(`  batches of ${BATCH_SIZE}, ${CHUNKS} chunks of ${(EVENTS / CHUNKS).toLocaleString("en-US")} events a side`);
        const batches = await appendPhase(sides, (side, events) => side.appendBatches(events), BATCH_STREAMS, log);
        log(`  read all (${(2 * EVENTS).toLocaleString("en-US")} events a side), ${READ_ROUNDS} rounds`);
        const readRate = async (side: PostgresSide): Promise<number> => {
          let count = 0;
          const ms = await timeMs(async () => (count = await side.readAll()));
          if (count !== 2 * EVENTS) throw new Error(`read all found ${count} events, not ${2 * EVENTS}`);
          return perSecond(count, ms);
        };
        const reads = await alternate(READ_ROUNDS, { ours: () => readRate(sides.ours), peer: () => readRate(sides.peer) }, log);
        const note = "synchronous_commit = off in both databases (with it on, every commit waits ~6 ms for this machine's disk, whichever store sends it)";
        return [ones, batches, reads].map((medians, index): ResultRow => {
          const ratio = medians.ours / medians.peer;
          return {
            name: PHASES[index]?.name ?? "postgres",
            unit: "events/s",
            ours: medians.ours,
            peer: medians.peer,
            peerLabel: "Emmett",
            ratio,
            target: TARGET,
            met: ratio >= 1.5,
            note: `${PHASES[index]?.what ?? ""}; ${note}`,
          };
        });
      } finally {
        await Promise.all([sides.ours.close(), sides.peer.close()]);
      }
    } finally {
      await Promise.all([databases.ours.drop(), databases.peer.drop()]);
    }
  },
};
