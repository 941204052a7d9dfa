import { findImportConflict } from "../audit/importConflicts.js";
import { importHistory } from "../audit/importHistory.js";
import { verifyHistoryFile } from "../audit/verifySources.js";
import { CliError, EXIT_OK } from "../cliError.js";
import { formatCount } from "../output/formatCount.js";
import type { Output } from "../output/output.js";
import { openStore } from "../store/openStore.js";
import { parseStoreUrl } from "../store/storeUrl.js";
import { describeOutcomeBreak, parseExpectedRoot } from "./verifyCommand.js";

export interface ImportOptions {
  readonly to: string;
  readonly expectRoot?: readonly string[];
}

/**
 * `grantledger import <file> --to <url>`: writes nothing if the file does not verify or if the
 * target holds other events where the history's go; else appends it (see `importHistory`), so
 * that importing twice adds nothing. The events keep the file's recorded times, so a fresh
 * PostgreSQL or PGlite target exports the file again byte for byte; EventStoreDB cannot keep
 * them, and the command says so.
 */
export const importCommand = async (file: string, options: ImportOptions, output: Output): Promise<number> => {
  const expectedRoots = (options.expectRoot ?? []).map(parseExpectedRoot);
  const target = parseStoreUrl(options.to);
  const outcome = await verifyHistoryFile(file, expectedRoots);
  const broken = describeOutcomeBreak(outcome, file);
  if (broken !== undefined) throw new CliError(`refused to import ${file}, nothing written: ${broken}`);

  // EventStoreDB records every event at its own time and cannot be given the file's.
  const keepRecordedAt = target.kind !== "esdb";
  const store = await openStore(options.to, { create: true });
  try {
    const conflict = await findImportConflict(file, store, target.display, keepRecordedAt);
    if (conflict !== undefined) throw new CliError(`refused to import ${file} into ${target.display}, nothing written: ${conflict}`);
    const report = await importHistory(file, store, target.display, { keepRecordedAt });
    const added = report.events - report.alreadyThere;
    output.out(
      added === 0
        ? `nothing to import: all ${formatCount(report.events)} events of ${file} are already in ${target.display}`
        : `imported ${formatCount(added)} events in ${formatCount(report.streams)} streams into ${target.display}` +
            (report.alreadyThere === 0 ? "" : ` (${formatCount(report.alreadyThere)} were already there)`),
    );
    if (!keepRecordedAt && added > 0) {
      output.err(
        `note: ${target.display} (EventStoreDB) records every event at its own time, so the imported events carry the time of this import, not the file's recordedAt; ` +
          "the hashes do not cover it and still verify, but an export from it differs from the file in recordedAt: keep the file as the record of when events were first recorded",
      );
    }
    if (report.movedPosition !== undefined) {
      output.err(
        `note: ${target.display} numbers global positions its own way (the file's position ${report.movedPosition.file} is ${report.movedPosition.target} there); ` +
          "the history's seals name the file's positions, so verify the file, or seal the target anew",
      );
    }
    return EXIT_OK;
  } finally {
    await store.close();
  }
};
