import { getInMemoryEventStore, STREAM_DOES_NOT_EXIST } from "@event-driven-io/emmett";
import type { ExpectedStreamVersion } from "@event-driven-io/emmett";
import { timeMs } from "../lib/rounds.js";
import { streamNameOf, type SampleEvent } from "../lib/sampleEvents.js";

/**
 * Emmett's in-memory store on the same work as `appendAndReadOurs`: single-event appends with
 * the expected stream version the previous append returned, then every stream read back.
 */
export const appendAndReadEmmett = async (events: readonly SampleEvent[], streams: number): Promise<number> => {
  const store = getInMemoryEventStore();
  const names = Array.from({ length: streams }, (_, stream) => streamNameOf(stream));
  const versions = new Array<ExpectedStreamVersion>(streams).fill(STREAM_DOES_NOT_EXIST);
  let read = 0;
  const ms = await timeMs(async () => {
    for (let n = 0; n < events.length; n++) {
      const stream = n % streams;
      const { type, data, metadata } = events[n] as SampleEvent;
      const appended = await store.appendToStream(names[stream] as string, [{ type, data, metadata }], {
        expectedStreamVersion: versions[stream] ?? STREAM_DOES_NOT_EXIST,
      });
      versions[stream] = appended.nextExpectedStreamVersion;
    }
    for (const name of names) read += (await store.readStream(name)).events.length;
  });
  if (read !== events.length) throw new Error(`Emmett read back ${read} of ${events.length} events`);
  return ms;
};
