import { alternate, perSecond } from "../lib/rounds.js";
import { SampleEventSource } from "../lib/sampleEvents.js";
import type { ResultRow, Workload } from "../lib/workload.js";
import { appendAndReadEmmett } from "./memoryStoreEmmett.js";
import { appendAndReadOurs } from "./memoryStoreOurs.js";

const EVENTS = 100_000;
/**
 * Emmett's in-memory store copies the whole stream on every append, so one stream is quadratic
 * (on this machine 10 000 events take under a second, 30 000 about eight, 40 000 twenty, 100 000
 * minutes). Both sides are measured on the largest of these that keeps the workload within about
 * a minute, so the ratio compares equal work; it grows with the count.
 */
const PEER_EVENTS = 30_000;
const STREAMS = 1_000;
const ROUNDS = 5;
const SHAPE_ROUNDS = 3;

export const memoryOneStream: Workload = {
  name: "memory-one-stream",
  measures: `single-event appends with an exact expected revision into one stream, then the stream read back: against Emmett on ${PEER_EVENTS.toLocaleString("en-US")} events (both sides), and ours on ${EVENTS.toLocaleString("en-US")} against ours on the same ${EVENTS.toLocaleString("en-US")} spread over ${STREAMS.toLocaleString("en-US")} streams`,
  run: async (log) => {
    const few = new SampleEventSource(1).take(PEER_EVENTS);
    log(`  against Emmett, both on ${PEER_EVENTS.toLocaleString("en-US")} events in one stream`);
    const versus = await alternate(
      ROUNDS,
      {
        ours: async () => perSecond(PEER_EVENTS, await appendAndReadOurs(few, 1)),
        peer: async () => perSecond(PEER_EVENTS, await appendAndReadEmmett(few, 1)),
      },
      log,
    );
    log(`  ours, ${EVENTS.toLocaleString("en-US")} events: one stream against ${STREAMS.toLocaleString("en-US")} streams`);
    const oneStream = new SampleEventSource(1).take(EVENTS);
    const spread = new SampleEventSource(STREAMS).take(EVENTS);
    const shape = await alternate(
      SHAPE_ROUNDS,
      {
        ours: async () => perSecond(EVENTS, await appendAndReadOurs(oneStream, 1)),
        peer: async () => perSecond(EVENTS, await appendAndReadOurs(spread, STREAMS)),
      },
      log,
    );
    const versusRatio = versus.ours / versus.peer;
    const shapeRatio = shape.ours / shape.peer;
    const rows: ResultRow[] = [
      {
        name: "memory-one-stream",
        unit: "events/s",
        ours: versus.ours,
        peer: versus.peer,
        peerLabel: "Emmett",
        ratio: versusRatio,
        target: ">= 20x",
        met: versusRatio >= 20,
        note: `both sides on ${PEER_EVENTS.toLocaleString("en-US")} events in one stream: Emmett copies the whole stream on every append, so ${EVENTS.toLocaleString("en-US")} would take minutes a round; the ratio grows with the count (Emmett's rate falls as its stream grows, ours does not)`,
      },
      {
        name: "memory-one-stream-vs-spread",
        unit: "events/s",
        ours: shape.ours,
        peer: shape.peer,
        peerLabel: `ours, ${STREAMS.toLocaleString("en-US")} streams`,
        ratio: shapeRatio,
        target: ">= 0.5x (within 2x)",
        met: shapeRatio >= 0.5,
        note: `ours on ${EVENTS.toLocaleString("en-US")} events in one stream against the same count over ${STREAMS.toLocaleString("en-US")} streams`,
      },
    ];
    return rows;
  },
};
