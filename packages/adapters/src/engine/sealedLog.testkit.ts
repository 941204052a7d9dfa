import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import type { KeyObject } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import * as fc from "fast-check";
import {
  computeEventHash,
  MerkleFrontier,
  signTreeHead,
  createGrantLedger,
  decodeRecordedEvent,
  decodeSeal,
  logLeafHash,
  readAllPages,
  sealHistory,
  SEAL_STREAM,
  type EventStore,
  type GrantLedger,
  type JsonObject,
  type RecordedEvent,
  type Seal,
} from "@grantledger/core";
import { createMemoryEventStore } from "../memory/memoryEventStore.js";
import { application, award, crisisRound, evaluation, must } from "./ledgerFixtures.testkit.js";

/*
 * Sealed histories written through the real command handler, for the properties of the
 * version-2 log (sealedLog.properties.test.ts, sealVersions.test.ts), and the forger's tools:
 * what someone who knows the scheme and can write to the store would do to hide a change.
 */

/** One grant's life, each a command the rules accept in that order. */
export const SHAPES = {
  applied: ["apply"],
  evaluated: ["apply", "evaluate"],
  awarded: ["apply", "evaluate", "award"],
  paid: ["apply", "evaluate", "award", "disburse"],
  rejected: ["apply", "reject"],
  evaluatedThenRejected: ["apply", "evaluate", "reject"],
} as const;
export type Shape = keyof typeof SHAPES;
type Action = (typeof SHAPES)[Shape][number];

/** One grant of a history: its life and how much it asks for, is awarded and is paid (in per cent). */
export interface GrantSpec {
  readonly shape: Shape;
  readonly requested: number;
  readonly awardPercent: number;
  readonly paidPercent: number;
}

/** A history: the grants, how their lives interleave, and after which steps to seal. */
export interface HistorySpec {
  readonly grants: readonly GrantSpec[];
  /** For each step, which of the grants with steps left goes next (modulo their number). */
  readonly interleave: readonly number[];
  /** Raw seal points: each is taken modulo the number of steps that have at least one step after them. */
  readonly sealAfter: readonly number[];
}

export const grantSpecArbitrary: fc.Arbitrary<GrantSpec> = fc.record({
  shape: fc.constantFrom(...(Object.keys(SHAPES) as Shape[])),
  requested: fc.integer({ min: 1_000_00, max: 200_000_00 }),
  awardPercent: fc.integer({ min: 1, max: 100 }),
  paidPercent: fc.integer({ min: 1, max: 100 }),
});

/** 1..`maxGrants` grants, 1..`maxSeals` seals. */
export const historySpecArbitrary = (options: { maxGrants?: number; minSeals?: number; maxSeals?: number } = {}): fc.Arbitrary<HistorySpec> =>
  fc.record({
    grants: fc.array(grantSpecArbitrary, { minLength: 1, maxLength: options.maxGrants ?? 8 }),
    interleave: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    sealAfter: fc.array(fc.nat(), { minLength: options.minSeals ?? 1, maxLength: options.maxSeals ?? 3 }),
  });

/** A clock for the memory store: 2009-03-01T00:00:00.000Z, then one minute later on every call. */
export const minuteClock = (start = Date.UTC(2009, 2, 1)): (() => Date) => {
  let calls = 0;
  return () => new Date(start + 60_000 * calls++);
};

export const ROUND = "r";

type Step = { readonly grant: number; readonly action: Action };

/** The steps of a history after the round opens, lives interleaved as the spec says (each keeps its order). */
export const stepsOf = (spec: HistorySpec): readonly Step[] => {
  const left = spec.grants.map((grant) => [...SHAPES[grant.shape]] as Action[]);
  const steps: Step[] = [];
  for (let i = 0; ; i++) {
    const open = left.flatMap((actions, grant) => (actions.length > 0 ? [grant] : []));
    if (open.length === 0) return steps;
    const grant = open[(spec.interleave[i % spec.interleave.length] ?? 0) % open.length] as number;
    steps.push({ grant, action: (left[grant] as Action[]).shift() as Action });
  }
};

/** The steps after which the history is sealed: 0 is the round's opening, 1… the grant steps; never the last. */
export const sealPointsOf = (spec: HistorySpec, stepCount: number): readonly number[] =>
  [...new Set(spec.sealAfter.map((raw) => raw % stepCount))].sort((a, b) => a - b);

const grantIdOf = (grant: number): string => `g${grant}`;

