import { computeEventHash } from "../audit/eventHash.js";
import type { JsonObject, RecordedEvent } from "../store/recordedEvent.js";

/**
 * The history a grantledger of before the event versions (every type at version 1) would have
 * written for the same commands as `history`: every `GrantDisbursed` without its `valueDate` and
 * every event at `schemaVersion` 1, each stream's hash chain computed again over that content.
 * Ids, revisions, positions and recorded times are kept. Seals (stream `seal`), whose roots cover
 * the hashes, are left out: seal the result again to have one.
 *
 * A version-1 writer wrote a payment's command data as it was given, and no command before
 * version 2 named a value date: so `history` must be written by commands that name none (the
 * value date is then the day of `disbursedAt`), or the result is not what version 1 wrote.
 * grantledger's own tests hold this model to a history the version-1 code really wrote.
 */
export const writtenAtVersionOne = (history: readonly RecordedEvent[]): RecordedEvent[] => {
  const heads = new Map<string, string>();
  const written: RecordedEvent[] = [];
  for (const event of history) {
    if (event.streamName === "seal") continue;
    let data: JsonObject = event.data;
    if (event.type === "GrantDisbursed") {
      const { valueDate: _addedInVersionTwo, ...versionOne } = event.data;
      data = versionOne;
    }
    const { hash: _rehashed, ...metadata } = event.metadata;
    const unhashed = { ...metadata, schemaVersion: 1, prevHash: heads.get(event.streamName) ?? null };
    const hash = computeEventHash({ streamName: event.streamName, revision: event.revision, id: event.id, type: event.type, data, metadata: unhashed });
    heads.set(event.streamName, hash);
    written.push({ ...event, data, metadata: { ...unhashed, hash } });
  }
  return written;
};
