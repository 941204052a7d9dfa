import { randomUUID } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import {
  apportion,
  decodeDomainEvent,
  describeValidationErrors,
  unsafeBasisPoints,
  unsafeIsoDateTime,
  unsafeMoney,
  unsafeOrganisationNumber,
  unsafeText,
  type DecodedEvent,
  type DomainEvent,
  type EventMetadata,
  type EventStore,
  type JsonObject,
  type Money,
  type Participant,
  type RecordedEvent,
} from "@grantledger/core";

/*
 * Test data: a pool of participants of every kind (2009 municipality numbers, valid mod-11
 * organisation numbers), and ways to make events without the command handler, for unit tests of
 * folds and for poison events the handler would never write.
 */

export const at = unsafeIsoDateTime;
export const ore = unsafeMoney;
export const text = unsafeText;

const municipality = (no: string, name: string): Participant =>
  ({ kind: "municipality", municipalityNo: no, name: text(name), shareBps: unsafeBasisPoints(0) }) as Participant;

/** Ten participants: six municipalities, a county, a county governor, a state agency, another. */
export const PARTICIPANT_POOL: readonly Participant[] = [
  municipality("1201", "Bergen"),
  municipality("1243", "Os"),
  municipality("0301", "Oslo"),
  municipality("1902", "Tromsø"),
  municipality("1601", "Trondheim"),
  municipality("0101", "Halden"),
  { kind: "county", countyNo: "12", name: text("Hordaland fylkeskommune"), shareBps: unsafeBasisPoints(0) } as Participant,
  { kind: "county-governor", orgNo: unsafeOrganisationNumber("974000008"), name: text("Fylkesmannen i Hordaland"), shareBps: unsafeBasisPoints(0) },
  { kind: "state-agency", orgNo: unsafeOrganisationNumber("971040238"), name: text("Statens kartverk"), shareBps: unsafeBasisPoints(0) },
  { kind: "other", orgNo: unsafeOrganisationNumber("974001373"), name: text("KS"), shareBps: unsafeBasisPoints(0) },
];

/** Participants from the pool with shares in proportion to `weights` (summing to 10 000 exactly). */
export const withShares = (indices: readonly number[], weights: readonly number[]): Participant[] => {
  const shares = apportion(10_000 as Money, indices.map((_, index) => weights[index] ?? 1));
  if (E.isLeft(shares)) throw new Error(shares.left.reason);
  return indices.map((poolIndex, index) => ({ ...(PARTICIPANT_POOL[poolIndex] as Participant), shareBps: unsafeBasisPoints(shares.right[index] ?? 0) }));
};

/** Metadata that passes the codec (the hash chain is not a projection's business). */
export const someMetadata = (): EventMetadata =>
  ({ commandId: "test", correlationId: "test", causationId: "test", actor: "test", schemaVersion: 1, prevHash: null, hash: "0".repeat(64) }) as EventMetadata;

let fakePosition = 0n;

/** A decoded event as the runner would hand it to `apply`, for unit tests of folds. */
export const decoded = (event: DomainEvent): DecodedEvent => {
  fakePosition += 1n;
  const metadata = someMetadata();
  const recorded: RecordedEvent = {
    id: randomUUID(),
    type: event.type,
    data: event.data as JsonObject,
    metadata,
    streamName: "test",
    revision: 0n,
    position: fakePosition,
    recordedAt: "2009-01-01T00:00:00.000Z",
  };
  return { recorded, event, metadata };
};

/** Appends one event straight to the store, past the command handler and its checks. */
export const appendRaw = async (store: EventStore, streamName: string, type: string, data: JsonObject, metadata?: JsonObject) => {
  const result = await store.appendToStream(streamName, [{ id: randomUUID(), type, data, metadata: metadata ?? someMetadata() }])();
  if (E.isLeft(result)) throw new Error(`append refused: ${result.left._tag}`);
  return result.right.position;
};

/** A clock for the memory store that moves on one second at each append, from `start`. */
export const stepClock = (start = "2009-01-01T00:00:00.000Z"): (() => Date) => {
  let next = Date.parse(start);
  return () => {
    const now = new Date(next);
    next += 1_000;
    return now;
  };
};

/** An event from plain JSON, checked by its codec, as `apply` receives it. */
export const event = (type: string, data: JsonObject): DecodedEvent => {
  const checked = decodeDomainEvent({ type, data });
  if (E.isLeft(checked)) throw new Error(`bad test event ${type}: ${JSON.stringify(describeValidationErrors(checked.left))}`);
  return decoded(checked.right);
};

/** Plain-JSON participants, for {@link event}. */
export const participant = {
  municipality: (municipalityNo: string, name: string, shareBps: number) => ({ kind: "municipality", municipalityNo, name, shareBps }),
  county: (countyNo: string, name: string, shareBps: number) => ({ kind: "county", countyNo, name, shareBps }),
  organisation: (kind: "county-governor" | "state-agency" | "other", orgNo: string, name: string, shareBps: number) => ({ kind, orgNo, name, shareBps }),
};

/** A valid application in plain JSON; spread and override what a test is about. */
export const application = (grantId: string, participants: readonly JsonObject[], requested: number, roundId = "r1") => ({
  grantId,
  roundId,
  applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
  participants,
  project: { title: `Project ${grantId}` },
  totalCost: requested * 5,
  requested,
  appliedAt: "2009-03-01T10:00:00Z",
});

/** A valid award in plain JSON. */
export const award = (grantId: string, amount: number, roundId = "r1", benefitsPlan?: readonly JsonObject[]) => ({
  grantId,
  roundId,
  amount,
  disbursementPlan: [{ due: "2010-01-01", amount }],
  conditions: [],
  awardedAt: "2009-09-01T10:00:00Z",
  ...(benefitsPlan === undefined ? {} : { benefitsPlan }),
});

/** A valid round opening in plain JSON; `policy` is merged into the default one. */
export const roundOpening = (roundId: string, budget: number, options: { readonly schemeId?: string; readonly policy?: JsonObject } = {}) => ({
  roundId,
  name: `Round ${roundId}`,
  funder: { orgNo: "991825827", name: "Difi" },
  budget,
  ...(options.schemeId === undefined ? {} : { schemeId: options.schemeId }),
  policy: { maxShareBps: 5000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false, ...options.policy },
  applicationDeadline: "2009-06-30T23:59:59Z",
  disbursementWindow: { from: "2009-01-01", to: "2013-12-31" },
});

/** An event of a grant's stream from plain JSON: its `grantId` and the rest of its data. */
export const grantEvent = (type: string, grantId: string, data: JsonObject = {}): DecodedEvent => event(type, { grantId, ...data });
