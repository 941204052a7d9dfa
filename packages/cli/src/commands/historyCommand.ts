import * as E from "fp-ts/lib/Either.js";
import {
  decodeRecordedEvent,
  EntityId,
  grantStreamName,
  roundStreamName,
  type DecodedEvent,
  type EventStore,
  type PersonalDataKeys,
  type RecordedEvent,
  revealPersonalData,
} from "@grantledger/core";
import { describeProjectionError, scanAsOf, type AsOfOptions } from "@grantledger/projections";
import { CliError, EXIT_OK, usageError } from "../cliError.js";
import { describeStoreError } from "../output/describeStoreError.js";
import type { Output } from "../output/output.js";
import { asOfFromOptions, describeTimes, hasTimes, type TimeOptions } from "../store/asOfOptions.js";
import { withSource, type SourceOptions } from "../store/historySource.js";
import { STORY_START, tellEvent, tellStatus } from "../story/grantStory.js";
import { personalKeysOf } from "../store/personalKeys.js";

/**
 * The events with their personal data revealed for the reader (the text where the store's key
 * store has the key, `[erased]` where it was forgotten), decoded again; as stored without keys.
 */
const revealed = async (events: readonly DecodedEvent[], keys: PersonalDataKeys | undefined, label: string): Promise<readonly DecodedEvent[]> => {
  if (keys === undefined) return events;
  const shown = await revealPersonalData(events.map((e) => e.recorded), keys)();
  if (E.isLeft(shown)) throw new CliError(`cannot read the keys of personal data in ${label}: ${describeStoreError(shown.left)}`);
  return decodeAll(shown.right, label);
};

/** Recorded events, decoded. A bad event is a one-line error naming it. */
const decodeAll = (events: readonly RecordedEvent[], label: string): readonly DecodedEvent[] =>
  events.map((recorded) => {
    const decoded = decodeRecordedEvent(recorded);
    if (E.isRight(decoded)) return decoded.right;
    const f = decoded.left;
    throw new CliError(`${label}: ${f.type} at ${f.streamName}@${f.revision} (position ${f.position}) does not decode: ${f.path}: ${f.reason}`);
  });

/** A whole stream, decoded; `[]` when it has no events. */
const readDecoded = async (store: EventStore, streamName: string, label: string): Promise<readonly DecodedEvent[]> => {
  const read = await store.readStream(streamName)();
  if (E.isLeft(read)) {
    if (read.left._tag === "StreamNotFound") return [];
    throw new CliError(`cannot read ${streamName} in ${label}: ${describeStoreError(read.left)}`);
  }
  return decodeAll(read.right, label);
};

/** The grant's stream and every round event, as known at and in effect on the given times. */
interface StreamsAsOf {
  readonly grant: readonly DecodedEvent[];
  readonly rounds: readonly DecodedEvent[];
  readonly position: bigint | undefined;
}

/**
 * With a clock, one pass of the history through `scanAsOf` (the longest prefix recorded by then
 * is only known by reading in global order), keeping the grant's stream and the round events.
 * Round events are few beside grant events; the grant's round is only known once its first event is.
 */
const readAsOf = async (store: EventStore, grantId: string, limits: AsOfOptions, label: string): Promise<StreamsAsOf> => {
  const grantStream = grantStreamName(grantId);
  const grant: RecordedEvent[] = [];
  const rounds: RecordedEvent[] = [];
  const scanned = await scanAsOf(store, "history", limits, (events) => {
    for (const event of events) {
      if (event.streamName === grantStream) grant.push(event);
      else if (event.streamName.startsWith("round-") && (event.type === "RoundOpened" || (event.data as { grantId?: unknown }).grantId === grantId)) rounds.push(event);
    }
    return undefined;
  })();
  if (E.isLeft(scanned)) throw new CliError(`cannot read ${label}: ${describeProjectionError(scanned.left)}`);
  return { grant: decodeAll(grant, label), rounds: decodeAll(rounds, label), position: scanned.right.position };
};

/**
 * `grantledger history <grantId>`: the grant's events, and its round's commitments and releases
 * for it, in the order they were recorded, told in plain words with amounts in NOK. A grant may
 * have several of each (an amendment up commits the increase, one down releases the decrease, a
 * closing releases what was not paid, a repayment after closing what was repaid), so each is
 * told with what the round still holds for the grant after it. With `--known-at`/`--at-position`
 * only what was recorded by then is told, and with `--in-effect-on` only what was in effect then.
 */
export const historyCommand = async (grantId: string, options: SourceOptions & TimeOptions, output: Output): Promise<number> => {
  if (!EntityId.is(grantId)) throw usageError(`"${grantId}" is not a grant id (1-100 of A-Z a-z 0-9 . _ -)`);
  const limits = asOfFromOptions(options);
  return withSource(options, async (source) => {
    const asOf = hasTimes(limits) ? await readAsOf(source.store, grantId, limits, source.label) : undefined;
    const grant = asOf?.grant ?? (await readDecoded(source.store, grantStreamName(grantId), source.label));
    const applied = grant[0]?.event;
    const when = asOf === undefined ? "" : ` ${describeTimes(limits, asOf.position)}`;
    if (applied === undefined) throw new CliError(`no grant "${grantId}" in ${source.label}${when}: stream ${grantStreamName(grantId)} has no events`);
    const roundId = applied.type === "GrantApplied" ? applied.data.roundId : undefined;
    const roundStream = roundId === undefined ? undefined : roundStreamName(roundId);
    const round =
      roundStream === undefined ? [] : asOf === undefined ? await readDecoded(source.store, roundStream, source.label) : asOf.rounds.filter((e) => e.recorded.streamName === roundStream);
    const opened = round.find((e) => e.event.type === "RoundOpened")?.event;
    // Every commitment and release for this grant, whole or partial; the round's own events are left out.
    const forThisGrant = round.filter(({ event }) => (event.type === "FundsCommitted" || event.type === "FundsReleased") && event.data.grantId === grantId);
    const sorted = [...grant, ...forThisGrant].sort((a, b) => (a.recorded.position < b.recorded.position ? -1 : 1));
    const events = source.file === undefined ? await revealed(sorted, await personalKeysOf(source.store), source.label) : sorted;

    const title = applied.type === "GrantApplied" ? `: "${applied.data.project.title}"` : "";
    output.out(`Grant ${grantId} (tilskudd)${title}`);
    if (roundId !== undefined) output.out(`Round ${roundId} (utlysning)${opened?.type === "RoundOpened" ? `: ${opened.data.name}, funded by ${opened.data.funder.name}` : ""}`);
    if (asOf !== undefined) output.out(`What ${source.label} held ${describeTimes(limits, asOf.position)}`);
    output.out("");
    let state = STORY_START;
    for (const { event, recorded, metadata } of events) {
      const told = tellEvent(event, state, recorded.recordedAt);
      state = told.after;
      output.out(`${told.sentence.date}  ${told.sentence.line}`);
      for (const detail of told.sentence.details) output.out(`            ${detail}`);
      output.out(`            recorded ${recorded.recordedAt} by ${metadata.actor} (${recorded.streamName}@${recorded.revision}, position ${recorded.position})`);
    }
    output.out("");
    output.out(tellStatus(state));
    return EXIT_OK;
  });
};
