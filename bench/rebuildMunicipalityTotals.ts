/**
 * How fast MunicipalityTotals is rebuilt from 1 000 000 events held in memory.
 *
 *   pnpm exec tsx --conditions=@grantledger/source bench/rebuildMunicipalityTotals.ts [events]
 *
 * The history is written straight to the memory store (the command handler would spend the
 * time on hashing and loading streams, which is not what is measured here): grants of 1 to 33
 * municipalities, each applied for, evaluated, committed, awarded, paid in three tranches and
 * reported on once, eight events a grant, in blocks as a case officer would work through them.
 * Printed: the whole rebuild (readAll pages, codecs, fold) and its parts, and the runner's
 * rebuild, which also saves state and checkpoint to the memory read-model store once per batch.
 */
import { randomUUID } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { decodeRecordedEvent, type DecodedEvent, type EventStore, type JsonObject } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import {
  createMemoryReadModelStore,
  createProjectionRunner,
  listMunicipalities,
  municipalityTotals,
  projectAsOf,
} from "@grantledger/projections";

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const EVENTS_PER_GRANT = 8;
const BLOCK = 500;

// A small deterministic generator, so every run folds the same history.
let seed = 2009;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const MUNICIPALITIES = Array.from({ length: 20 }, (_, c) => Array.from({ length: 22 }, (_, n) => `${String(c + 1).padStart(2, "0")}${String(n + 1).padStart(2, "0")}`)).flat();
const metadata = (): JsonObject => ({ commandId: randomUUID(), correlationId: "bench", causationId: "bench", actor: "bench", schemaVersion: 1, prevHash: null, hash: "a".repeat(64) });

const participantsOf = () => {
  const roll = random();
  const count = roll < 0.5 ? 1 : roll < 0.85 ? 2 + Math.floor(random() * 4) : 6 + Math.floor(random() * 28);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(MUNICIPALITIES[Math.floor(random() * MUNICIPALITIES.length)] ?? "0101");
  const base = Math.floor(10_000 / count);
  return [...chosen].map((no, index) => ({ kind: "municipality", municipalityNo: no, name: `Kommune ${no}`, shareBps: index === 0 ? 10_000 - base * (count - 1) : base }));
};

const append = async (store: EventStore, streamName: string, type: string, data: JsonObject): Promise<void> => {
  const result = await store.appendToStream(streamName, [{ id: randomUUID(), type, data, metadata: metadata() }])();
  if (E.isLeft(result)) throw new Error(`${type}: ${result.left._tag}`);
};

