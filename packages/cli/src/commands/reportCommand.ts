import { writeFile } from "node:fs/promises";
import { readTrustedKeys } from "../audit/sealKeys.js";
import { verifyHistoryFile, verifyStore } from "../audit/verifySources.js";
import { CliError, EXIT_FAILED, EXIT_OK, usageError } from "../cliError.js";
import type { Output } from "../output/output.js";
import { buildReport } from "../report/buildReport.js";
import { explainWith } from "../report/explainWith.js";
import { describeScope, type ReportScope } from "../report/reportScope.js";
import { asOfFromOptions, hasTimes, type TimeOptions } from "../store/asOfOptions.js";
import { withSource, type SourceOptions } from "../store/historySource.js";

export interface ReportOptions extends SourceOptions, TimeOptions {
  /** The round to report on. */
  readonly round?: string;
  /** Or the scheme, every round of it. */
  readonly scheme?: string;
  /** The HTML file to write. */
  readonly out: string;
  /** PEM files of sealers' public keys to mark as trusted. */
  readonly publicKey?: readonly string[];
}

const scopeOf = (options: ReportOptions): ReportScope => {
  if (options.round !== undefined && options.scheme !== undefined) throw usageError("give --round <id> or --scheme <id>, not both");
  if (options.round !== undefined) return { kind: "round", roundId: options.round };
  if (options.scheme !== undefined) return { kind: "scheme", schemeId: options.scheme };
  throw usageError("give --round <id> or --scheme <id>: what to report on");
};

/**
 * `grantledger report (--round <id> | --scheme <id>) --out report.html`: verifies the whole
 * history as `verify` does, folds what was known at `--known-at` (or `--as-of`, `--at-position`)
 * and in effect on `--in-effect-on`, and writes one
 * self-contained HTML page. Exit 0 when written; 1 when the history holds no such round or
 * scheme, or when verify found a break (the page is still written, and says so); 2 on a usage error.
 */
export const reportCommand = async (options: ReportOptions, output: Output): Promise<number> => {
  const scope = scopeOf(options);
  const limits = asOfFromOptions(options);
  const trustedKeys = readTrustedKeys(options.publicKey);
  const asOfWords = [
    limits.knownAt === undefined ? undefined : `known at ${limits.knownAt}`,
    limits.position === undefined ? undefined : `known up to position ${limits.position}`,
    limits.inEffectOn === undefined ? undefined : `in effect on ${limits.inEffectOn}`,
  ].filter((words): words is string => words !== undefined);
  return withSource(options, async (source) => {
    const verified = source.file === undefined ? await verifyStore(source.store, source.label, { trustedKeys }) : await verifyHistoryFile(source.file, { trustedKeys });
    const built = await buildReport(source.store, {
      scope,
      limits,
      verified,
      label: source.label,
      asOf: hasTimes(limits) ? asOfWords.join(", ") : "everything recorded",
      writtenAt: new Date().toISOString(),
      explain: explainWith(source.store, limits),
    });
    if (built === undefined) throw new CliError(`no ${describeScope(scope)} in ${source.label}: no RoundOpened names it`);
    try {
      await writeFile(options.out, built.html);
    } catch (error) {
      throw new CliError(`cannot write ${options.out}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const broken = verified.result._tag === "Left";
    output.out(`report: ${options.out} (${describeScope(scope)}, ${built.model.rounds.length} round${built.model.rounds.length === 1 ? "" : "s"}, ${built.model.figures.all().length} figures linked${broken ? ", history BROKEN" : ""})`);
    return broken ? EXIT_FAILED : EXIT_OK;
  });
};
