/**
 * The audit bench's verify row (verifyHistoryFile against the floor) on a history of a size of
 * one's choosing, to iterate on verification without the full bench's million events, seals
 * and proofs:
 *
 *   pnpm exec tsx --conditions=@grantledger/source bench/profileVerify.ts [GRANTS] [ROUNDS] [verify|floor]
 *
 * GRANTS (default 20 000, ten events each) picks the history, generated as the bench generates
 * it, sealed every 1 000 grants, and kept in the temp directory under its size, so that only the
 * first run pays for it. ROUNDS (default 3) alternate the two sides; naming one runs only that.
 * Rates are per CPU second of the process (user and system), which a busy machine disturbs far
 * less than wall-clock time; the bench itself times wall-clock.
 * For a CPU profile with the lines of the built JavaScript, build and drop the source condition:
 *
 *   pnpm build && node --cpu-prof --import tsx bench/profileVerify.ts 20000 2 verify
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { verifyHistoryFile } from "@grantledger/cli";
import { floorPass } from "./workloads/auditFloor.js";
import { AuditHistory, exportNdjson } from "./workloads/auditHistory.js";
import { median, perSecond } from "./lib/rounds.js";

const GRANTS_PER_SEAL = 1_000;

const grants = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 3);
const only = process.argv[4];

const file = join(tmpdir(), `grantledger-profile-${grants}.ndjson`);
if (!existsSync(file)) {
  const history = await AuditHistory.generate(grants, GRANTS_PER_SEAL);
  await exportNdjson(history.store, file);
}

const bigintsAsText = (_key: string, value: unknown): unknown => (typeof value === "bigint" ? String(value) : value);

/** The CPU milliseconds (user and system) `work` took. */
const cpuMs = async (work: () => Promise<unknown>): Promise<number> => {
  const started = process.cpuUsage();
  await work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
};

/** One timed verification, in events a CPU second. */
const verifyOnce = async (): Promise<number> => {
  let events = 0;
  const ms = await cpuMs(async () => {
    const outcome = await verifyHistoryFile(file, {});
    if (E.isLeft(outcome.result)) throw new Error(`the history does not verify: ${JSON.stringify(outcome.result.left, bigintsAsText)}`);
    events = outcome.result.right.events;
  });
  return perSecond(events, ms);
};

/** One timed floor pass, in lines a CPU second. */
const floorOnce = async (): Promise<number> => {
  let lines = 0;
  const ms = await cpuMs(async () => void (lines = await floorPass(file)));
  return perSecond(lines, ms);
};

const verified: number[] = [];
const floors: number[] = [];
for (let round = 0; round < rounds; round++) {
  // Which side goes first alternates, as in the bench.
  const order = round % 2 === 0 ? (["verify", "floor"] as const) : (["floor", "verify"] as const);
  for (const side of order) {
    if (only !== undefined && only !== side) continue;
    const rate = side === "verify" ? await verifyOnce() : await floorOnce();
    (side === "verify" ? verified : floors).push(rate);
    console.log(`round ${round + 1}: ${side.padEnd(6)} ${Math.round(rate).toLocaleString("en-US")} events a CPU second`);
  }
}
if (verified.length > 0 && floors.length > 0) {
  // Each round's ratio, so that a disturbance shared by both sides of a round cancels out.
  const ratios = verified.map((rate, i) => rate / (floors[i] ?? Number.NaN));
  console.log(`median: verify ${Math.round(median(verified)).toLocaleString("en-US")}, floor ${Math.round(median(floors)).toLocaleString("en-US")}, ratio ${median(ratios).toFixed(2)}x`);
}
