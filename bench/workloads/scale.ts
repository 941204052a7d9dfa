import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createPostgresEventStore, type PostgresEventStore } from "@grantledger/adapters/postgres";
import { bulkImportHistory, importHistory, runCli } from "@grantledger/cli";
import { collectGarbage } from "../lib/collectGarbage.js";
import { perSecond, timeMs } from "../lib/rounds.js";
import { SampleEventSource } from "../lib/sampleEvents.js";
import { createScratchDatabase, postgresAdminUrl, type ScratchDatabase } from "../lib/scratchDatabase.js";
import { startServiceProcess, type ServiceProcess } from "../lib/serviceProcess.js";
import type { ResultRow, RunOptions, Workload } from "../lib/workload.js";
import { EVENTS_PER_GRANT } from "./auditHistory.js";
import { openPostgresOurs } from "./postgresOurs.js";
import { writeScaleHistory } from "./scaleHistory.js";

/** Grants in the history by default; `--grants N` for another size. */
export const DEFAULT_GRANTS = 100_000;
/** Today's path appends one stream's run of events per call: measured on the file's first events only. */
const PER_STREAM_SLICE = 20_000;
/** The whole command (its verify pass replays the rules, some 5 000 events/s here) on the file's first events. */
const COMMAND_SLICE = 110_001;
/** Events appended in batches of 100, beside the floor. */
const BATCHED_EVENTS = 50_000;
const TARGET = ">= 0.5x of COPY";

const count = (n: number): string => n.toLocaleString("en-US");
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** `work`'s result, and the largest resident set the process had while it ran (sampled every 20 ms). */
const withPeakRss = async <A>(work: () => Promise<A>): Promise<{ readonly result: A; readonly peakRss: number }> => {
  collectGarbage();
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    return { result, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(sample);
  }
};

/** The floor: the file's lines, as they are, `COPY`ed into a table of one jsonb column (no index, no key). */
const copyFloor = async (url: string, file: string): Promise<number> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE TABLE lines (line jsonb NOT NULL)");
    // CSV with a delimiter and a quote no JSON line holds: every line is one value, backslashes and all.
    const copy = client.query(copyFrom("COPY lines (line) FROM STDIN WITH (FORMAT csv, DELIMITER e'\\x01', QUOTE e'\\x02')"));
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), copy);
    const [row] = (await client.query<{ n: string }>("SELECT count(*) AS n FROM lines")).rows;
    return Number(row?.n ?? 0);
  } finally {
    await client.end();
  }
};

const openStore = async (url: string): Promise<PostgresEventStore> => {
  const opened = await createPostgresEventStore({ url, poolSize: 4 })();
  if (E.isLeft(opened)) throw new Error(`could not open the store: ${opened.left.reason}`);
  return opened.right;
};

/** The file's first `lines` lines, in a file of their own (today's path is measured on them). */
const sliceOf = async (file: string, lines: number, out: string): Promise<number> => {
  const sink = createWriteStream(out);
  let written = 0;
  let pending = "";
  const input = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  let rest = "";
  for await (const chunk of input as AsyncIterable<string>) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) {
      if (written === lines) break;
      pending += `${line}\n`;
      written += 1;
    }
    if (!sink.write(pending)) await once(sink, "drain");
    pending = "";
    if (written === lines) break;
  }
  input.destroy();
  sink.end();
  await once(sink, "finish");
  return written;
};

interface Measured {
  readonly rate: number;
  readonly peakRss: number;
  readonly events: number;
  readonly ms: number;
}

const measure = async (events: number, work: () => Promise<number>, log: (line: string) => void, label: string): Promise<Measured> => {
  let counted = 0;
  const { result: ms, peakRss } = await withPeakRss(() => timeMs(async () => void (counted = await work())));
  if (counted !== events) throw new Error(`${label} took ${counted} events of ${events}`);
  const rate = perSecond(events, ms);
  log(`  ${label}: ${count(events)} events in ${(ms / 1000).toFixed(1)} s, ${count(Math.round(rate))} events/s, peak RSS ${mib(peakRss)}`);
  return { rate, peakRss, events, ms };
};

