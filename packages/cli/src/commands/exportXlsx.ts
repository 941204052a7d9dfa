import * as E from "fp-ts/lib/Either.js";
import { describeExplainError, describeProjectionError, explainFigures, projectAsOf, type FigureQuery } from "@grantledger/projections";
import { explanationsSheet } from "../exports/explanationsSheet.js";
import { CliError, EXIT_OK, usageError } from "../cliError.js";
import { sheetOf, writeXlsxWorkbook, type XlsxSheet } from "../exports/xlsxWorkbook.js";
import { formatCount } from "../output/formatCount.js";
import type { Output } from "../output/output.js";
import { asOfFromOptions, describeTimes, type TimeOptions } from "../store/asOfOptions.js";
import { withSource, type SourceOptions } from "../store/historySource.js";
import { foldTogether } from "../totals/foldTogether.js";
import { describeFilter, filterOf, filtersGiven, type FilterOptions } from "../totals/totalsFilter.js";
import { VIEW_PROJECTIONS, withTotalsView, type TotalsBy, type TotalsView } from "../totals/totalsViews.js";

/** The options `export --format xlsx` reads. */
export interface XlsxOptions extends SourceOptions, TimeOptions, FilterOptions {
  readonly out?: string;
}

/** The workbook's sheets of views, in order: each the rows of `totals --by` its view. */
export const XLSX_VIEW_SHEETS: readonly (readonly [TotalsBy, string])[] = [
  ["municipality", "Municipalities"],
  ["round", "Rounds"],
  ["grant", "Grants"],
  ["payee", "Payees"],
];

/**
 * `export --format xlsx --out FILE`: the views of `totals` (municipalities and the other
 * participants, rounds, grants, payees), each a sheet, within the filters, from one pass over
 * the history as known at `--known-at`/`--at-position` and in effect on `--in-effect-on`. A view a filter does not apply to (rounds, with `--county`) is left out, and
 * stderr says so; a filter naming what the history does not hold gives empty sheets and a note.
 */
export const writeXlsx = async (options: XlsxOptions, output: Output): Promise<number> => {
  const file = options.out;
  if (file === undefined) throw usageError("--format xlsx writes a binary workbook: give --out FILE (it is never written to stdout)");
  const filter = filterOf(options);
  const limits = asOfFromOptions(options);
  return withSource(options, async (source) => {
    const folded = await projectAsOf(source.store, foldTogether("xlsx-views", VIEW_PROJECTIONS), limits)();
    if (E.isLeft(folded)) throw new CliError(`cannot export ${source.label}: ${describeProjectionError(folded.left)}`);
    const { state: states, position } = folded.right;
    const sheets: XlsxSheet[] = [];
    const unknown = new Set<string>();
    const queries: FigureQuery[] = [];
    for (const [by, name] of XLSX_VIEW_SHEETS) {
      withTotalsView(by, <S, R>(view: TotalsView<S, R>) => {
        const refused = filtersGiven(filter).find((given) => !view.filters.includes(given));
        if (refused !== undefined) {
          output.err(`note: no ${name} sheet: --${refused} does not apply to --by ${by}`);
          return;
        }
        const state = view.fromStates(states);
        for (const what of view.unknown(state, filter)) unknown.add(what);
        const rows = view.rows(state, filter);
        sheets.push(sheetOf(name, view.columns, rows));
        queries.push(...(view.queries?.(rows, filter) ?? []));
      });
    }
    // A second pass, for every figure of the municipality and round sheets at once.
    const explained = await explainFigures(source.store, queries, limits)();
    if (E.isLeft(explained)) throw new CliError(`cannot explain the figures of ${source.label}: ${describeExplainError(explained.left)}`);
    sheets.push(explanationsSheet(explained.right));
    const when = position === undefined ? "before the first event" : `as of position ${position}`;
    for (const what of unknown) output.err(`note: no ${what} in ${source.label} ${when}: nothing to total`);
    sheets.push({
      name: "About",
      headers: ["What", "Value"],
      kinds: ["text", "text"],
      rows: [
        ["Source", source.label],
        ["As of", describeTimes(limits, position)],
        ["Filters", filtersGiven(filter).length === 0 ? "none" : describeFilter(filter)],
        ["Amounts", "NOK (øre / 100), exact to the øre"],
      ],
    });
    const rows = await writeXlsxWorkbook(file, sheets);
    output.err(`wrote ${formatCount(rows)} rows in ${formatCount(sheets.length)} sheets to ${file}`);
    return EXIT_OK;
  });
};
