import * as E from "fp-ts/lib/Either.js";
import { describeProjectionError, projectAsOf } from "@grantledger/projections";
import { CliError, EXIT_OK, usageError } from "../cliError.js";
import type { Column } from "../output/columns.js";
import { tableCell } from "../output/columns.js";
import type { Output } from "../output/output.js";
import { renderCsv, renderTable } from "../output/renderTable.js";
import { asOfFromOptions, describeTimes, type TimeOptions } from "../store/asOfOptions.js";
import { withSource, type SourceOptions } from "../store/historySource.js";
import { describeFilter, filterJson, filterOf, filtersGiven, type FilterOptions, type TotalsFilter } from "../totals/totalsFilter.js";
import { TOTALS_BY, withTotalsView, type TotalsBy, type TotalsView } from "../totals/totalsViews.js";

export interface TotalsOptions extends SourceOptions, TimeOptions, FilterOptions {
  readonly by: TotalsBy;
  readonly format: "table" | "json" | "csv";
}

/** JSON with bigints as integers (positions), which `JSON.stringify` refuses by default. */
const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v), 2);

const footerOf = <R>(columns: readonly Column<R>[], summed: readonly string[], rows: readonly R[]): string[] =>
  columns.map((column, index) => {
    if (index === 0) return "Total";
    if (!summed.includes(column.csvHeader)) return "";
    // Exact at any size: a total over many rounds can pass 2^53 - 1 øre, where a number loses øre.
    const sum = rows.reduce((total, row) => total + BigInt(column.value(row) ?? 0), 0n);
    return tableCell(column.kind, sum);
  });

/** Refuses a filter that means nothing for the view (`--county` on rounds), naming the views it does apply to. */
export const checkFiltersApply = <S, R>(view: TotalsView<S, R>, by: TotalsBy, filter: TotalsFilter): void => {
  for (const name of filtersGiven(filter)) {
    if (!view.filters.includes(name)) {
      const views = TOTALS_BY.filter((other) => withTotalsView(other, (each) => each.filters.includes(name)));
      throw usageError(`--${name} does not apply to --by ${by}: a ${by} has no ${name} (--${name} applies to --by ${views.join(", ")})`);
    }
  }
};

/**
 * `grantledger totals --by municipality|round|grant|payee`: folds the history (what was known
 * at `--known-at` or `--at-position`, in effect on `--in-effect-on`) through the projection for
 * the view and prints its rows, within the filters `--round`, `--scheme` and `--county`. A
 * filter naming what the folded history does not hold gives no rows and a note on stderr.
 */
export const totalsCommand = async (options: TotalsOptions, output: Output): Promise<number> => {
  const filter = filterOf(options);
  const limits = asOfFromOptions(options);
  return withSource(options, (source) =>
    withTotalsView(options.by, async <S, R>(view: TotalsView<S, R>) => {
      checkFiltersApply(view, options.by, filter);
      const folded = await projectAsOf(source.store, view.projection(filter), limits)();
      if (E.isLeft(folded)) throw new CliError(`cannot total ${source.label}: ${describeProjectionError(folded.left)}`);
      const rows = view.rows(folded.right.state, filter);
      const position = folded.right.position;
      const when = position === undefined ? "before the first event" : `as of position ${position}`;
      const notes = view.unknown(folded.right.state, filter).map((what) => `no ${what} in ${source.label} ${when}: nothing to total`);
      for (const note of notes) output.err(`note: ${note}`);
      const filtered = filtersGiven(filter).length === 0 ? {} : { filters: filterJson(filter) };
      if (options.format === "json") {
        output.out(toJson({ by: options.by, source: source.label, asOf: { position: position ?? null, ...limits }, ...filtered, amountsIn: "øre", ...(notes.length === 0 ? {} : { notes }), rows }));
      } else if (options.format === "csv") {
        for (const line of renderCsv(view.columns, rows)) output.out(line);
      } else {
        const within = filtersGiven(filter).length === 0 ? "" : `; ${describeFilter(filter)}`;
        output.out(`Totals by ${options.by} in ${source.label}, ${describeTimes(limits, position)}${within}`);
        output.out("");
        for (const line of renderTable(view.columns, rows, footerOf(view.columns, view.summed, rows))) output.out(line);
      }
      return EXIT_OK;
    }),
  );
};
