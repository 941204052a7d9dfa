import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllPages, type RecordedEvent } from "@grantledger/core";
// The adapter's wire-format test server: the real EventStoreDB client over real gRPC, a memory
// store behind it. No real server runs in CI; this is the nearest thing that stamps its own times.
import { startFakeEventStoreDb, type FakeEventStoreDb } from "../../adapters/src/eventstoredb/testServer/fakeEventStoreDb.testkit.js";
import { importCommand } from "./commands/importCommand.js";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";

let fixture: CliFixture;
let server: FakeEventStoreDb;
const out: string[] = [];
const err: string[] = [];
let code: number;
const recorded: RecordedEvent[] = [];

beforeAll(async () => {
  fixture = await createCliFixture("esdb-import");
  server = await startFakeEventStoreDb({ generation: "batch-append" });
  code = await importCommand(fixture.file, { to: server.connectionString }, { out: (line) => out.push(line), err: (line) => err.push(line) });
  for await (const event of readAllPages(server.store)) recorded.push(event);
}, 60_000);

afterAll(async () => {
  await server.close();
  await fixture.remove();
});

describe("grantledger import into EventStoreDB (wire-format test server)", () => {
  it("imports every event, with the server's recorded times rather than the file's, and says so", () => {
    expect(code).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^imported 16 events in 5 streams into esdb:/)]);
    expect(err).toContainEqual(expect.stringMatching(/^note: esdb:.* \(EventStoreDB\) records every event at its own time, .* an export from it differs from the file in recordedAt/));
    expect(recorded.map((event) => event.id)).toEqual(fixture.events.map((event) => event.id));
    expect(recorded.filter((event) => event.recordedAt.startsWith("2009-"))).toEqual([]);
  });
});
