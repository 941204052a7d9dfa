import * as E from "fp-ts/lib/Either.js";
import { v4 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, readAllPages, sealHistory, verifyHistory, type RecordedEvent } from "@grantledger/core";
import { createMemoryEventStore } from "../memory/index.js";
import { recordLedgerHistory } from "../testing/ledgerContractHistory.js";
import { importEvents, startBulkImport, type BulkImportReport } from "./bulkImport.js";
import type { PostgresEventStore } from "./postgresEventStore.js";
import type { TestDatabase } from "./testDatabase.testkit.js";

/** Small transactions, so that a history of a few hundred events spans many. */
const PER_TRANSACTION = 10;

const collect = async (source: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of source) events.push(event);
  return events;
};

/**
 * Every field of every event, in order, as canonical JSON (jsonb keeps an object's keys in its
 * own order, as an export's canonical lines do not care): the same text, the same history.
 */
const asText = (events: readonly RecordedEvent[]): string =>
  events.map((event) => canonicalJson({ ...event, revision: String(event.revision), position: String(event.position) })).join("\n");

/** The events in batches of `size`, as a file reader gives them. */
async function* batches(events: readonly RecordedEvent[], size = 7): AsyncGenerator<RecordedEvent[]> {
  for (let at = 0; at < events.length; at += size) yield events.slice(at, at + size);
}

const imported = async (store: PostgresEventStore, events: readonly RecordedEvent[]): Promise<BulkImportReport> => {
  const done = await importEvents(store, batches(events), { eventsPerTransaction: PER_TRANSACTION })();
  if (E.isLeft(done)) throw new Error(`the import failed: ${done.left.reason}`);
  return done.right;
};

const rootsOf = async (events: readonly RecordedEvent[]) => {
  async function* each() {
    yield* events;
  }
  const verified = await verifyHistory(each());
  if (E.isLeft(verified)) throw new Error(`the history does not verify: ${verified.left.kind}`);
  return { seals: verified.right.verifiedSeals.map((seal) => [seal.position, seal.root]), log: verified.right.log };
};

/**
 * The bulk import's contract, run on PGlite and on a server: a ledger's sealed history imported
 * in many small transactions reads back the same event for event and verifies with the same seal
 * roots; a second import adds nothing; an import stopped after some transactions is completed by
 * a second run; a store holding other events where the history's go is refused by name.
 */
