import type { ResultRow } from "./workload.js";

const COLUMNS = ["workload", "ours", "peer (or floor)", "unit", "ratio", "target", "met"] as const;

/** A figure as a person reads it: thousands grouped, one decimal only where it matters. */
export const formatFigure = (value: number | null): string => {
  if (value === null) return "-";
  return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
};

const formatRatio = (ratio: number | null): string => (ratio === null ? "-" : `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}x`);
const formatMet = (met: boolean | null): string => (met === null ? "skipped" : met ? "yes" : "no");

const cells = (row: ResultRow): readonly string[] => [
  row.name,
  formatFigure(row.ours),
  row.peer === null ? "-" : `${formatFigure(row.peer)} (${row.peerLabel})`,
  row.unit,
  formatRatio(row.ratio),
  row.target,
  formatMet(row.met),
];

/** The rows as a Markdown table, which reads as well on a terminal as in the README. */
export const renderTable = (rows: readonly ResultRow[]): string => {
  const body = rows.map(cells);
  const widths = COLUMNS.map((title, column) => Math.max(title.length, ...body.map((line) => (line[column] ?? "").length)));
  const line = (values: readonly string[]): string =>
    `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(COLUMNS), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
};

/** The notes under the table: one per row that has one. */
export const renderNotes = (rows: readonly ResultRow[]): string =>
  rows
    .filter((row) => row.note !== undefined)
    .map((row) => `- ${row.name}: ${row.note ?? ""}`)
    .join("\n");
