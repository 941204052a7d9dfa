/**
 * Wire-format tests (a fake server over real gRPC, not a real EventStoreDB) of the read-model
 * store, and of a projection running with EventStoreDB alone: events and read models both in it.
 * The read-model contract runs here too; what it covers is not repeated below.
 * The fake server keeps every saved event; a real one keeps only the last, as `$maxCount` 1 asks.
 */
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import * as E from "fp-ts/lib/Either.js";
import type { EventStoreDBClient } from "@eventstore/db-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGrantLedger } from "@grantledger/core";
import type { EventStore } from "@grantledger/core";
import { createProjectionRunner, municipalityTotals, projectAsOf } from "@grantledger/projections";
import { application, award, context, crisisRound, evaluation, must } from "../engine/ledgerFixtures.testkit.js";
import { currentPosition, succeed, uniqueStreamName } from "../testing/contractFixtures.js";
import { describeReadModelStoreContract } from "../testing/readModelStoreContract.js";
import { createEventStoreDbReadModelStore } from "./readModelStore.js";
import { connectToFakeEventStoreDb, type FakeConnection } from "./testServer/fakeConnection.testkit.js";

// The read-model contract, with the projection runner, over a fake server of its own.
describeReadModelStoreContract("eventstoredb, wire-format test against a fake server (not a real EventStoreDB)", async () => {
  const fake = await connectToFakeEventStoreDb();
  return { eventStore: fake.store, openReadModelStore: () => createEventStoreDbReadModelStore({ client: fake.client }), teardown: fake.close };
});

describe("wire-format test: read models kept in EventStoreDB", () => {
  let connection: FakeConnection;
  let client: EventStoreDBClient;
  let store: EventStore;

  beforeAll(async () => {
    connection = await connectToFakeEventStoreDb();
    ({ client, store } = connection);
  });

  afterAll(() => connection.close());

  it("gives back exactly what was saved, as a copy, in a stream with $maxCount 1", async () => {
    const readModels = createEventStoreDbReadModelStore({ client });
    const name = uniqueStreamName("exact");
    const state = { rows: new Map([["1201", { awarded: 5n }]]) };
    expect(await readModels.load(name)()).toEqual(E.right(undefined));
    await must(readModels.save(name, { version: 3, checkpoint: 41n, state }));
    state.rows.set("1247", { awarded: 1n });
    expect(await must(readModels.load(name))).toEqual({ version: 3, checkpoint: 41n, state: { rows: new Map([["1201", { awarded: 5n }]]) } });
    await must(readModels.save(name, { version: 3, checkpoint: undefined, state: 0 }));
    expect(await must(readModels.load(name))).toEqual({ version: 3, checkpoint: undefined, state: 0 });
    const [metadata] = await succeed(connection.server.store.readStream(`$$grantledger-read-model-${name}`));
    expect(metadata?.data).toMatchObject({ $maxCount: 1 });
  });

  it("refuses to overwrite a save it has not seen: a second runner shows itself", async () => {
    const name = uniqueStreamName("twice");
    const [first, second] = [createEventStoreDbReadModelStore({ client }), createEventStoreDbReadModelStore({ client })];
    expect(await must(first.load(name))).toBeUndefined();
    expect(await must(second.load(name))).toBeUndefined();
    await must(first.save(name, { version: 1, checkpoint: 1n, state: "first" }));
    expect(await second.save(name, { version: 1, checkpoint: 1n, state: "second" })()).toEqual(
      E.left({ _tag: "ReadModelStoreFailed", name, operation: "save", reason: expect.stringContaining("is a second runner running?") }),
    );
    expect(await must(second.load(name))).toMatchObject({ state: "first" });
    await must(second.save(name, { version: 1, checkpoint: 2n, state: "second, having read the first" }));
  });

  it("runs a projection with EventStoreDB alone, and its saved states never show up among the events", async () => {
    const before = await currentPosition(store);
    const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
    await must(ledger.openRound(crisisRound(), context()));
    for (const [index, grantId] of ["g1", "g2", "g3"].entries()) {
      await must(ledger.applyForGrant(application(grantId), context()));
      await must(ledger.evaluateApplication(evaluation(grantId), context()));
      if (index !== 1) await must(ledger.awardGrant(award(grantId, 50_000_00), context()));
    }
    const prefix = `${uniqueStreamName("rm")}-`;
    const readModelStore = createEventStoreDbReadModelStore({ client, streamPrefix: prefix });
    const runner = createProjectionRunner({ store, projection: municipalityTotals, readModelStore, batchSize: 4 });
    const caught = await must(runner.catchUp());
    expect(caught.state).toEqual((await must(projectAsOf(store, municipalityTotals))).state);
    // A new runner, as after a restart, continues from what was saved instead of folding again.
    const saved = await must(readModelStore.load(municipalityTotals.name));
    expect(saved).toMatchObject({ version: municipalityTotals.version, checkpoint: caught.checkpoint });
    const restarted = createProjectionRunner({ store, projection: municipalityTotals, readModelStore, batchSize: 4 });
    expect(await must(restarted.catchUp())).toEqual(caught);
    const events = await succeed(store.readAll({ after: before }));
    expect(events.some((event) => event.type.startsWith("$"))).toBe(false);
    expect(events.filter((event) => event.type === "GrantAwarded")).toHaveLength(2);
  });
});
