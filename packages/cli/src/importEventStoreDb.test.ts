import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllPages, SEAL_STREAM, type EventStore, type RecordedEvent } from "@grantledger/core";
// The adapter's wire-format test server: the real EventStoreDB client over real gRPC, a memory
// store behind it. No real server runs in CI; this is the nearest thing that numbers and stamps its own.
import { startFakeEventStoreDb, type FakeEventStoreDb } from "../../adapters/src/eventstoredb/testServer/fakeEventStoreDb.testkit.js";
import { verifyStore } from "./audit/verifySources.js";
import { importCommand } from "./commands/importCommand.js";
import { proveCommand } from "./commands/proveCommand.js";
import { verifyProofCommand } from "./commands/verifyProofCommand.js";
import { openStore } from "./store/openStore.js";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";
import { join } from "node:path";

let fixture: CliFixture;
let server: FakeEventStoreDb;
let store: EventStore;
const out: string[] = [];
const err: string[] = [];
let code: number;
const recorded: RecordedEvent[] = [];
const capture = () => {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, output: { out: (line: string) => lines.out.push(line), err: (line: string) => lines.err.push(line) } };
};

beforeAll(async () => {
  fixture = await createCliFixture("esdb-import");
  server = await startFakeEventStoreDb({ generation: "batch-append" });
  code = await importCommand(fixture.file, { to: server.connectionString }, { out: (line) => out.push(line), err: (line) => err.push(line) });
  store = await openStore(server.connectionString);
  for await (const event of readAllPages(store)) recorded.push(event);
}, 60_000);

afterAll(async () => {
  await store.close();
  await server.close();
  await fixture.remove();
});

describe("grantledger import into EventStoreDB (wire-format test server)", () => {
  it("imports every event with the file's recorded times, which the adapter keeps", () => {
    expect(code).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^imported 16 events in 5 streams into esdb:.* \(verified first: hash chain, 1 seal, business rules\)$/)]);
    expect(recorded.map((event) => event.id)).toEqual(fixture.events.map((event) => event.id));
    expect(recorded.map((event) => event.recordedAt)).toEqual(fixture.events.map((event) => event.recordedAt));
  });

  it("verifies there with the file's seal and root, though the server numbers positions its own way", async () => {
    const outcome = await verifyStore(store, "esdb", {});
    expect(E.isRight(outcome.result)).toBe(true);
    const seal = fixture.events.find((event) => event.streamName === SEAL_STREAM) as RecordedEvent;
    if (E.isRight(outcome.result)) {
      expect(outcome.result.right.verifiedSeals).toMatchObject([{ version: 2, root: seal.data["root"], treeSize: seal.data["treeSize"] }]);
    }
    expect(recorded.map((event) => event.position)).not.toEqual(fixture.events.map((event) => event.position));
  });

  it("proves an event from the EventStoreDB copy against the root the original seal printed", async () => {
    const seal = fixture.events.find((event) => event.streamName === SEAL_STREAM) as RecordedEvent;
    const proofFile = join(fixture.dir, "award.proof.json");
    const proved = capture();
    expect(await proveCommand({ store: server.connectionString, event: "grant-a@2", seal: BigInt(String(seal.data["position"])), out: proofFile }, proved.output)).toBe(0);
    const checked = capture();
    expect(await verifyProofCommand(proofFile, { root: [`${String(seal.data["root"])}@${String(seal.data["position"])}`] }, checked.output)).toBe(0);
    expect(checked.lines.out[0]).toMatch(/^proof holds: grant-a@2 \(GrantAwarded, recorded .*\) is event \d+ of the 15 sealed by root [0-9a-f]{64}/);
  });
});
