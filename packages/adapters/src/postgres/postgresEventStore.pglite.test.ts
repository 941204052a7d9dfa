import * as E from "fp-ts/lib/Either.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v4 } from "uuid";
import { afterAll, describe, expect, it } from "vitest";
import type { EventToAppend } from "@grantledger/core";
import { describeEventStoreContract } from "../testing/eventStoreContract.js";
import { createPostgresEventStore } from "./postgresEventStore.js";
import { TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";

// One PGlite instance for the file (it takes seconds to start), each use in a schema of its own.
let opened: Promise<TestDatabase> | undefined;
const database = (): Promise<TestDatabase> => (opened ??= TestDatabase.open("pglite"));
afterAll(async () => (await opened)?.close());

// The contract suite, unchanged, on embedded PostgreSQL.
describeEventStoreContract("postgres on PGlite (in memory)", async () => ({
  store: await (await database()).openStore(uniqueSchema("contract")),
}));

const event = (): EventToAppend => ({ id: v4(), type: "Tested", data: { amount: 1 }, metadata: {} });

describe("the PostgreSQL store on PGlite", () => {
  it("once closed, ends its subscriptions and refuses operations with StoreClosed, leaving the instance it was lent open", async () => {
    const store = await (await database()).openStore();
    const subscription = store.subscribeToAll();
    const waiting = subscription[Symbol.asyncIterator]().next();
    await store.appendToStream("grant-1", [event()])();
    expect(await waiting).toMatchObject({ done: false });
    await store.close();
    expect(await subscription[Symbol.asyncIterator]().next()).toMatchObject({ done: true });
    expect(await store.readAll()()).toEqual(E.left({ _tag: "StoreClosed", operation: "readAll" }));
    expect(await store.appendToStream("grant-1", [event()])()).toEqual(E.left({ _tag: "StoreClosed", operation: "appendToStream" }));
    await store.close();
    expect(await (await database()).admin.query("SELECT 1 AS alive")).toEqual([{ alive: 1 }]);
  });

  it("keeps its events in a folder (pglite:<directory>) across a close and a reopen", async () => {
    const directory = await mkdtemp(join(tmpdir(), "grantledger-pglite-"));
    try {
      const first = await createPostgresEventStore(`pglite:${directory}`)();
      if (E.isLeft(first)) throw new Error(first.left.reason);
      const appended = event();
      await first.right.appendToStream("grant-1", [appended])();
      await first.right.close();
      const again = await createPostgresEventStore(`pglite:${directory}`)();
      if (E.isLeft(again)) throw new Error(again.left.reason);
      const read = await again.right.readStream("grant-1")();
      await again.right.close();
      expect(E.isRight(read) && read.right.map((recorded) => [recorded.id, recorded.data])).toEqual([[appended.id, { amount: 1 }]]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 30_000);
});
