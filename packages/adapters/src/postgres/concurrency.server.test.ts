import * as E from "fp-ts/lib/Either.js";
import { v4 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventStore, EventToAppend, ExpectedRevision, RecordedEvent } from "@grantledger/core";
import type { PostgresEventStore } from "./postgresEventStore.js";
import { TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";

// Separate stores with a pool of one are separate connections (on PGlite: one queue, the same SQL).
let database: TestDatabase;
beforeAll(async () => {
  database = await TestDatabase.open("server");
});
afterAll(() => database.close());

const event = (n: number): EventToAppend => ({ id: v4(), type: "LoadTested", data: { n }, metadata: {} });

const openStores = (schema: string, count: number): Promise<PostgresEventStore[]> =>
  Promise.all(Array.from({ length: count }, () => database.openStore(schema, { poolSize: 1 })));

const readEverything = async (store: EventStore): Promise<readonly RecordedEvent[]> => {
  const all = await store.readAll()();
  if (E.isLeft(all)) throw new Error(all.left._tag);
  return all.right;
};

describe("appends from separate connections", () => {
  it("to one stream at the same expected revision: exactly one wins, every time", async () => {
    const stores = await openStores(uniqueSchema("race"), 2);
    try {
      let expected: ExpectedRevision = "no_stream";
      for (let round = 0; round < 25; round++) {
        const results = await Promise.all(stores.map((store) => store.appendToStream("grant-1", [event(round)], { expectedRevision: expected })()));
        expect(results.filter(E.isRight).map((result) => result.right.nextExpectedRevision)).toEqual([BigInt(round)]);
        const actual = round === 0 ? "no_stream" : BigInt(round - 1);
        expect(results.filter(E.isLeft).map((result) => result.left)).toEqual([
          { _tag: "WrongExpectedVersion", streamName: "grant-1", expected, actual: BigInt(round) },
        ]);
        expect(actual).not.toBe(BigInt(round));
        expected = BigInt(round);
      }
      expect((await readEverything(stores[0] as EventStore)).map((recorded) => recorded.revision)).toEqual(
        Array.from({ length: 25 }, (_, index) => BigInt(index)),
      );
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it("8 writers x 1 000 appends over 50 streams: none lost or doubled, revisions contiguous, positions increasing", async () => {
    // Eight stores opening a fresh schema at once also migrate it at once.
    const writers = await openStores(uniqueSchema("load"), 8);
    const perWriter = database.kind === "server" ? 1_000 : 150;
    const results = new Map<string, { streamName: string; revision: bigint; position: bigint }>();
    try {
      await Promise.all(
        writers.map(async (store, writer) => {
          for (let index = 0; index < perWriter; index++) {
            const streamName = `grant-${(writer * 7 + index * 13) % 50}`;
            const appended = event(index);
            const result = await store.appendToStream(streamName, [appended])();
            if (E.isLeft(result)) throw new Error(`writer ${writer}: ${result.left._tag}`);
            results.set(appended.id, { streamName, revision: result.right.nextExpectedRevision, position: result.right.position });
          }
        }),
      );
      const all = await readEverything(writers[0] as EventStore);
      expect(all).toHaveLength(8 * perWriter);
      expect(new Set(all.map((recorded) => recorded.id)).size).toBe(all.length);
      expect(all.map((recorded) => recorded.position)).toEqual(all.map((_, index) => BigInt(index)));
      const revisions = new Map<string, bigint[]>();
      for (const recorded of all) {
        expect(results.get(recorded.id)).toEqual({ streamName: recorded.streamName, revision: recorded.revision, position: recorded.position });
        revisions.set(recorded.streamName, [...(revisions.get(recorded.streamName) ?? []), recorded.revision]);
      }
      expect(revisions.size).toBe(50);
      for (const list of revisions.values()) expect(list).toEqual(list.map((_, index) => BigInt(index)));
    } finally {
      await Promise.all(writers.map((store) => store.close()));
    }
  }, 30_000);

  it("a reader following the global order while writers append never finds an event below one it passed", async () => {
    const [reader, ...writers] = await openStores(uniqueSchema("gaps"), 5);
    if (reader === undefined) throw new Error("no reader");
    const perWriter = database.kind === "server" ? 300 : 60;
    let writing = true;
    const subscription = reader.subscribeToAll();
    try {
      const written = Promise.all(
        writers.map(async (store, writer) => {
          for (let index = 0; index < perWriter; index++) {
            const batch = Array.from({ length: 1 + (index % 3) }, () => event(index));
            const result = await store.appendToStream(`round-${writer}-${index % 5}`, batch)();
            if (E.isLeft(result)) throw new Error(result.left._tag);
          }
        }),
      ).finally(() => (writing = false));
      const followed: RecordedEvent[] = [];
      let last = -1n;
      // Done only after an empty read that began once every writer had finished.
      for (let done = false; !done; ) {
        const writersDone = !writing;
        const page = await reader.readAll({ after: last, maxCount: 37 })();
        if (E.isLeft(page)) throw new Error(page.left._tag);
        done = writersDone && page.right.length === 0;
        for (const recorded of page.right) {
          expect(recorded.position).toBeGreaterThan(last);
          last = recorded.position;
          followed.push(recorded);
        }
      }
      await written;
      const all = await readEverything(reader);
      // An event that committed below a position the reader had passed would be missing here.
      expect(followed.map((recorded) => recorded.id)).toEqual(all.map((recorded) => recorded.id));
      const delivered: string[] = [];
      for await (const recorded of subscription) {
        delivered.push(recorded.id);
        if (delivered.length === all.length) break;
      }
      expect(delivered).toEqual(all.map((recorded) => recorded.id));
    } finally {
      await subscription.close();
      await Promise.all([reader, ...writers].map((store) => store.close()));
    }
  }, 30_000);
});
