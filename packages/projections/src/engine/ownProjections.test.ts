import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { computeEventHash, deriveEventId, EntityId, SCHEMA_VERSION, type DecodedEvent, type EventOf, type EventStore, type GrantAwarded } from "@grantledger/core";
import type { Projection } from "../projection.js";
import { getGrant, grantRegister } from "../readModels/grantRegister.js";
import { createMemoryReadModelStore } from "../store/memoryReadModelStore.js";
import { createLedgerWorld, type Step } from "../testkit/ledgerHistory.testkit.js";
import { foldAll, right } from "../testkit/runnerChecks.testkit.js";
import { startGrantEngine } from "./grantEngine.js";

// An application's own event, beside the catalogue's: a site visit to a grant's project.
const visitCodecs = { SiteVisited: t.type({ grantId: EntityId, visitedOn: t.string }) };
type Visit = EventOf<typeof visitCodecs>;

interface VisitsState {
  readonly awarded: readonly string[];
  readonly visits: { readonly [grantId: string]: readonly string[] };
}

const visitsByGrant: Projection<VisitsState, Visit | GrantAwarded> = {
  name: "visits-by-grant",
  version: 1,
  handles: ["SiteVisited", "GrantAwarded"],
  codecs: visitCodecs,
  initialState: { awarded: [], visits: {} },
  apply: (state, { event }) => {
    if (event.type === "GrantAwarded") return { ...state, awarded: [...state.awarded, event.data.grantId] };
    if (!state.awarded.includes(event.data.grantId)) throw new Error(`a visit to ${event.data.grantId}, which no award precedes`);
    return { ...state, visits: { ...state.visits, [event.data.grantId]: [...(state.visits[event.data.grantId] ?? []), event.data.visitedOn] } };
  },
};

/** The projection, counting every event given to `apply`: to tell a loaded state from a refold. */
const counted = <S, Ev extends { readonly type: string; readonly data: unknown }>(projection: Projection<S, Ev>, version = projection.version) => {
  const seen: string[] = [];
  const wrapped: Projection<S, Ev> = {
    ...projection,
    version,
    apply: (state: S, event: DecodedEvent<Ev>) => {
      seen.push(event.event.type);
      return projection.apply(state, event);
    },
  };
  return { projection: wrapped, seen };
};

// Appends an own event as the command handler writes one (hash chain, metadata): part of the fixture, not under test here.
const appendVisit = async (store: EventStore, grantId: string, visitedOn: string, revision: bigint | "no_stream", prevHash: string | null): Promise<string> => {
  const streamName = `visit-${grantId}`;
  const at = revision === "no_stream" ? 0n : revision + 1n;
  const id = deriveEventId(`visit-${visitedOn}`, streamName, "SiteVisited", 0);
  const data = { grantId, visitedOn };
  const unhashed = { commandId: `visit-${grantId}-${visitedOn}`, correlationId: "c", causationId: "c", actor: "inspector@difi", schemaVersion: SCHEMA_VERSION, prevHash };
  const hash = computeEventHash({ streamName, revision: at, id, type: "SiteVisited", data, metadata: unhashed });
  right(await store.appendToStream(streamName, [{ id, type: "SiteVisited", data, metadata: { ...unhashed, hash } }], { expectedRevision: revision })());
  return hash;
};

const awarded: readonly Step[] = [
  { kind: "apply", grant: 1, participants: [0, 1], weights: [1, 1, 1, 1], requested: 100_000 },
  { kind: "evaluate", grant: 1, recommend: true },
  { kind: "award", grant: 1, percent: 100 },
];

const world = async () => {
  const w = await createLedgerWorld();
  for (const [index, step] of awarded.entries()) await w.run(step, index);
  return w;
};

