import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { alternate } from "../lib/rounds.js";
import type { Workload } from "../lib/workload.js";

const EVENTS = 100_000;
const STREAMS = 1_000;
const ROUNDS = 3;
const CHILD = fileURLToPath(new URL("./memoryPerEventChild.ts", import.meta.url));

const run = promisify(execFile);

/**
 * One measurement in a fresh process: `global.gc` needs --expose-gc, and a fresh heap holds
 * nothing left over from the workloads before. The child inherits this process's loader flags
 * (tsx, the source condition), so it runs the same code.
 */
const bytesPerEvent = async (side: "ours" | "emmett"): Promise<number> => {
  const { stdout } = await run(process.execPath, [...process.execArgv, "--expose-gc", CHILD, side, String(EVENTS), String(STREAMS)], {
    maxBuffer: 1 << 20,
  });
  const last = stdout.trim().split("\n").pop() ?? "";
  const parsed: unknown = JSON.parse(last);
  if (typeof parsed !== "object" || parsed === null || !("bytesPerEvent" in parsed) || typeof parsed.bytesPerEvent !== "number") {
    throw new Error(`the memory child printed ${last}`);
  }
  return parsed.bytesPerEvent;
};

export const memoryPerEvent: Workload = {
  name: "memory-per-event",
  measures: `heap held per stored event after ${EVENTS.toLocaleString("en-US")} single-event appends over ${STREAMS.toLocaleString("en-US")} streams (realistic GrantDisbursed events with full metadata), after a full collection, each side in a fresh process; bytes/event`,
  run: async (log) => {
    const { ours, peer } = await alternate(ROUNDS, { ours: () => bytesPerEvent("ours"), peer: () => bytesPerEvent("emmett") }, log);
    return [
      {
        name: "memory-per-event",
        unit: "bytes/event",
        ours,
        peer,
        peerLabel: "Emmett",
        // Fewer bytes is better, so the ratio is the peer's over ours, as for rates it is ours over the peer's.
        ratio: peer / ours,
        target: "<= 600 bytes",
        met: ours <= 600,
        note: "heap after minus heap before, over the events stored; the events' strings are counted where only the store keeps them",
      },
    ];
  },
};