const skipped = (reason: string): ResultRow[] =>
  ["scale-import", "scale-import-command", "scale-import-per-stream", "scale-append-100"].map((name) => ({
    name, unit: "events/s", ours: null, peer: null, peerLabel: "COPY", ratio: null, target: TARGET, met: null, note: reason,
  }));

const inDatabase = async <A>(adminUrl: string, label: string, work: (url: string) => Promise<A>): Promise<A> => {
  const database: ScratchDatabase = await createScratchDatabase(adminUrl, label);
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
};

const silent = { out: () => undefined, err: () => undefined };

const PAGE_READS = 20;

/**
 * The example service started twice on `url`: cold (no read models saved yet, so it folds every
 * event, and saves them as it goes) and warm (it loads them from the store's tables), each timed
 * until it listens; then the first page of GET /grants on the warm one.
 */
const serviceStarts = async (url: string, log: (line: string) => void): Promise<{ coldMs: number; warmMs: number; pageMs: number }> => {
  let service: ServiceProcess | undefined;
  const coldMs = await timeMs(async () => void (service = await startServiceProcess(url)));
  await service?.stop();
  const warmMs = await timeMs(async () => void (service = await startServiceProcess(url)));
  try {
    const times: number[] = [];
    for (let read = 0; read < PAGE_READS; read++) {
      times.push(
        await timeMs(async () => {
          const answer = await fetch(`${service?.url ?? ""}/grants?limit=100`);
          if (answer.status !== 200) throw new Error(`GET /grants: ${answer.status}`);
          await answer.json();
        }),
      );
    }
    const pageMs = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
    log(`  service start: cold ${(coldMs / 1000).toFixed(1)} s, warm ${(warmMs / 1000).toFixed(1)} s; GET /grants?limit=100 ${pageMs.toFixed(1)} ms`);
    return { coldMs, warmMs, pageMs };
  } finally {
    await service?.stop();
  }
};