const writeHistory = async (store: EventStore): Promise<number> => {
  const rounds = 20;
  for (let r = 0; r < rounds; r++) {
    await append(store, `round-r${r}`, "RoundOpened", {
      roundId: `r${r}`, name: `Round ${r}`, funder: { orgNo: "991825827", name: "Difi" }, budget: 9_000_000_000_000,
      policy: { maxShareBps: 5000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
      applicationDeadline: "2009-06-30T23:59:59Z", disbursementWindow: { from: "2009-01-01", to: "2012-12-31" },
    });
  }
  const grants = Math.floor((TOTAL - rounds) / EVENTS_PER_GRANT);
  for (let first = 0; first < grants; first += BLOCK) {
    const block = Array.from({ length: Math.min(BLOCK, grants - first) }, (_, i) => {
      const n = first + i;
      const requested = 100_000 + Math.floor(random() * 50_000_000);
      return { grantId: `g${n}`, roundId: `r${n % rounds}`, requested, awarded: Math.max(1, Math.floor(requested * (0.5 + random() / 2))) };
    });
    for (const g of block) {
      await append(store, `grant-${g.grantId}`, "GrantApplied", {
        grantId: g.grantId, roundId: g.roundId, applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
        participants: participantsOf(), project: { title: `Project ${g.grantId}` }, totalCost: g.requested * 5, requested: g.requested, appliedAt: "2009-03-01T10:00:00Z",
      });
    }
    for (const g of block) {
      await append(store, `grant-${g.grantId}`, "ApplicationEvaluated", { grantId: g.grantId, score: 70, recommendation: "award", evaluator: "Panel", evaluatedAt: "2009-08-01T12:00:00Z" });
    }
    for (const g of block) {
      await append(store, `round-${g.roundId}`, "FundsCommitted", { roundId: g.roundId, grantId: g.grantId, amount: g.awarded });
      await append(store, `grant-${g.grantId}`, "GrantAwarded", {
        grantId: g.grantId, roundId: g.roundId, amount: g.awarded, disbursementPlan: [{ due: "2010-01-01", amount: g.awarded }], conditions: [], awardedAt: "2009-09-01T10:00:00Z",
      });
    }
    for (const tranche of [0, 1, 2]) {
      for (const g of block) {
        const amount = Math.floor(g.awarded / 3) + (tranche === 2 ? g.awarded % 3 : 0);
        await append(store, `grant-${g.grantId}`, "GrantDisbursed", { grantId: g.grantId, amount, paymentRef: `${g.grantId}-${tranche}`, disbursedAt: `201${tranche}-03-01T10:00:00Z` });
      }
    }
    for (const g of block) {
      await append(store, `grant-${g.grantId}`, "BenefitsReported", {
        grantId: g.grantId, period: { from: "2011-01-01", to: "2011-12-31" }, reportedAt: "2012-02-01T10:00:00Z",
        benefits: [{ category: "cost-saving", description: "Licences", unit: "NOK", actual: Math.floor(random() * 10_000_000), owner: "CIO" }],
      });
    }
  }
  return rounds + grants * EVENTS_PER_GRANT;
};

// Wall time, and the process's CPU time: on a shared machine the second is the steadier figure.
const time = async <A>(label: string, events: number, run: () => Promise<A>): Promise<A> => {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const result = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rate = (s: number): string => Math.round(events / s).toLocaleString("en-US").padStart(10);
  console.log(`${label.padEnd(58)} ${seconds.toFixed(2).padStart(6)} s ${rate(seconds)} events/s   cpu ${cpuSeconds.toFixed(2).padStart(6)} s ${rate(cpuSeconds)} events/cpu-s`);
  return result;
};

const main = async (): Promise<void> => {
  const store = createMemoryEventStore();
  const events = await time("writing the history (memory store appends)", TOTAL, () => writeHistory(store));
  const all = await store.readAll()();
  if (E.isLeft(all)) throw new Error(all.left._tag);
  console.log(`${events.toLocaleString("en-US")} events, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB\n`);

  const rebuilt = await time("rebuild: projectAsOf (readAll pages + codecs + fold)", events, () => projectAsOf(store, municipalityTotals, { pageSize: 1_000 })());
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left._tag);
  const handles = new Set<string>(municipalityTotals.handles);
  const decoded = await time("  of which: codecs of the handled events", events, async () => {
    const out: DecodedEvent[] = [];
    for (const event of all.right) {
      if (!handles.has(event.type)) continue;
      const result = decodeRecordedEvent(event);
      if (E.isRight(result)) out.push(result.right);
    }
    return out;
  });
  await time("  of which: the fold alone (applyAll, batches of 1 000)", events, async () => {
    let state = municipalityTotals.initialState;
    for (let start = 0; start < decoded.length; start += 1_000) state = municipalityTotals.applyAll?.(state, decoded.slice(start, start + 1_000)) ?? state;
    return state;
  });
  await time("  (apply, one event at a time, for comparison)", events, async () => decoded.reduce(municipalityTotals.apply, municipalityTotals.initialState));

  for (const batchSize of [1_000, 10_000]) {
    const runner = createProjectionRunner({ store, projection: municipalityTotals, readModelStore: createMemoryReadModelStore(), batchSize });
    await time(`runner.rebuild(), batch ${batchSize.toLocaleString("en-US")}, memory read-model store`, events, () => runner.rebuild()());
  }
  const rows = listMunicipalities(rebuilt.right.state);
  const awarded = rows.reduce((sum, row) => sum + row.awarded, 0);
  console.log(`\n${rows.length} municipalities; awarded over them ${awarded.toLocaleString("en-US")} øre`);
};

await main();
