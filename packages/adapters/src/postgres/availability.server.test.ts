import * as E from "fp-ts/lib/Either.js";
import { v4 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventToAppend, RecordedEvent } from "@grantledger/core";
import { createPostgresEventStore } from "./postgresEventStore.js";
import { serverUrl, TestDatabase, uniqueSchema } from "./testDatabase.testkit.js";

// Sessions to kill and roles to refuse need a server; PGlite has neither.
const onServer = serverUrl === undefined ? it.skip : it;

// Only the server tests need a database here: without a server, none is started.
let database: TestDatabase;
beforeAll(async () => {
  if (serverUrl !== undefined) database = await TestDatabase.open("server");
});
afterAll(() => database?.close());

const event = (): EventToAppend => ({ id: v4(), type: "Tested", data: {}, metadata: {} });

/** Opens a store at `url`, expecting StoreUnavailable; returns its reason and how long it took. */
const refused = async (url: string, connectTimeoutMs = 1_000): Promise<{ reason: string; ms: number }> => {
  const started = Date.now();
  const opened = await createPostgresEventStore({ url, connectTimeoutMs, schema: uniqueSchema("refused") })();
  const ms = Date.now() - started;
  if (E.isRight(opened)) {
    await opened.right.close();
    throw new Error("opened a store that should have been refused");
  }
  expect(opened.left).toMatchObject({ _tag: "StoreUnavailable", operation: "connect" });
  return { reason: "reason" in opened.left ? opened.left.reason : "", ms };
};

describe("a database that cannot be used gives StoreUnavailable, in bounded time", () => {
  it("when nothing listens on the port", async () => {
    const { reason, ms } = await refused("postgres://postgres@127.0.0.1:1/test");
    expect(reason).toContain("ECONNREFUSED");
    expect(ms).toBeLessThan(3_000);
  });

  it("when the host cannot be reached (or does not answer within the connect timeout)", async () => {
    const { ms } = await refused("postgres://postgres@10.255.255.1:5432/test", 300);
    expect(ms).toBeLessThan(3_000);
  });

  onServer("when the server does not know the role", async () => {
    const url = new URL(serverUrl ?? "");
    url.username = `nobody_${v4().slice(0, 8)}`;
    const { reason, ms } = await refused(url.toString());
    expect(reason).toMatch(/^28000: role "nobody_\w+" does not exist/);
    expect(ms).toBeLessThan(3_000);
  });

  onServer("when the database does not exist", async () => {
    const url = new URL(serverUrl ?? "");
    url.pathname = "/no_such_database";
    expect((await refused(url.toString())).reason).toMatch(/^3D000: /);
  });
});

describe("a subscription", () => {
  onServer("resumes after the last event it delivered when its connections are killed", async () => {
    const applicationName = `gl_resume_${v4().slice(0, 8)}`;
    const schema = uniqueSchema("resume");
    const [store, writer] = [await database.openStore(schema, { applicationName, pollIntervalMs: 100 }), await database.openStore(schema)];
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    const take = async (count: number): Promise<string[]> => {
      const taken: RecordedEvent[] = [];
      while (taken.length < count) {
        const next = await iterator.next();
        if (next.done === true) throw new Error("ended");
        taken.push(next.value);
      }
      return taken.map((recorded) => recorded.id);
    };
    try {
      const before = [event(), event()];
      await writer.appendToStream("grant-1", before)();
      expect(await take(2)).toEqual(before.map((appended) => appended.id));
      const killed = await database.admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [applicationName]);
      expect(killed.length).toBeGreaterThan(0);
      const after = [event(), event()];
      await writer.appendToStream("grant-1", after)();
      expect(await take(2)).toEqual(after.map((appended) => appended.id));
      // Polling carried it meanwhile; while a consumer waits, the LISTEN comes back on a new connection.
      const waiting = take(1);
      const listening = () =>
        database.admin.query("SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'", [applicationName]);
      for (let attempt = 0; attempt < 100 && (await listening()).length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 30));
      expect(await listening()).toHaveLength(1);
      const last = event();
      await writer.appendToStream("grant-2", [last])();
      expect(await waiting).toEqual([last.id]);
    } finally {
      await subscription.close();
      await Promise.all([store.close(), writer.close()]);
    }
  });
});

describe("close()", () => {
  onServer("leaves no session behind on the server", async () => {
    const applicationName = `gl_close_${v4().slice(0, 8)}`;
    const store = await database.openStore(uniqueSchema("close"), { applicationName });
    const subscription = store.subscribeToAll();
    await store.appendToStream("grant-1", [event()])();
    await subscription[Symbol.asyncIterator]().next();
    await store.close();
    const sessions = () => database.admin.query("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [applicationName]);
    for (let attempt = 0; attempt < 50 && (await sessions()).length > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await sessions()).toEqual([]);
  });
});
