import * as E from "fp-ts/lib/Either.js";
import {
  decodeRecordedEvent,
  EntityId,
  grantStreamName,
  roundStreamName,
  type DecodedEvent,
  type EventDecodeFailed,
  type EventStore,
  type GrantError,
  type PersonalDataKeys,
  type ReadStreamError,
  type StoreUnavailable,
  revealPersonalData,
} from "@grantledger/core";
import { summarise } from "./eventSummary.js";

/** One event of a grant's history: where and when it was recorded, by whom, in words and as data. */
export interface HistoryEntry {
  readonly position: bigint;
  readonly streamName: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly commandId: string;
  readonly summary: string;
  readonly data: unknown;
}

/** A grant's history, in the order its events were recorded. */
export interface GrantHistory {
  readonly grantId: string;
  readonly roundId: string | undefined;
  readonly events: readonly HistoryEntry[];
}

/** Why a history could not be told. */
export type GrantHistoryError = Extract<GrantError, { _tag: "GrantNotFound" }> | Exclude<ReadStreamError, { _tag: "StreamNotFound" }> | EventDecodeFailed | StoreUnavailable;

/** A stream decoded, its personal data revealed with `keys` (text, or `[erased]`) when given. */
const readDecoded = async (store: EventStore, streamName: string, keys?: PersonalDataKeys): Promise<E.Either<GrantHistoryError, readonly DecodedEvent[]>> => {
  const read = await store.readStream(streamName)();
  if (E.isLeft(read)) return read.left._tag === "StreamNotFound" ? E.right([]) : E.left(read.left);
  const shown = keys === undefined ? read : await revealPersonalData(read.right, keys)();
  if (E.isLeft(shown)) return shown;
  const decoded: DecodedEvent[] = [];
  for (const recorded of shown.right) {
    const event = decodeRecordedEvent(recorded);
    if (E.isLeft(event)) return event;
    decoded.push(event.right);
  }
  return E.right(decoded);
};

const entryOf = ({ recorded, event, metadata }: DecodedEvent): HistoryEntry => ({
  position: recorded.position,
  streamName: recorded.streamName,
  revision: recorded.revision,
  id: recorded.id,
  type: event.type,
  recordedAt: recorded.recordedAt,
  actor: metadata.actor,
  commandId: metadata.commandId,
  summary: summarise(event),
  data: event.data,
});

/**
 * A grant's history, read from the store rather than a read model, so it is complete and
 * current: the grant's own stream, and the commitments and releases its round recorded for it
 * (the money an award binds is recorded in the round).
 */
export const readGrantHistory = async (store: EventStore, grantId: string, keys?: PersonalDataKeys): Promise<E.Either<GrantHistoryError, GrantHistory>> => {
  const notFound = E.left<GrantHistoryError>({ _tag: "GrantNotFound", grantId });
  // An id no grant can have names no stream; asking the store for it would only risk an error.
  if (!EntityId.is(grantId)) return notFound;
  const grant = await readDecoded(store, grantStreamName(grantId), keys);
  if (E.isLeft(grant)) return grant;
  const applied = grant.right[0]?.event;
  if (applied === undefined) return notFound;
  const roundId = applied.type === "GrantApplied" ? applied.data.roundId : undefined;
  const round = roundId === undefined ? E.right([]) : await readDecoded(store, roundStreamName(roundId));
  if (E.isLeft(round)) return round;
  const forThisGrant = round.right.filter(
    ({ event }) => (event.type === "FundsCommitted" || event.type === "FundsReleased") && event.data.grantId === grantId,
  );
  const events = [...grant.right, ...forThisGrant].sort((a, b) => (a.recorded.position < b.recorded.position ? -1 : 1));
  return E.right({ grantId, roundId, events: events.map(entryOf) });
};