const runStep = async (ledger: GrantLedger, spec: HistorySpec, step: Step, index: number): Promise<void> => {
  const grant = spec.grants[step.grant] as GrantSpec;
  const grantId = grantIdOf(step.grant);
  const ctx = { commandId: `cmd-${index}`, actor: "case-officer@difi" };
  const awarded = Math.max(1, Math.floor((grant.requested * grant.awardPercent) / 100));
  switch (step.action) {
    case "apply":
      return void (await must(ledger.applyForGrant(application(grantId, ROUND, grant.requested), ctx)));
    case "evaluate":
      return void (await must(ledger.evaluateApplication(evaluation(grantId), ctx)));
    case "award":
      return void (await must(ledger.awardGrant(award(grantId, awarded), ctx)));
    case "disburse": {
      const amount = Math.max(1, Math.floor((awarded * grant.paidPercent) / 100));
      return void (await must(ledger.disburseGrant({ grantId, amount, paymentRef: `P-${grantId}`, disbursedAt: "2009-07-02T09:00:00Z" }, ctx)));
    }
    case "reject":
      return void (await must(ledger.rejectApplication({ grantId, reason: "Prosjektet er ikke et samarbeid", rejectedAt: "2009-06-01T10:00:00+02:00" }, ctx)));
  }
};

/** Every event of a store, in global order. */
export const readEverything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of readAllPages(store, { pageSize: 7 })) events.push(event);
  return events;
};

/** A sealed history, as read back from its memory store. */
export interface SealedHistory {
  readonly store: EventStore;
  readonly events: readonly RecordedEvent[];
  /** The seals `sealHistory` made, in order. */
  readonly seals: readonly Seal[];
}

export const sealContext = (n: number) => ({ commandId: `seal-${n}`, actor: "revisor@riksrevisjonen" });
export const sealedAtOf = (n: number): string => `2009-12-${String(10 + n).padStart(2, "0")}T12:00:00Z`;

/**
 * Builds a history through `createGrantLedger` on a memory store whose clock steps a minute per
 * append: the round opens, the grants live their lives, and a seal follows each seal point.
 * There is always at least one step after the last seal, so something is left unsealed.
 */
export const buildSealedHistory = async (spec: HistorySpec, options: { signingKey?: KeyObject } = {}): Promise<SealedHistory> => {
  const store = createMemoryEventStore({ now: minuteClock() });
  const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
  await must(ledger.openRound(crisisRound(ROUND), { commandId: "cmd-open", actor: "case-officer@difi" }));
  const steps = stepsOf(spec);
  // Seal points are "after step k" for k in 0 (the opening) … steps.length - 1, never after the last step.
  const points = new Set(sealPointsOf(spec, steps.length));
  const seals: Seal[] = [];
  const sealNow = async () => {
    const sealed = await sealHistory(store, sealContext(seals.length), sealedAtOf(seals.length), options);
    if (E.isLeft(sealed)) throw new Error(`seal refused: ${sealed.left._tag}`);
    seals.push(sealed.right);
  };
  if (points.has(0)) await sealNow();
  for (const [index, step] of steps.entries()) {
    await runStep(ledger, spec, step, index);
    if (points.has(index + 1)) await sealNow();
  }
  return { store, events: await readEverything(store), seals };
};

// ---- The log -------------------------------------------------------------------------------

/** The leaf hashes of a history, as the version-2 log makes them. */
export const leafHashesOf = (events: readonly RecordedEvent[]): Buffer[] =>
  events.map((event, index) => logLeafHash({ index, recordedAt: event.recordedAt, eventHash: String(event.metadata["hash"]) }));

/** The seal events of a history with their data, in order. */
export const sealEventsOf = (events: readonly RecordedEvent[]) =>
  events.flatMap((event, index) => {
    if (event.streamName !== SEAL_STREAM) return [];
    const decoded = decodeSeal(event);
    return E.isRight(decoded) && decoded.right.version === 2 ? [{ index, event, data: decoded.right.data }] : [];
  });

// ---- The forger ----------------------------------------------------------------------------

/**
 * Re-chains every stream as a forger who knows the scheme would after changing history:
 * revisions 0, 1, 2 … in order of appearance, each `prevHash` the previous event's hash, each
 * `hash` recomputed. An event nobody touched comes out as it was.
 */
export const rechain = (events: readonly RecordedEvent[]): RecordedEvent[] => {
  const tails = new Map<string, { revision: bigint; hash: string }>();
  return events.map((event) => {
    const tail = tails.get(event.streamName);
    const revision = tail === undefined ? 0n : tail.revision + 1n;
    const metadata: JsonObject = { ...event.metadata, prevHash: tail?.hash ?? null };
    const hash = computeEventHash({ ...event, revision, metadata });
    tails.set(event.streamName, { revision, hash });
    return { ...event, revision, metadata: { ...metadata, hash } };
  });
};

