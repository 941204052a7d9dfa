import { randomUUID } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import type { CurrentRevision, EventToAppend } from "@grantledger/core";
import { createPostgresEventStore, type PostgresEventStore } from "@grantledger/adapters/postgres";
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

// The id is made inside the timed append because Emmett makes its own there too.
const toAppend = ({ type, data, metadata }: SampleEvent): EventToAppend => ({ id: randomUUID(), type, data, metadata });

const appender = (store: PostgresEventStore, streams: number, nameOf: (stream: number) => string) => {
  const revisions = new Array<CurrentRevision>(streams).fill("no_stream");
  const cursor = new StreamCursor(streams);
  return async (batch: readonly SampleEvent[]): Promise<void> => {
    const stream = cursor.take();
    const appended = await store.appendToStream(nameOf(stream), batch.map(toAppend), { expectedRevision: revisions[stream] ?? "no_stream" })();
    if (E.isLeft(appended)) throw new Error(`grantledger refused an append: ${appended.left._tag}`);
    revisions[stream] = appended.right.nextExpectedRevision;
  };
};

/** grantledger's PostgreSQL store on the database at `url` (its tables are made here, untimed). */
export const openPostgresOurs = async (url: string): Promise<PostgresSide> => {
  const opened = await createPostgresEventStore({ url, poolSize: 4 })();
  if (E.isLeft(opened)) throw new Error(`grantledger could not open its store: ${opened.left.reason}`);
  const store = opened.right;
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
      let after: bigint | undefined;
      for (;;) {
        const page = await store.readAll({ after, maxCount: PAGE_SIZE })();
        if (E.isLeft(page)) throw new Error(`grantledger refused a read: ${page.left._tag}`);
        const last = page.right[page.right.length - 1];
        if (last === undefined) return count;
        count += page.right.length;
        after = last.position;
      }
    },
    close: () => store.close(),
  };
};
