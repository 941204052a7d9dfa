/** A column of a text table: its header, alignment, and how a row fills it. */
export interface Column<R> {
  readonly header: string;
  readonly align: "left" | "right";
  readonly cell: (row: R) => string;
}

const pad = (text: string, width: number, align: "left" | "right"): string =>
  align === "left" ? text.padEnd(width) : text.padStart(width);

/**
 * Rows under a header and a rule, each column as wide as its widest cell, and an optional total
 * row below a second rule. Returns the lines, so that callers can indent or join them.
 */
export const renderTable = <R>(columns: readonly Column<R>[], rows: readonly R[], total?: readonly string[]): string[] => {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const headers = columns.map((column) => column.header);
  const all = [headers, ...cells, ...(total === undefined ? [] : [total])];
  const widths = columns.map((_, i) => Math.max(...all.map((line) => (line[i] ?? "").length)));
  const line = (values: readonly string[]): string =>
    columns.map((column, i) => pad(values[i] ?? "", widths[i] ?? 0, column.align)).join("  ").trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(headers), rule, ...cells.map(line), ...(total === undefined ? [] : [rule, line(total)])];
};
