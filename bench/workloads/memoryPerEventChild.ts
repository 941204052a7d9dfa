/**
 * Run by the memory-per-event workload in a child process started with --expose-gc, so the heap
 * holds nothing but what this measures: `node --expose-gc … memoryPerEventChild.ts ours|emmett COUNT STREAMS`.
 * Prints one JSON line: the heap the store holds per event after a full collection.
 */
import { randomUUID } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { getInMemoryEventStore, STREAM_DOES_NOT_EXIST } from "@event-driven-io/emmett";
import type { ExpectedStreamVersion } from "@event-driven-io/emmett";
import type { CurrentRevision } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { SampleEventSource, streamNameOf } from "../lib/sampleEvents.js";

const [side, countText, streamsText] = process.argv.slice(2);
const count = Number(countText);
const streams = Number(streamsText);
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error("start this with --expose-gc");

const settledHeap = (): number => {
  // A few passes: weak references and finalizers can free more on a second one.
  for (let pass = 0; pass < 3; pass++) collect();
  return process.memoryUsage().heapUsed;
};

const fillOurs = async (source: SampleEventSource): Promise<() => Promise<number>> => {
  const store = createMemoryEventStore();
  const revisions = new Array<CurrentRevision>(streams).fill("no_stream");
  for (let n = 0; n < count; n++) {
    const stream = n % streams;
    const { type, data, metadata } = source.make();
    const appended = await store.appendToStream(streamNameOf(stream), [{ id: randomUUID(), type, data, metadata }], { expectedRevision: revisions[stream] ?? "no_stream" })();
    if (E.isLeft(appended)) throw new Error(appended.left._tag);
    revisions[stream] = appended.right.nextExpectedRevision;
  }
  return async () => {
    const all = await store.readAll()();
    return E.isLeft(all) ? -1 : all.right.length;
  };
};

const fillEmmett = async (source: SampleEventSource): Promise<() => Promise<number>> => {
  const store = getInMemoryEventStore();
  const versions = new Array<ExpectedStreamVersion>(streams).fill(STREAM_DOES_NOT_EXIST);
  for (let n = 0; n < count; n++) {
    const stream = n % streams;
    const { type, data, metadata } = source.make();
    const appended = await store.appendToStream(streamNameOf(stream), [{ type, data, metadata }], { expectedStreamVersion: versions[stream] ?? STREAM_DOES_NOT_EXIST });
    versions[stream] = appended.nextExpectedStreamVersion;
  }
  return async () => {
    let total = 0;
    for (let stream = 0; stream < streams; stream++) total += (await store.readStream(streamNameOf(stream))).events.length;
    return total;
  };
};

const source = new SampleEventSource(streams);
const before = settledHeap();
// The store stays reachable through `countStored` until after the second measurement.
const countStored = side === "emmett" ? await fillEmmett(source) : await fillOurs(source);
const after = settledHeap();
const stored = await countStored();
if (stored !== count) throw new Error(`the store holds ${stored} events, not ${count}`);
console.log(JSON.stringify({ bytesPerEvent: (after - before) / count }));
