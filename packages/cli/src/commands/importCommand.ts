import * as E from "fp-ts/lib/Either.js";
import { findImportConflict } from "../audit/importConflicts.js";
import type { EventStore } from "@grantledger/core";
import { isPostgresEventStore } from "@grantledger/adapters/postgres";
import { bulkImportHistory } from "../audit/bulkImportHistory.js";
import { importHistory, type ImportReport } from "../audit/importHistory.js";
import { readTrustedKeys } from "../audit/sealKeys.js";
import { verifyHistoryFile } from "../audit/verifySources.js";
import { CliError, EXIT_OK } from "../cliError.js";
import { copyToPrivateFile } from "../history/privateCopy.js";
import { formatCount } from "../output/formatCount.js";
import type { Output } from "../output/output.js";
import { openStore } from "../store/openStore.js";
import { parseStoreUrl } from "../store/storeUrl.js";
import { describeOutcomeBreak, parseExpectedRoot } from "./verifyCommand.js";

export interface ImportOptions {
  readonly to: string;
  readonly expectRoot?: readonly string[];
  /** PEM files of sealers' public keys: a seal must be signed by one, and none by another key. */
  readonly publicKey?: readonly string[];
  /** `false` with `--no-rules`: the business rules are not replayed. */
  readonly rules?: boolean;
}

/** Memory and EventStoreDB: checked for conflicts first, then appended a stream's run at a time. */
const importPerStream = async (path: string, store: EventStore, targetLabel: string, file: string): Promise<ImportReport> => {
  const conflict = await findImportConflict(path, store, targetLabel, true, file);
  if (conflict !== undefined) throw new CliError(`refused to import ${file} into ${targetLabel}, nothing written: ${conflict}`);
  return importHistory(path, store, targetLabel, { keepRecordedAt: true, fileLabel: file });
};

/**
 * `grantledger import <file> --to <url>`: reads the file exactly once, into a private copy that
 * only this process writes, and works on that copy alone: verifies it (hash chain, seals, kept
 * roots, signatures demanded, and the business rules unless `--no-rules`), checks the target
 * holds nothing else where the history's events go, and appends it: into PostgreSQL or PGlite
 * through the adapter's bulk import, verified again as it is written (see `bulkImportHistory`),
 * elsewhere a stream's run of events at a time (see `importHistory`). So
 * what is appended is byte for byte what was verified, even if the file changes meanwhile;
 * nothing is written if anything fails. Importing twice adds nothing. Every store keeps the
 * file's recorded times, which the version-2 seals commit to.
 */
export const importCommand = async (file: string, options: ImportOptions, output: Output): Promise<number> => {
  const expectedRoots = (options.expectRoot ?? []).map((text) => parseExpectedRoot(text));
  const trustedKeys = readTrustedKeys(options.publicKey);
  const rules = options.rules !== false;
  const target = parseStoreUrl(options.to);
  const copy = await copyToPrivateFile(file);
  try {
    const outcome = await verifyHistoryFile(copy.path, { expectedRoots, trustedKeys, rules });
    const broken = describeOutcomeBreak(outcome, file);
    if (broken !== undefined) throw new CliError(`refused to import ${file}, nothing written: ${broken}`);
    if (E.isRight(outcome.result) && outcome.result.right.events === 0) throw new CliError(`refused to import ${file}: it holds no events`);
    if (!rules) output.err(`note: the business rules were not replayed (--no-rules): ${file} is imported on its hash chain and seals alone`);
    const store = await openStore(options.to, { create: true });
    try {
      const report = isPostgresEventStore(store)
        ? await bulkImportHistory(copy.path, store, target.display, { fileLabel: file, checks: { expectedRoots, trustedKeys } })
        : await importPerStream(copy.path, store, target.display, file);
      const added = report.events - report.alreadyThere;
      const verified = E.isRight(outcome.result) ? outcome.result.right : undefined;
      const checked = `verified first: hash chain, ${formatCount(verified?.seals ?? 0)} seal${verified?.seals === 1 ? "" : "s"}${rules ? ", business rules" : ""}`;
      output.out(
        added === 0
          ? `nothing to import: all ${formatCount(report.events)} events of ${file} are already in ${target.display} (${checked})`
          : `imported ${formatCount(added)} events in ${formatCount(report.streams)} streams into ${target.display}` +
              (report.alreadyThere === 0 ? "" : ` (${formatCount(report.alreadyThere)} were already there)`) +
              ` (${checked})`,
      );
      if (report.movedPosition !== undefined) {
        output.err(
          `note: ${target.display} numbers global positions its own way (the file's position ${report.movedPosition.file} is ${report.movedPosition.target} there); ` +
            "the version-2 seals still verify there (they count events, not positions), but a kept root's position names the file's numbering",
        );
      }
      return EXIT_OK;
    } finally {
      await store.close();
    }
  } finally {
    await copy.remove();
  }
};
