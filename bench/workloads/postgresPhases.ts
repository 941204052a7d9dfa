import type { SampleEvent } from "../lib/sampleEvents.js";

/**
 * One store, open on its own database for the whole workload, so the workload can alternate
 * between the two sides chunk by chunk. Each side keeps its streams' revisions between chunks.
 */
export interface PostgresSide {
  /** Appends each event on its own, event `n` of the phase to stream `n % ONES_STREAMS`, at the exact revision. */
  appendOnes(events: readonly SampleEvent[]): Promise<void>;
  /** Appends the events `BATCH_SIZE` at a time, batch `k` of the phase to stream `k % BATCH_STREAMS`. */
  appendBatches(events: readonly SampleEvent[]): Promise<void>;
  /** Reads the whole log in global order, a page at a time; the number of events read. */
  readAll(): Promise<number>;
  close(): Promise<void>;
}

export const ONES_STREAMS = 1_000;
export const BATCH_SIZE = 100;
export const BATCH_STREAMS = 100;
export const PAGE_SIZE = 1_000;

/** Stream names of their own for each phase, so the two never share a stream. */
export const onesStream = (stream: number): string => `grant-one${stream}`;
export const batchStream = (stream: number): string => `grant-batch${stream}`;

/** Where a phase's next append goes: a stream index that goes on from one chunk to the next. */
export class StreamCursor {
  private next = 0;
  constructor(private readonly streams: number) {}
  take(): number {
    const stream = this.next % this.streams;
    this.next++;
    return stream;
  }
}
