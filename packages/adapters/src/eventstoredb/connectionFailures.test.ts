/**
 * What the adapter answers when there is no usable server: a port that accepts connections and
 * never answers (the client's server-features call has no deadline of its own and would wait for
 * the connection to die), and a port nobody listens on.
 */
import * as E from "fp-ts/lib/Either.js";
import { createServer } from "node:net";
import type { Server, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newEvent } from "../testing/contractFixtures.js";
import { createEventStoreDbEventStore } from "./eventStoreDbEventStore.js";

const listen = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("no TCP address"));
      else resolve(address.port);
    });
  });

const closeServer = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe("a port that accepts connections and never answers", () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
  });
  let port = 0;

  beforeAll(async () => {
    port = await listen(silent);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await closeServer(silent);
  });

  it.each(["appendToStream", "readStream", "readAll"] as const)("fails %s with the adapter's deadline, on time", async (operation) => {
    const store = createEventStoreDbEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false`, deadlineMs: 500 });
    const started = Date.now();
    const result =
      operation === "appendToStream"
        ? await store.appendToStream("grant-1", [newEvent()])()
        : operation === "readStream"
          ? await store.readStream("grant-1")()
          : await store.readAll()();
    const elapsed = Date.now() - started;
    expect(result).toEqual(E.left({ _tag: "StoreUnavailable", operation, reason: "deadline of 500 ms exceeded" }));
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(3_000);
    await store.close();
  });
});

describe("a port nobody listens on", () => {
  let port = 0;

  beforeAll(async () => {
    const probe = createServer();
    port = await listen(probe);
    await closeServer(probe);
  });

  it.each(["appendToStream", "readStream", "readAll"] as const)("fails %s with StoreUnavailable at once", async (operation) => {
    const store = createEventStoreDbEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false`, deadlineMs: 5_000 });
    const started = Date.now();
    const result =
      operation === "appendToStream"
        ? await store.appendToStream("grant-1", [newEvent()])()
        : operation === "readStream"
          ? await store.readStream("grant-1")()
          : await store.readAll()();
    expect(result).toEqual(E.left({ _tag: "StoreUnavailable", operation, reason: expect.stringMatching(/^unreachable: 14 UNAVAILABLE/) }));
    expect(Date.now() - started).toBeLessThan(3_000);
    await store.close();
  });
});

describe("setting up", () => {
  it("throws on a malformed connection string or a deadline that is not a positive number", () => {
    expect(() => createEventStoreDbEventStore("postgres://localhost")).toThrow();
    expect(() => createEventStoreDbEventStore({ connectionString: "esdb://localhost:2113?tls=false", deadlineMs: 0 })).toThrow(RangeError);
  });
});
