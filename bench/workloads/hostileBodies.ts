import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import type { Workload } from "../lib/workload.js";

const SERVICE = fileURLToPath(new URL("../../examples/grants-service/main.ts", import.meta.url));
const CLIENTS = 4;
const BODY_BYTES = 400 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, 0x61);
/** What the service may grow by under the attack: well above its working set, far below one body. */
const BOUND_MB = 64;

/** A `/proc/<pid>/status` figure in MiB (`VmRSS`: resident now; `VmHWM`: the peak since start). */
const statusMb = async (pid: number, field: "VmRSS" | "VmHWM"): Promise<number> => {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  if (match === null) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
};

const startService = (): Promise<{ child: ChildProcess; port: number }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, SERVICE, "--store", "memory", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (data: Buffer): void => {
      output += data.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match !== null) resolve({ child, port: Number(match[1]) });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (data: Buffer) => (output += data.toString()));
    child.once("exit", (code) => reject(new Error(`the service exited (${code}) before listening: ${output}`)));
  });

/** Sends one body of {@link BODY_BYTES} as fast as the service reads it; resolves with the status, or 0 if the connection was cut first. */
const sendHugeBody = (port: number): Promise<number> =>
  new Promise((resolve) => {
    let status = 0;
    let sent = 0;
    const req = request({ host: "127.0.0.1", port, method: "POST", path: "/grants", headers: { "content-type": "application/json", "x-actor": "bench@difi" } }, (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.once("end", () => resolve(status));
      req.destroy();
    });
    req.once("error", () => resolve(status));
    req.once("close", () => resolve(status));
    const pump = (): void => {
      while (sent < BODY_BYTES) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });

export const hostileBodies: Workload = {
  name: "hostile-bodies",
  measures: `peak resident memory of the example service (memory store) while ${CLIENTS} clients each send a ${BODY_BYTES / 1024 / 1024} MiB body at once, beside its resident memory at rest; MiB`,
  run: async (log) => {
    const { child, port } = await startService();
    try {
      const pid = child.pid ?? 0;
      const idle = await statusMb(pid, "VmRSS");
      const statuses = await Promise.all(Array.from({ length: CLIENTS }, () => sendHugeBody(port)));
      const peak = await statusMb(pid, "VmHWM");
      log(`  answers: ${statuses.join(", ")}; resident at rest ${idle.toFixed(1)} MiB, peak ${peak.toFixed(1)} MiB`);
      return [
        {
          name: "hostile-bodies-peak-rss",
          unit: "MiB",
          ours: Math.round(peak * 10) / 10,
          peer: Math.round(idle * 10) / 10,
          peerLabel: "at rest",
          ratio: idle / peak,
          target: `<= at rest + ${BOUND_MB} MiB`,
          met: peak <= idle + BOUND_MB && statuses.every((status) => status === 413 || status === 0),
          note: `answers ${statuses.join(", ")} (413: refused as too large; 0: cut before an answer was read)`,
        },
      ];
    } finally {
      child.kill("SIGTERM");
    }
  },
};
