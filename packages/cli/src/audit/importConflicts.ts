import * as E from "fp-ts/lib/Either.js";
import { isRecordedTime, type EventStore, type ReadStreamOptions } from "@grantledger/core";
import { CliError } from "../cliError.js";
import { readHistoryFile } from "../history/historyFile.js";
import { describeStoreError } from "../output/describeStoreError.js";

interface Placed {
  readonly revision: bigint;
  readonly id: string;
  readonly hash: unknown;
  readonly line: number;
}

/**
 * Why `target` cannot take the history in `path` without a half-done import, or `undefined`;
 * messages name the file as `fileLabel` (the file the user gave, when `path` is a private copy).
 * The target may already hold any prefix of each stream (a repeated or resumed import), checked
 * where the two meet: the target's head must be the file's event at that revision, or, where the
 * target has moved past the file, the file's last event must be the target's at its revision.
 * Ids and hashes are compared: a hash chains an event to all before it in its stream, so two
 * streams that agree there agree below (where the target's own chain holds). One read per
 * stream, two where the target is ahead, in one pass over the file; `import` runs it before it
 * writes anything. When the target is to keep the file's recorded times, each must be in the one
 * form a store keeps, or the import would stop half-way at the first that is not.
 */
export const findImportConflict = async (
  path: string,
  target: EventStore,
  targetLabel: string,
  keepRecordedAt: boolean,
  fileLabel: string = path,
): Promise<string | undefined> => {
  const read = async (streamName: string, options: ReadStreamOptions) => {
    const events = await target.readStream(streamName, { ...options, maxCount: 1 })();
    if (E.isRight(events)) return events.right[0];
    if (events.left._tag === "StreamNotFound") return undefined;
    throw new CliError(`cannot read ${streamName} in ${targetLabel}: ${describeStoreError(events.left)}`);
  };
  // Stores keep ids in lower case; the file may not.
  const same = (a: { id: string; hash: unknown }, b: { id: string; hash: unknown }) => a.id.toLowerCase() === b.id.toLowerCase() && a.hash === b.hash;
  const describe = (e: { id: string; hash: unknown }) => `event ${e.id} (hash ${String(e.hash).slice(0, 12)}…)`;
  const differs = (line: number, streamName: string, revision: bigint, there: { id: string; hash: unknown }, file: { id: string; hash: unknown }) =>
    `${fileLabel}:${line}: ${streamName}@${revision} in ${targetLabel} is ${describe(there)}, in the file ${describe(file)}`;
  const heads = new Map<string, { revision: bigint; id: string; hash: unknown } | null>();
  const lastInFile = new Map<string, Placed>();

  for await (const { event, line } of readHistoryFile(path)) {
    if (keepRecordedAt && !isRecordedTime(event.recordedAt)) {
      return `${fileLabel}:${line}: recordedAt ${JSON.stringify(event.recordedAt)} is not a UTC time to the millisecond (YYYY-MM-DDTHH:MM:SS.sssZ), the form a store keeps`;
    }
    let head = heads.get(event.streamName);
    if (head === undefined) {
      const found = await read(event.streamName, { direction: "backwards" });
      head = found === undefined ? null : { revision: found.revision, id: found.id, hash: found.metadata["hash"] };
      heads.set(event.streamName, head);
    }
    const placed = { revision: event.revision, id: event.id, hash: event.metadata["hash"], line };
    if (head !== null && event.revision === head.revision && !same(placed, head)) {
      return differs(line, event.streamName, event.revision, head, placed);
    }
    lastInFile.set(event.streamName, placed);
  }
  for (const [streamName, last] of lastInFile) {
    const head = heads.get(streamName);
    if (head === undefined || head === null || head.revision <= last.revision) continue;
    const there = await read(streamName, { fromRevision: last.revision });
    if (there === undefined) return `${fileLabel}:${last.line}: ${streamName}@${last.revision} is missing in ${targetLabel}, which holds later events`;
    const found = { id: there.id, hash: there.metadata["hash"] };
    if (!same(found, last)) return differs(last.line, streamName, last.revision, found, last);
  }
  return undefined;
};