export const scale: Workload = {
  name: "scale",
  measures:
    `on the PostgreSQL server of GRANTLEDGER_PG_URL, a history of ${count(DEFAULT_GRANTS)} grants (--grants N for another size; ${EVENTS_PER_GRANT + 1} events a grant, chained, written by the bench to a temp dir), ` +
    "each side in a fresh database of its own: COPY of its NDJSON lines into a jsonb table (the floor), the bulk import (the write pass of `grantledger import`, chain-checked), " +
    `the whole \`grantledger import\` (verify pass with the rules, then that write pass; the first ${count(COMMAND_SLICE)} events), today's per-stream append path (the first ${count(PER_STREAM_SLICE)} events) and appends in batches of 100; events/s and peak RSS`,
  run: async (log, options: RunOptions = {}) => {
    const server = await postgresAdminUrl(log);
    if ("skipped" in server) return skipped(server.skipped);
    const adminUrl = server.url;
    const grants = options.grants ?? DEFAULT_GRANTS;
    const dir = await mkdtemp(join(tmpdir(), "grantledger-bench-scale-"));
    try {
      const file = join(dir, "history.ndjson");
      let lines = 0;
      const generated = await timeMs(async () => void (lines = await writeScaleHistory(file, grants)));
      const bytes = (await stat(file)).size;
      log(`  history: ${count(grants)} grants, ${count(lines)} events, ${mib(bytes)} of NDJSON (written in ${(generated / 1000).toFixed(1)} s)`);

      const floor = await inDatabase(adminUrl, "copy", (url) => measure(lines, () => copyFloor(url, file), log, "COPY floor"));
      const bulk = await inDatabase(adminUrl, "bulk", async (url) => {
        const store = await openStore(url);
        try {
          return await measure(
            lines,
            async () => {
              const report = await bulkImportHistory(file, store, "bench", { fileLabel: file, checks: {} });
              if (report.alreadyThere !== 0) throw new Error(`a fresh database held ${report.alreadyThere} of the events already`);
              return report.events;
            },
            log,
            "bulk import (write pass)",
          );
        } finally {
          await store.close();
        }
      });
      const starts = await inDatabase(adminUrl, "service", async (url) => {
        const store = await openStore(url);
        try {
          await bulkImportHistory(file, store, "bench", { fileLabel: file, checks: {} });
        } finally {
          await store.close();
        }
        return serviceStarts(url, log);
      });
      const slice = join(dir, "slice.ndjson");
      const commandFile = join(dir, "command.ndjson");
      const commandEvents = await sliceOf(file, Math.min(lines, COMMAND_SLICE), commandFile);
      const command = await inDatabase(adminUrl, "command", (url) =>
        measure(
          commandEvents,
          async () => {
            const code = await runCli(["node", "grantledger", "import", commandFile, "--to", url], silent);
            if (code !== 0) throw new Error(`grantledger import exited ${code}`);
            return commandEvents;
          },
          log,
          `grantledger import (verify with rules + write pass, first ${count(commandEvents)} events)`,
        ),
      );
      const sliced = await sliceOf(file, Math.min(lines, PER_STREAM_SLICE), slice);
      const perStream = await inDatabase(adminUrl, "perstream", async (url) => {
        const store = await openStore(url);
        try {
          return await measure(sliced, async () => (await importHistory(slice, store, "bench", { keepRecordedAt: true })).events, log, `per-stream append (today's path, first ${count(sliced)} events)`);
        } finally {
          await store.close();
        }
      });
      const batchedEvents = Math.min(lines, BATCHED_EVENTS);
      const batched = await inDatabase(adminUrl, "batched", async (url) => {
        const side = await openPostgresOurs(url);
        try {
          const events = new SampleEventSource(100).take(batchedEvents);
          return await measure(batchedEvents, async () => (await side.appendBatches(events), batchedEvents), log, "appendToStream in batches of 100");
        } finally {
          await side.close();
        }
      });
      const row = (name: string, ours: Measured, target: string, note: string): ResultRow => {
        const ratio = ours.rate / floor.rate;
        return {
          name, unit: "events/s", ours: ours.rate, peer: floor.rate, peerLabel: "COPY", ratio, target,
          met: target === TARGET ? ratio >= 0.5 : null,
          note: `${note}; peak RSS ${mib(ours.peakRss)} (COPY ${mib(floor.peakRss)}; the server's own memory not counted); ${count(grants)} grants, ${count(lines)} events, ${mib(bytes)}`,
        };
      };
      const startRows: ResultRow[] = [
        {
          name: "scale-service-start",
          unit: "ms",
          ours: Math.round(starts.warmMs),
          peer: Math.round(starts.coldMs),
          peerLabel: "cold start",
          ratio: starts.coldMs / starts.warmMs,
          target: "-",
          met: null,
          note: `pnpm service on the imported store until it listens: warm (read models loaded from the store's tables) beside cold (no read models saved: every event folded); ${count(grants)} grants, ${count(lines)} events`,
        },
        {
          name: "scale-grants-page",
          unit: "ms",
          ours: Math.round(starts.pageMs * 10) / 10,
          peer: null,
          peerLabel: "-",
          ratio: null,
          target: "-",
          met: null,
          note: `GET /grants?limit=100 on the warm service (median of ${PAGE_READS}); ${count(grants)} grants`,
        },
      ];
      return [
        ...startRows,
        row("scale-import", bulk, TARGET, "the write pass of grantledger import: each batch re-verified (hash chain, order) and written 10 000 events a transaction"),
        row("scale-import-command", command, "-", `the whole grantledger import (private copy, verify pass with rule replay, then the write pass) on the first ${count(commandEvents)} events`),
        row("scale-import-per-stream", perStream, "-", `today's per-stream append path (importHistory), on the first ${count(sliced)} events only`),
        row("scale-append-100", batched, "-", `appendToStream, ${count(batchedEvents)} events in batches of 100 over 100 streams`),
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
