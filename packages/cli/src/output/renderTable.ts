import { csvCell, tableCell, type Column } from "./columns.js";

/**
 * Rows as an aligned plain-text table: text left, numbers and money right, a rule under the
 * headings, and an optional footer row (totals) under a second rule.
 */
export const renderTable = <R>(columns: readonly Column<R>[], rows: readonly R[], footer?: readonly string[]): string[] => {
  const cells = rows.map((row) => columns.map((column) => tableCell(column.kind, column.value(row))));
  const all = [columns.map((column) => column.header), ...cells, ...(footer === undefined ? [] : [footer])];
  const widths = columns.map((_, index) => Math.max(...all.map((line) => [...(line[index] ?? "")].length)));
  const pad = (text: string, index: number): string => {
    const fill = " ".repeat((widths[index] ?? 0) - [...text].length);
    return columns[index]?.kind === "text" ? text + fill : fill + text;
  };
  const line = (values: readonly string[]): string => values.map((value, index) => pad(value, index)).join("  ").trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const lines = [line(all[0] ?? []), rule, ...cells.map(line)];
  if (footer !== undefined) lines.push(rule, line(footer));
  return lines;
};

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Rows as RFC 4180 CSV lines, the heading line first; money as decimal NOK. */
export const renderCsv = <R>(columns: readonly Column<R>[], rows: readonly R[]): string[] => [
  columns.map((column) => csvField(column.csvHeader)).join(","),
  ...rows.map((row) => columns.map((column) => csvField(csvCell(column.kind, column.value(row)))).join(",")),
];
