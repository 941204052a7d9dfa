import * as E from "fp-ts/lib/Either.js";
import {
  decodeRecordedEvent,
  EntityId,
  grantStreamName,
  roundStreamName,
  type DecodedEvent,
  type EventStore,
} from "@grantledger/core";
import { CliError, EXIT_OK, usageError } from "../cliError.js";
import { describeStoreError } from "../output/describeStoreError.js";
import type { Output } from "../output/output.js";
import { withSource, type SourceOptions } from "../store/historySource.js";
import { STORY_START, tellEvent, tellStatus } from "../story/grantStory.js";

/** A whole stream, decoded; `[]` when it has no events. A bad event is a one-line error naming it. */
const readDecoded = async (store: EventStore, streamName: string, label: string): Promise<readonly DecodedEvent[]> => {
  const read = await store.readStream(streamName)();
  if (E.isLeft(read)) {
    if (read.left._tag === "StreamNotFound") return [];
    throw new CliError(`cannot read ${streamName} in ${label}: ${describeStoreError(read.left)}`);
  }
  return read.right.map((recorded) => {
    const decoded = decodeRecordedEvent(recorded);
    if (E.isRight(decoded)) return decoded.right;
    const f = decoded.left;
    throw new CliError(`${label}: ${f.type} at ${f.streamName}@${f.revision} (position ${f.position}) does not decode: ${f.path}: ${f.reason}`);
  });
};

/**
 * `grantledger history <grantId>`: the grant's events, and its round's commitments and releases
 * for it, in the order they were recorded, told in plain words with amounts in NOK. A grant may
 * have several of each (an amendment up commits the increase, one down releases the decrease, a
 * closing releases what was not paid, a repayment after closing what was repaid), so each is
 * told with what the round still holds for the grant after it.
 */
export const historyCommand = async (grantId: string, options: SourceOptions, output: Output): Promise<number> => {
  if (!EntityId.is(grantId)) throw usageError(`"${grantId}" is not a grant id (1-100 of A-Z a-z 0-9 . _ -)`);
  return withSource(options, async (source) => {
    const grant = await readDecoded(source.store, grantStreamName(grantId), source.label);
    const applied = grant[0]?.event;
    if (applied === undefined) throw new CliError(`no grant "${grantId}" in ${source.label}: stream ${grantStreamName(grantId)} has no events`);
    const roundId = applied.type === "GrantApplied" ? applied.data.roundId : undefined;
    const round = roundId === undefined ? [] : await readDecoded(source.store, roundStreamName(roundId), source.label);
    const opened = round.find((e) => e.event.type === "RoundOpened")?.event;
    // Every commitment and release for this grant, whole or partial; the round's own events are left out.
    const forThisGrant = round.filter(({ event }) => (event.type === "FundsCommitted" || event.type === "FundsReleased") && event.data.grantId === grantId);
    const events = [...grant, ...forThisGrant].sort((a, b) => (a.recorded.position < b.recorded.position ? -1 : 1));

    const title = applied.type === "GrantApplied" ? `: "${applied.data.project.title}"` : "";
    output.out(`Grant ${grantId} (tilskudd)${title}`);
    if (roundId !== undefined) output.out(`Round ${roundId} (utlysning)${opened?.type === "RoundOpened" ? `: ${opened.data.name}, funded by ${opened.data.funder.name}` : ""}`);
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
