import * as E from "fp-ts/lib/Either.js";
import { decodeRecordedEvent, SEAL_STREAM, StoreFailure, type RecordedEvent } from "@grantledger/core";
import { describeProjectionError, grantRegister, listGrants, projectAsOf, scanAsOf, type AsOfOptions } from "@grantledger/projections";
import { CliError, EXIT_OK, oneLine, usageError } from "../cliError.js";
import { AwardedGrantsCollector, type AwardedGrant } from "../exports/awardedGrants.js";
import { grantRegisterCsv } from "../exports/grantRegisterCsv.js";
import { threeSixtyGivingPackage } from "../exports/threeSixtyGiving.js";
import { formatHistoryLine } from "../history/historyLine.js";
import { describeStoreError } from "../output/describeStoreError.js";
import { formatCount } from "../output/formatCount.js";
import type { Output } from "../output/output.js";
import { startProgress } from "../output/progress.js";
import { openTextSink, type TextSink } from "../output/textSink.js";
import { asOfFromOptions, type TimeOptions } from "../store/asOfOptions.js";
import { withSource, type HistorySource, type SourceOptions } from "../store/historySource.js";
import { filterOf, filtersGiven, type FilterOptions } from "../totals/totalsFilter.js";
import { writeXlsx } from "./exportXlsx.js";

export interface ExportOptions extends SourceOptions, TimeOptions, FilterOptions {
  readonly format: "ndjson" | "csv" | "360giving" | "xlsx";
  readonly out?: string;
}

/**
 * Every event known by the clocks, in global order, page by page: a page is written before the
 * next is read, so memory stays bounded by a page, not by the history.
 */
const forEachEvent = async (source: HistorySource, limits: AsOfOptions, use: (event: RecordedEvent) => Promise<void>): Promise<void> => {
  const scanned = await scanAsOf(source.store, "export", { ...limits, pageSize: 1_000 }, async (events) => {
    for (const event of events) await use(event);
    return undefined;
  })();
  if (E.isLeft(scanned)) {
    const error = scanned.left;
    if (error._tag === "EventStoreFailed") throw new StoreFailure(error.error);
    throw new CliError(`cannot export ${source.label}: ${describeProjectionError(error)}`);
  }
};

/** Every event, a line each, in global order; returns how many. */
const writeNdjson = async (source: HistorySource, sink: TextSink, limits: AsOfOptions): Promise<number> => {
  const progress = startProgress({ label: `exporting ${source.label}`, unit: "events" });
  let count = 0;
  try {
    await forEachEvent(source, limits, async (event) => {
      await sink.write(`${formatHistoryLine(event)}\n`);
      count += 1;
      if ((count & 0x3ff) === 0) progress.update(count);
    });
  } finally {
    progress.stop();
  }
  return count;
};

const writeCsv = async (source: HistorySource, sink: TextSink, limits: AsOfOptions): Promise<number> => {
  const folded = await projectAsOf(source.store, grantRegister, limits)();
  if (E.isLeft(folded)) throw new CliError(`cannot export ${source.label}: ${describeProjectionError(folded.left)}`);
  const rows = listGrants(folded.right.state);
  for (const line of grantRegisterCsv(rows)) await sink.write(`${line}\r\n`);
  return rows.length;
};

const writeThreeSixtyGiving = async (source: HistorySource, sink: TextSink, limits: AsOfOptions): Promise<number> => {
  const collector = new AwardedGrantsCollector();
  await forEachEvent(source, limits, (recorded) => {
    if (recorded.streamName === SEAL_STREAM) return Promise.resolve();
    const decoded = decodeRecordedEvent(recorded);
    if (E.isLeft(decoded)) {
      const f = decoded.left;
      throw new CliError(`${source.label}: ${f.type} at ${f.streamName}@${f.revision} (position ${f.position}) does not decode: ${f.path}: ${f.reason}`);
    }
    collector.add(decoded.right.event);
    return Promise.resolve();
  });
  let grants: readonly AwardedGrant[];
  try {
    grants = collector.result();
  } catch (error) {
    throw new CliError(`cannot export ${source.label}: ${oneLine(error)}`);
  }
  if (grants.length === 0) throw new CliError(`no awarded grants in ${source.label}: a 360Giving package needs at least one`);
  await sink.write(`${JSON.stringify(threeSixtyGivingPackage(grants), null, 2)}\n`);
  return grants.length;
};

const WRITERS = { ndjson: [writeNdjson, "events"], csv: [writeCsv, "grants"], "360giving": [writeThreeSixtyGiving, "awarded grants"] } as const;

/**
 * `grantledger export`: the history as NDJSON (the exchange format `import` reads), the grant
 * register as CSV, or the awarded grants as a 360Giving package, to stdout or `--out`; as known
 * at `--known-at`/`--at-position` (NDJSON: a prefix of the history, which verifies), and for CSV and
 * 360Giving as in effect on `--in-effect-on`; or the views of `totals` as an xlsx workbook
 * (`--out` only, within `--round`, `--scheme`, `--county`, at both times).
 */
export const exportCommand = async (options: ExportOptions, output: Output): Promise<number> => {
  const { format } = options;
  if (format === "xlsx") return writeXlsx(options, output);
  const [given] = filtersGiven(filterOf(options));
  if (given !== undefined) throw usageError(`--${given} applies to --format xlsx only, not ${format} (which exports the whole history or register)`);
  const limits = asOfFromOptions(options);
  if (format === "ndjson" && limits.inEffectOn !== undefined) {
    throw usageError(
      "--in-effect-on picks events by business date, and a history missing some of its events no longer verifies: export NDJSON with --known-at or --at-position, or use --format csv or 360giving",
    );
  }
  return withSource(options, async (source) => {
    const [write, unit] = WRITERS[format];
    const sink = await openTextSink(options.out);
    let count: number;
    try {
      count = await write(source, sink, limits);
      await sink.close();
    } catch (error) {
      await sink.abort();
      if (error instanceof StoreFailure) throw new CliError(`cannot read ${source.label}: ${describeStoreError(error.error)}`);
      throw error;
    }
    if (options.out !== undefined) output.err(`wrote ${formatCount(count)} ${unit} to ${options.out}`);
    return EXIT_OK;
  });
};
