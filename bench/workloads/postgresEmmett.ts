import { dumbo } from "@event-driven-io/dumbo";
import { STREAM_DOES_NOT_EXIST } from "@event-driven-io/emmett";
import type { ExpectedStreamVersion } from "@event-driven-io/emmett";
import { getPostgreSQLEventStore, readMessagesBatch } from "@event-driven-io/emmett-postgresql";
import type { PostgresEventStore } from "@event-driven-io/emmett-postgresql";
import type { SampleEvent } from "../lib/sampleEvents.js";
import {
  BATCH_SIZE,
  BATCH_STREAMS,
  batchStream,
  ONES_STREAMS,
  onesStream,
  PAGE_SIZE,
  StreamCursor,
  type PostgresSide,
} from "./postgresPhases.js";

const appender = (store: PostgresEventStore, streams: number, nameOf: (stream: number) => string) => {
  const versions = new Array<ExpectedStreamVersion>(streams).fill(STREAM_DOES_NOT_EXIST);
  const cursor = new StreamCursor(streams);
  return async (batch: SampleEvent[]): Promise<void> => {
    const stream = cursor.take();
    const appended = await store.appendToStream(nameOf(stream), batch, { expectedStreamVersion: versions[stream] ?? STREAM_DOES_NOT_EXIST });
    versions[stream] = appended.nextExpectedStreamVersion;
  };
};

/**
 * Emmett's PostgreSQL store on the database at `url` (its tables are made here, untimed). Its
 * event store has no read-all; its consumers read the global log with `readMessagesBatch`, so
 * that is what reads everything back, on the store's own pool.
 */
export const openPostgresEmmett = async (url: string): Promise<PostgresSide> => {
  // The pool is made here, not by the store, because readMessagesBatch needs its executor.
  const pool = dumbo({ connectionString: url });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { dumbo: pool } });
  await store.schema.migrate();
  const one = appender(store, ONES_STREAMS, onesStream);
  const batched = appender(store, BATCH_STREAMS, batchStream);
  return {
    appendOnes: async (events) => {
      for (const event of events) await one([event]);
    },
    appendBatches: async (events) => {
      for (let start = 0; start < events.length; start += BATCH_SIZE) await batched(events.slice(start, start + BATCH_SIZE));
    },
    readAll: async () => {
      let count = 0;
      let after = 0n;
      for (;;) {
        const page = await readMessagesBatch(pool.execute, { after, batchSize: PAGE_SIZE });
        if (page.messages.length === 0) return count;
        count += page.messages.length;
        after = page.currentGlobalPosition;
      }
    },
    close: async () => {
      await store.close();
      await pool.close();
    },
  };
};
