import * as E from "fp-ts/lib/Either.js";
import type { RecordedEvent } from "@grantledger/core";
import type { BulkImportError, PostgresEventStore } from "@grantledger/adapters/postgres";
import { CliError } from "../cliError.js";
import { readHistoryBatches } from "../history/historyFile.js";
import { findImportConflict } from "./importConflicts.js";
import { describeStoreError } from "../output/describeStoreError.js";
import type { ImportReport } from "./importHistory.js";
import { verifyHistoryFile, type VerifyChecks } from "./verifySources.js";

/** How to bulk import. */
export interface BulkImportHistoryOptions {
  /** How to name the file in messages, when `path` is a private copy of it. */
  readonly fileLabel: string;
  /** The kept roots and trusted keys the write pass checks again as it reads (rules are not replayed again). */
  readonly checks: VerifyChecks;
  /** Events per transaction; the adapter's default (10 000) when absent. */
  readonly eventsPerTransaction?: number;
}

/** A file's events, batch by batch, as the adapter takes them. */
async function* eventsOf(path: string): AsyncGenerator<RecordedEvent[]> {
  for await (const batch of readHistoryBatches(path)) yield Array.from(batch, (read) => read.event);
}

/** An event as `findImportConflict` names it, so both import paths refuse in the same words. */
const describeEvent = (id: string, hash: string | undefined): string => `event ${id} (hash ${String(hash).slice(0, 12)}…)`;

const describeBulkError = (error: BulkImportError, fileLabel: string, targetLabel: string): string => {
  if (error._tag !== "ImportConflict") return error._tag === "ImportNeedsMigration" || error._tag === "InvalidAppend" ? error.reason : describeStoreError(error);
  const at = `${fileLabel}:${error.index + 1}: ${error.streamName}@${error.revision}`;
  const { there } = error;
  switch (error.kind) {
    case "place_taken":
    case "different_hash":
      return `${at} in ${targetLabel} is ${describeEvent(there?.id ?? "?", there?.hash)}, in the file ${describeEvent(error.eventId, error.hash)}`;
    case "duplicate_event_id":
      return `${at}: ${targetLabel} holds ${describeEvent(error.eventId, there?.hash)} as ${there?.streamName ?? "?"}@${there?.revision ?? "?"}`;
    case "gap":
      return `${at}: ${error.reason.slice(error.reason.indexOf(" ") + 1)} in ${targetLabel}`;
  }
};

/**
 * Appends a verified history file to a PostgreSQL (or PGlite) store through the adapter's bulk
 * import: one pass over the file in which each batch of lines is verified again (hash chain,
 * order, seals, kept roots; the same verifier, `verifyHistoryFile`) and only then handed to
 * `startBulkImport`, which writes 10 000 events a transaction. So what is written is what this
 * pass verified. A store that already holds events is checked first without writing
 * (`checkImport`, set-based, a transaction's worth of events a query), so a store holding other
 * events where the file's go is refused with nothing written, in the words of
 * `findImportConflict`; a repeated or resumed import skips the events already there.
 */
export const bulkImportHistory = async (path: string, store: PostgresEventStore, targetLabel: string, options: BulkImportHistoryOptions): Promise<ImportReport> => {
  const { checkImport, startBulkImport } = await import("@grantledger/adapters/postgres");
  const { fileLabel } = options;
  const holds = await store.readAll({ maxCount: 1 })();
  if (E.isLeft(holds)) throw new CliError(`cannot read ${targetLabel}: ${describeStoreError(holds.left)}`);
  if (holds.right.length > 0) {
    const checked = await checkImport(store, eventsOf(path), options)();
    if (E.isLeft(checked)) {
      // Named as the other stores' import names it, where the store's head meets the file; the set-based check found it first.
      const named = checked.left._tag === "ImportConflict" ? await findImportConflict(path, store, targetLabel, true, fileLabel) : undefined;
      throw new CliError(`refused to import ${fileLabel} into ${targetLabel}, nothing written: ${named ?? describeBulkError(checked.left, fileLabel, targetLabel)}`);
    }
  }
  const importer = startBulkImport(store, options);
  const outcome = await verifyHistoryFile(path, { ...options.checks, rules: false }, {
    progressLabel: `importing into ${targetLabel}`,
    onVerified: async (batch) => {
      const added = await importer.add(batch.map((read) => read.event));
      if (E.isLeft(added)) throw stopped(added.left);
    },
  });
  // The copy is this process's own, so it cannot change since the first pass; if it did, stop.
  if (E.isLeft(outcome.result)) {
    const at = outcome.line === undefined ? "" : ` at line ${outcome.line}`;
    throw new CliError(`${fileLabel} no longer verifies${at} (${outcome.result.left._tag}); the import into ${targetLabel} stopped there`);
  }
  const finished = await importer.finish();
  if (E.isLeft(finished)) throw stopped(finished.left);
  const { appended, alreadyThere, movedPosition } = finished.right;
  return { events: appended + alreadyThere, streams: outcome.result.right.streams, alreadyThere, movedPosition };

  function stopped(error: BulkImportError): CliError {
    return new CliError(
      `cannot import ${fileLabel} into ${targetLabel}: ${describeBulkError(error, fileLabel, targetLabel)}; ` +
        "the transactions before it are committed (importing the file again skips them)",
    );
  }
};
