import { alternate, perSecond } from "../lib/rounds.js";
import { SampleEventSource } from "../lib/sampleEvents.js";
import type { Workload } from "../lib/workload.js";
import { appendAndReadEmmett } from "./memoryStoreEmmett.js";
import { appendAndReadOurs } from "./memoryStoreOurs.js";

const EVENTS = 100_000;
const STREAMS = 1_000;
const ROUNDS = 5;

export const memoryAppend: Workload = {
  name: "memory-append",
  measures: `${EVENTS.toLocaleString("en-US")} single-event appends with an exact expected revision over ${STREAMS.toLocaleString("en-US")} streams, then every stream read back, in the memory store; events/s over both phases`,
  run: async (log) => {
    const events = new SampleEventSource(STREAMS).take(EVENTS);
    const { ours, peer } = await alternate(
      ROUNDS,
      {
        ours: async () => perSecond(EVENTS, await appendAndReadOurs(events, STREAMS)),
        peer: async () => perSecond(EVENTS, await appendAndReadEmmett(events, STREAMS)),
      },
      log,
    );
    const ratio = ours / peer;
    return [{ name: "memory-append", unit: "events/s", ours, peer, peerLabel: "Emmett", ratio, target: ">= 20x", met: ratio >= 20 }];
  },
};