export const describeBulkImportCases = (label: string, open: () => Promise<TestDatabase>): void => {
  describe(`bulk import (${label})`, () => {
    let database: TestDatabase;
    let history: RecordedEvent[];

    beforeAll(async () => {
      database = await open();
      const source = createMemoryEventStore();
      await recordLedgerHistory(source, 12);
      const sealed = await sealHistory(source, { commandId: v4(), actor: "auditor@difi" }, new Date().toISOString());
      if (E.isLeft(sealed)) throw new Error("could not seal the history");
      await recordLedgerHistory(source, 4);
      history = await collect(readAllPages(source));
      if (history.length < 5 * PER_TRANSACTION) throw new Error(`the history is too short to span five transactions: ${history.length} events`);
    }, 60_000);
    afterAll(() => database.close());

    it("imports a sealed history in transactions of a given size: the store reads back the same events, which verify with the same seal roots", async () => {
      const store = await database.openStore();
      const committed: number[] = [];
      const done = await importEvents(store, batches(history), { eventsPerTransaction: PER_TRANSACTION, onCommitted: (soFar) => committed.push(soFar.events) })();
      const back = await collect(readAllPages(store));
      await store.close();
      expect(done).toEqual(E.right({ events: history.length, appended: history.length, alreadyThere: 0, transactions: Math.ceil(history.length / PER_TRANSACTION), movedPosition: undefined }));
      expect(committed[0]).toBe(PER_TRANSACTION);
      expect(asText(back)).toBe(asText(history));
      expect(await rootsOf(back)).toEqual(await rootsOf(history));
      expect((await rootsOf(history)).seals).toHaveLength(1);
    });

    it("adds nothing when the history is imported again, and says so in its counts", async () => {
      const store = await database.openStore();
      await imported(store, history);
      const again = await imported(store, history);
      const back = await collect(readAllPages(store));
      await store.close();
      expect(again).toMatchObject({ events: history.length, appended: 0, alreadyThere: history.length });
      expect(asText(back)).toBe(asText(history));
    });

    it("completes an import stopped after some transactions, adding nothing twice: the store equals a single clean import", async () => {
      const stopped = await database.openStore();
      let threeCommitted = (): void => undefined;
      const committed = new Promise<void>((resolve) => (threeCommitted = resolve));
      const importer = startBulkImport(stopped, { eventsPerTransaction: PER_TRANSACTION, onCommitted: (soFar) => soFar.transactions === 3 && threeCommitted() });
      // Three transactions' worth and a part of a fourth, then the process "dies": the rest is never sent.
      expect(await importer.add(history.slice(0, 3 * PER_TRANSACTION + 7))).toEqual(E.right(undefined));
      await committed;
      const partial = await collect(readAllPages(stopped));
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(history.length);
      expect(partial).toHaveLength(3 * PER_TRANSACTION);
      const resumed = await imported(stopped, history);
      const clean = await database.openStore();
      await imported(clean, history);
      const [afterResume, afterClean] = [await collect(readAllPages(stopped)), await collect(readAllPages(clean))];
      await Promise.all([stopped.close(), clean.close()]);
      expect(resumed).toMatchObject({ events: history.length, appended: history.length - partial.length, alreadyThere: partial.length });
      expect(asText(afterResume)).toBe(asText(afterClean));
      expect(asText(afterResume)).toBe(asText(history));
    });

    it("refuses, by name, a store that holds another event where one of the history's goes, and writes nothing of that transaction", async () => {
      const store = await database.openStore();
      const [first] = history;
      if (first === undefined) throw new Error("empty history");
      const intruder = await store.appendToStream(first.streamName, [{ id: v4(), type: first.type, data: first.data, metadata: first.metadata }])();
      expect(E.isRight(intruder)).toBe(true);
      const done = await importEvents(store, batches(history), { eventsPerTransaction: PER_TRANSACTION })();
      const back = await collect(readAllPages(store));
      await store.close();
      expect(done).toMatchObject(E.left({ _tag: "ImportConflict", kind: "place_taken", index: 0, streamName: first.streamName, revision: 0n, eventId: first.id }));
      expect(E.isLeft(done) && done.left.reason).toContain(`${first.streamName}@0 in the store is event`);
      expect(back).toHaveLength(1);
    });

    it("refuses an event whose id the store holds in another stream", async () => {
      const store = await database.openStore();
      const second = history[1];
      if (second === undefined) throw new Error("short history");
      await store.appendToStream("elsewhere", [{ id: second.id, type: "Other", data: {}, metadata: {} }])();
      const done = await importEvents(store, batches(history), { eventsPerTransaction: PER_TRANSACTION })();
      await store.close();
      expect(done).toMatchObject(E.left({ _tag: "ImportConflict", kind: "duplicate_event_id", index: 1, there: { id: second.id, streamName: "elsewhere", revision: 0n } }));
    });

    it("numbers events after what the store holds in other streams, and reports the first that moved", async () => {
      const store = await database.openStore();
      await store.appendToStream("other-stream", [{ id: v4(), type: "Other", data: {}, metadata: {} }])();
      const done = await imported(store, history);
      const back = await collect(readAllPages(store));
      await store.close();
      expect(done).toMatchObject({ appended: history.length, alreadyThere: 0, movedPosition: { file: 0n, target: 1n } });
      expect(asText(back.slice(1).map((event) => ({ ...event, position: event.position - 1n })))).toBe(asText(history));
    });
  });
};
