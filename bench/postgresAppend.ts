/**
 * Append and read-all throughput of the PostgreSQL event store, on the server and on PGlite.
 *
 *   pnpm exec tsx --conditions=@grantledger/source bench/postgresAppend.ts
 *
 * The server is GRANTLEDGER_PG_URL (default postgres://postgres@127.0.0.1:5432/test); it is skipped
 * if it cannot be reached. Each run works in a fresh schema and drops it afterwards.
 */
import { randomUUID } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import type { EventToAppend } from "@grantledger/core";
import { createPostgresEventStore } from "@grantledger/adapters/postgres";
import type { PostgresEventStore } from "@grantledger/adapters/postgres";

const serverUrl = process.env["GRANTLEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const STREAMS = 100;

// About the size of a real GrantDisbursed with its metadata (hash chain included).
const event = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: "GrantDisbursed",
  data: { grantId: `g-${n % STREAMS}`, amount: 125_000_00 + n, paymentRef: `PAY-2010-${n}`, disbursedAt: "2010-03-01T10:00:00+01:00" },
  metadata: {
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: null,
    actor: "case-officer@difi",
    schemaVersion: 1,
    prevHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    hash: "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
  },
});

const open = async (url: string, label: string): Promise<PostgresEventStore | undefined> => {
  const schema = `bench_${randomUUID().slice(0, 8)}`;
  const opened = await createPostgresEventStore({ url, schema, poolSize: 8, connectTimeoutMs: 2_000 })();
  if (E.isLeft(opened)) {
    console.log(`${label}: skipped (${opened.left.reason})`);
    return undefined;
  }
  return opened.right;
};

/** Appends `batches` batches of `size` events from `writers` concurrent writers; events per second. */
const appendRate = async (store: PostgresEventStore, writers: number, batches: number, size: number, offset: number): Promise<number> => {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let index = writer; index < batches; index += writers) {
        const batch = Array.from({ length: size }, (__, k) => event(index * size + k));
        const result = await store.appendToStream(`grant-bench-${offset + writer}-${index % STREAMS}`, batch)();
        if (E.isLeft(result)) throw new Error(result.left._tag);
      }
    }),
  );
  return (batches * size) / ((performance.now() - started) / 1_000);
};

const readAllRate = async (store: PostgresEventStore): Promise<{ count: number; rate: number }> => {
  const started = performance.now();
  let after = -1n;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1_000 })();
    if (E.isLeft(page)) throw new Error(page.left._tag);
    const last = page.right[page.right.length - 1];
    if (last === undefined) break;
    count += page.right.length;
    after = last.position;
  }
  return { count, rate: count / ((performance.now() - started) / 1_000) };
};

const run = async (label: string, url: string, scale: number): Promise<void> => {
  const store = await open(url, label);
  if (store === undefined) return;
  try {
    await appendRate(store, 1, 50, 1, 0); // warm-up: plans, connections
    const one = await appendRate(store, 1, 2_000 * scale, 1, 100);
    const hundred = await appendRate(store, 1, 100 * scale, 100, 200);
    const concurrent = store.driver.kind === "pg" ? await appendRate(store, 8, 4_000 * scale, 1, 300) : undefined;
    const read = await readAllRate(store);
    const format = (rate: number): string => `${Math.round(rate).toLocaleString("en-US").padStart(9)} events/s`;
    console.log(`${label}`);
    console.log(`  append, batches of 1, one writer    ${format(one)}`);
    if (concurrent !== undefined) console.log(`  append, batches of 1, 8 writers     ${format(concurrent)}`);
    console.log(`  append, batches of 100, one writer  ${format(hundred)}`);
    console.log(`  readAll, pages of 1 000             ${format(read.rate)}  (${read.count.toLocaleString("en-US")} events)`);
  } finally {
    await store.driver.script(`DROP SCHEMA ${store.schema} CASCADE`);
    await store.close();
  }
};

await run(`PostgreSQL server (${serverUrl.replace(/:[^:@/]*@/, ":***@")})`, serverUrl, 1);
await run("PGlite (in memory)", "pglite:memory", 0.25);