describe("the grant engine with the application's own projections", () => {
  it("runs them beside the built-in ones on the application's own events, and settled() waits for them", async () => {
    const { store } = await world();
    const first = await appendVisit(store, "g1", "2010-03-01", "no_stream", null);
    const engine = right(await startGrantEngine({ store, projections: [visitsByGrant] })());
    try {
      expect(engine.readModel(visitsByGrant).visits).toEqual({ g1: ["2010-03-01"] });
      // A visit appended after the start: settled() answers once the own projection has it too.
      await appendVisit(store, "g1", "2010-09-01", 0n, first);
      const states = right(await engine.settled()());
      const visits = engine.readModel(visitsByGrant);
      expect(visits).toEqual({ awarded: ["g1"], visits: { g1: ["2010-03-01", "2010-09-01"] } });
      expect(visits).toEqual(await foldAll(store, visitsByGrant));
      // The built-in read models pass over the own events, and are readable by projection too.
      expect(getGrant(states.grantRegister, "g1")?.status).toBe("awarded");
      expect(engine.readModel(grantRegister)).toBe(states.grantRegister);
    } finally {
      await engine.stop();
    }
  });

  it("keeps them in the read-model store: a restart loads the state and checkpoint, a new version rebuilds", async () => {
    const { store } = await world();
    const readModelStore = createMemoryReadModelStore();
    const first = await appendVisit(store, "g1", "2010-03-01", "no_stream", null);
    const before = counted(visitsByGrant);
    const engine = right(await startGrantEngine({ store, readModelStore, projections: [before.projection] })());
    await engine.stop();
    expect(before.seen).toEqual(["GrantAwarded", "SiteVisited"]);

    await appendVisit(store, "g1", "2010-09-01", 0n, first);
    const again = counted(visitsByGrant);
    const restarted = right(await startGrantEngine({ store, readModelStore, projections: [again.projection] })());
    try {
      right(await restarted.settled()());
      // Only the event after the stored checkpoint is applied: the rest was loaded, not folded again.
      expect(again.seen).toEqual(["SiteVisited"]);
      expect(restarted.readModel(visitsByGrant).visits).toEqual({ g1: ["2010-03-01", "2010-09-01"] });
    } finally {
      await restarted.stop();
    }

    const raised = counted(visitsByGrant, 2);
    const rebuilt = right(await startGrantEngine({ store, readModelStore, projections: [raised.projection] })());
    try {
      right(await rebuilt.settled()());
      expect(raised.seen).toEqual(["GrantAwarded", "SiteVisited", "SiteVisited"]);
      expect(right(await readModelStore.load("visits-by-grant")())?.version).toBe(2);
    } finally {
      await rebuilt.stop();
    }
  });

  it("stops an own projection at an own event its codec refuses, naming it", async () => {
    const { store } = await world();
    const data = { grantId: "g1", visitedOn: 20100301 };
    const unhashed = { commandId: "bad", correlationId: "bad", causationId: "bad", actor: "inspector@difi", schemaVersion: SCHEMA_VERSION, prevHash: null };
    const id = deriveEventId("bad", "visit-g1", "SiteVisited", 0);
    const hash = computeEventHash({ streamName: "visit-g1", revision: 0n, id, type: "SiteVisited", data, metadata: unhashed });
    right(await store.appendToStream("visit-g1", [{ id, type: "SiteVisited", data, metadata: { ...unhashed, hash } }])());
    const started = await startGrantEngine({ store, projections: [visitsByGrant] })();
    expect(E.isLeft(started) && started.left).toMatchObject({ _tag: "PoisonEvent", projection: "visits-by-grant", type: "SiteVisited", path: "event.data.visitedOn" });
  });

  it("refuses at once a projection it cannot run", async () => {
    const { store } = await world();
    const start = (projection: Projection<unknown, Visit | GrantAwarded>) => () => startGrantEngine({ store, projections: [projection] });
    const base = visitsByGrant as Projection<unknown, Visit | GrantAwarded>;
    expect(start({ ...base, name: "grant-register" })).toThrow(/another read model of the engine has this name/);
    expect(start({ ...base, codecs: {} })).toThrow(/handles "SiteVisited", which is no event type of the catalogue and has no codec/);
    expect(start({ ...base, codecs: { ...visitCodecs, GrantAwarded: t.unknown } })).toThrow(/"GrantAwarded" is one of grantledger's own/);
    expect(() => startGrantEngine({ store, projections: [base, base] })).toThrow(/another read model of the engine has this name/);
    const engine = right(await startGrantEngine({ store })());
    try {
      expect(() => engine.readModel(visitsByGrant)).toThrow(/no read model named "visits-by-grant"/);
    } finally {
      await engine.stop();
    }
  });
});
