import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { startServiceProcess } from "../lib/serviceProcess.js";
import type { Workload } from "../lib/workload.js";

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
    const service = await startServiceProcess("memory:");
    const { child } = service;
    const port = Number(new URL(service.url).port);
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
      await service.stop();
    }
  },
};