/** The events in a new order, each given the position of the slot it now stands in, so positions still rise. */
export const reorder = (events: readonly RecordedEvent[], order: readonly number[]): RecordedEvent[] =>
  order.map((from, slot) => ({ ...(events[from] as RecordedEvent), position: (events[slot] as RecordedEvent).position }));

/** The order with the events at `i` and `i + 1` swapped. */
export const swapOrder = (length: number, i: number): number[] => {
  const order = Array.from({ length }, (_, k) => k);
  [order[i], order[i + 1]] = [i + 1, i];
  return order;
};

/** The order with the event at `from` moved to just after the one now at `to` (from < to). */
export const moveLaterOrder = (length: number, from: number, to: number): number[] => {
  const order = Array.from({ length }, (_, k) => k).filter((k) => k !== from);
  order.splice(to, 0, from);
  return order;
};

/** A time one second after `recordedAt`, in the form stores keep. */
export const laterTime = (recordedAt: string): string => new Date(new Date(recordedAt).getTime() + 1000).toISOString();

type Json = unknown;

/** Every way to change one number (+1) or one string (a character changed, or text appended) in `data`. */
const mutationsOf = (value: Json): Json[] => {
  if (typeof value === "number") return [value + 1];
  if (typeof value === "string") {
    const last = value.at(-1) ?? "";
    const bumped = /[0-8]/.test(last) ? String(Number(last) + 1) : last === "9" ? "0" : /[a-e]/.test(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : last === "f" ? "0" : "Q";
    return [value.slice(0, -1) + bumped, `${value} x`];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => mutationsOf(item).map((changed) => value.map((other, j) => (j === i ? changed : other))));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => mutationsOf(item).map((changed) => ({ ...value, [key]: changed })));
  }
  return [];
};

/** Whether the event still passes its codec (a forger keeps it readable, so nothing but a seal can tell). */
export const decodes = (event: RecordedEvent): boolean =>
  event.streamName === SEAL_STREAM ? E.isRight(decodeSeal(event)) : E.isRight(decodeRecordedEvent(event));

/**
 * The data changes of `event` (one number or string, anywhere in its data) that still decode:
 * a forger's edits, such as an amount raised by one øre or a name changed.
 */
export const dataChangesOf = (event: RecordedEvent): JsonObject[] =>
  (mutationsOf(event.data) as JsonObject[]).filter((data) => decodes({ ...event, data }));

/**
 * The forger who rewrites every seal too: each stream re-chained, and each version-2 seal given
 * the root, frontier and last event of the (forged) events before it, signed with `signingKey`
 * when one is given (else unsigned). What the store alone cannot tell from the real history.
 */
export const forgeAll = (events: readonly RecordedEvent[], signingKey?: KeyObject): RecordedEvent[] => {
  const tails = new Map<string, { revision: bigint; hash: string }>();
  const frontier = MerkleFrontier.empty();
  let last: JsonObject | null = null;
  let position = 0n;
  return events.map((event) => {
    let data = event.data;
    if (event.streamName === SEAL_STREAM && data["version"] === 2) {
      const root = frontier.root().toString("hex");
      const sealedAt = String(data["sealedAt"]);
      const { signature: _dropped, ...rest } = data;
      data = {
        ...rest,
        treeSize: frontier.size,
        position: Number(position),
        last,
        root,
        frontier: frontier.hashes.map((hash) => hash.toString("hex")),
        ...(signingKey === undefined ? {} : { signature: signTreeHead({ treeSize: frontier.size, root, sealedAt }, signingKey) }),
      };
    }
    const tail = tails.get(event.streamName);
    const revision = tail === undefined ? 0n : tail.revision + 1n;
    const metadata: JsonObject = { ...event.metadata, prevHash: tail?.hash ?? null };
    const hash = computeEventHash({ ...event, data, revision, metadata });
    tails.set(event.streamName, { revision, hash });
    frontier.append(logLeafHash({ index: frontier.size, recordedAt: event.recordedAt, eventHash: hash }));
    last = { streamName: event.streamName, revision: Number(revision), eventHash: hash };
    position = event.position;
    return { ...event, data, revision, metadata: { ...metadata, hash } };
  });
};

/**
 * Appends `events` one at a time, in their global order, to `store`, keeping ids, data, metadata
 * and recorded times: an import into a fresh store.
 */
export const copyInto = async (store: EventStore, events: readonly RecordedEvent[]): Promise<void> => {
  for (const event of events) {
    const { id, type, data, metadata, recordedAt } = event;
    const expectedRevision = event.revision === 0n ? "no_stream" : event.revision - 1n;
    const appended = await store.appendToStream(event.streamName, [{ id, type, data, metadata, recordedAt }], { expectedRevision })();
    if (E.isLeft(appended)) throw new Error(`copy refused: ${appended.left._tag}`);
  }
};
