import * as E from "fp-ts/lib/Either.js";
import { decodeDomainEvent, EVENT_VERSIONING, EventMetadata, upcastStoredEvent, type RecordedEvent } from "@grantledger/core";
import {
  foldRecorded,
  listMunicipalities,
  municipalityTotals,
  type MunicipalityTotalsState,
  type ProjectionSnapshot,
} from "@grantledger/projections";
import type { WireEvent } from "../lib/grantHistory.js";
import { timeMs } from "../lib/rounds.js";

/** Events handed to the fold at a time: the page size of `projectAsOf` and the runner. */
const PAGE = 1_000;

// A trust boundary of the benchmark's own making: the lines were written by grantHistoryLines.
const parse = (line: string): WireEvent => JSON.parse(line) as WireEvent;

const recorded = (wire: WireEvent): RecordedEvent => ({
  streamName: wire.streamName,
  revision: BigInt(wire.revision),
  position: BigInt(wire.position),
  id: wire.id,
  type: wire.type,
  data: wire.data,
  metadata: wire.metadata,
  recordedAt: wire.recordedAt,
});

/**
 * The rebuild: every line parsed into a recorded event and folded into MunicipalityTotals in
 * pages, through `foldRecorded` (what `projectAsOf` and the runner fold with): the events the
 * projection handles are decoded by their codecs, the others passed over, and `applyAll` splits
 * every amount over the grant's municipalities. Milliseconds; throws if the history is refused.
 */
export const rebuildFromLines = async (lines: readonly string[]): Promise<{ ms: number; municipalities: number }> => {
  let snapshot: ProjectionSnapshot<MunicipalityTotalsState> = { state: municipalityTotals.initialState, checkpoint: undefined };
  const ms = await timeMs(async () => {
    for (let start = 0; start < lines.length; start += PAGE) {
      const end = Math.min(start + PAGE, lines.length);
      const page: RecordedEvent[] = new Array<RecordedEvent>(end - start);
      for (let index = start; index < end; index++) page[index - start] = recorded(parse(lines[index] as string));
      const outcome = foldRecorded(municipalityTotals, snapshot, page);
      if (outcome.poison !== undefined) throw new Error(`the rebuild stopped: ${outcome.poison.reason}`);
      snapshot = outcome.snapshot;
    }
  });
  return { ms, municipalities: listMunicipalities(snapshot.state).length };
};

/**
 * The floor: the same lines, each `JSON.parse`d and its type, data and metadata decoded by core's
 * codecs, as every read does, and nothing else. No rebuild can go faster than this.
 */
export const parseAndDecode = async (lines: readonly string[]): Promise<number> =>
  timeMs(async () => {
    for (const line of lines) {
      const wire = parse(line);
      // Brought to the current version first, as decodeRecordedEvent does (the bench's payments are version 1).
      const current = upcastStoredEvent(wire, EVENT_VERSIONING);
      const event = E.isLeft(current) ? undefined : decodeDomainEvent(current.right);
      const metadata = EventMetadata.decode(wire.metadata);
      if (event === undefined || E.isLeft(event) || E.isLeft(metadata)) throw new Error(`event ${wire.position} does not decode`);
    }
  });
