import { randomUUID } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import type { CurrentRevision } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { timeMs } from "../lib/rounds.js";
import { streamNameOf, type SampleEvent } from "../lib/sampleEvents.js";

/**
 * grantledger's memory store: appends `events` one at a time, event `n` to stream
 * `n % streams`, each at the exact revision the previous append returned, then reads every
 * stream back. Milliseconds for both. The event id is made inside the timed loop because
 * Emmett makes its own there too.
 */
export const appendAndReadOurs = async (events: readonly SampleEvent[], streams: number): Promise<number> => {
  const store = createMemoryEventStore();
  const names = Array.from({ length: streams }, (_, stream) => streamNameOf(stream));
  const revisions = new Array<CurrentRevision>(streams).fill("no_stream");
  let read = 0;
  const ms = await timeMs(async () => {
    for (let n = 0; n < events.length; n++) {
      const stream = n % streams;
      const { type, data, metadata } = events[n] as SampleEvent;
      const appended = await store.appendToStream(names[stream] as string, [{ id: randomUUID(), type, data, metadata }], {
        expectedRevision: revisions[stream] ?? "no_stream",
      })();
      if (E.isLeft(appended)) throw new Error(`append refused: ${appended.left._tag}`);
      revisions[stream] = appended.right.nextExpectedRevision;
    }
    for (const name of names) {
      const stream = await store.readStream(name)();
      if (E.isLeft(stream)) throw new Error(`read refused: ${stream.left._tag}`);
      read += stream.right.length;
    }
  });
  if (read !== events.length) throw new Error(`read back ${read} of ${events.length} events`);
  await store.close();
  return ms;
};
