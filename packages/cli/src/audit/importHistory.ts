import * as E from "fp-ts/lib/Either.js";
import type { EventStore, ExpectedRevision } from "@grantledger/core";
import { CliError } from "../cliError.js";
import { historyFileSize, readHistoryFile, type NumberedEvent } from "../history/historyFile.js";
import { describeStoreError } from "../output/describeStoreError.js";
import { startProgress } from "../output/progress.js";

/** What an import did. */
export interface ImportReport {
  /** Events read from the file and appended (or found already there). */
  readonly events: number;
  /** Streams they are in. */
  readonly streams: number;
  /** Events the target held already (a repeated import), appended again as a no-op. */
  readonly alreadyThere: number;
  /** The first event the target put at another global position than the file's, if any. */
  readonly movedPosition:
    | {
        /** Its position in the file. */
        readonly file: bigint;
        /** Its position in the target. */
        readonly target: bigint;
      }
    | undefined;
}

/** Events of one stream that follow each other in the file: appended as one atomic batch. */
const MAX_BATCH = 500;

/** How to import. */
export interface ImportHistoryOptions {
  /**
   * Whether the target keeps the file's `recordedAt` (memory, PostgreSQL): then exporting it
   * gives the file back byte for byte. EventStoreDB stamps its own times and refuses given ones.
   */
  readonly keepRecordedAt: boolean;
  /** How to name the file in messages, when `path` is a private copy of it; defaults to `path`. */
  readonly fileLabel?: string;
}

/**
 * Appends a (verified) history file to `target` in the file's global order, each run of one
 * stream's events as a batch with the exact expected revision, the events' own ids and, where
 * the target can keep them, their original recorded times. Since every adapter treats a
 * re-append of the same ids at the same place as a no-op, importing twice adds nothing; a target
 * that holds other events at those revisions refuses, by name.
 */
export const importHistory = async (path: string, target: EventStore, targetLabel: string, options: ImportHistoryOptions): Promise<ImportReport> => {
  const size = await historyFileSize(path);
  const progress = startProgress({ label: `importing into ${targetLabel}`, total: size, unit: "bytes" });
  const heads = new Map<string, bigint>();
  let batch: NumberedEvent[] = [];
  let events = 0;
  let alreadyThere = 0;
  let movedPosition: ImportReport["movedPosition"];

  const headOf = async (streamName: string): Promise<bigint> => {
    const known = heads.get(streamName);
    if (known !== undefined) return known;
    const last = await target.readStream(streamName, { direction: "backwards", maxCount: 1 })();
    if (E.isLeft(last) && last.left._tag !== "StreamNotFound") throw new CliError(`cannot read ${streamName} in ${targetLabel}: ${describeStoreError(last.left)}`);
    const head = E.isRight(last) ? (last.right[0]?.revision ?? -1n) : -1n;
    heads.set(streamName, head);
    return head;
  };

  const flush = async (): Promise<void> => {
    const first = batch[0];
    const last = batch[batch.length - 1];
    if (first === undefined || last === undefined) return;
    const streamName = first.event.streamName;
    const head = await headOf(streamName);
    alreadyThere += batch.filter(({ event }) => event.revision <= head).length;
    const expectedRevision: ExpectedRevision = first.event.revision === 0n ? "no_stream" : first.event.revision - 1n;
    const appended = await target.appendToStream(
      streamName,
      batch.map(({ event }) => {
        const { id, type, data, metadata, recordedAt } = event;
        return options.keepRecordedAt ? { id, type, data, metadata, recordedAt } : { id, type, data, metadata };
      }),
      { expectedRevision },
    )();
    if (E.isLeft(appended)) {
      throw new CliError(`${options.fileLabel ?? path}:${first.line}: cannot import into ${targetLabel}: ${describeStoreError(appended.left)}; ${events} events were imported before it`);
    }
    if (movedPosition === undefined && appended.right.position !== last.event.position) {
      movedPosition = { file: last.event.position, target: appended.right.position };
    }
    heads.set(streamName, last.event.revision > head ? last.event.revision : head);
    events += batch.length;
    batch = [];
  };

  try {
    for await (const numbered of readHistoryFile(path, (bytes) => progress.update(bytes))) {
      const previous = batch[batch.length - 1];
      if (previous !== undefined && (previous.event.streamName !== numbered.event.streamName || batch.length >= MAX_BATCH)) await flush();
      batch.push(numbered);
    }
    await flush();
  } finally {
    progress.stop();
  }
  return { events, streams: heads.size, alreadyThere, movedPosition };
};
