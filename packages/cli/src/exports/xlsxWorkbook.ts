import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import ExcelJS from "exceljs";
import { CliError, oneLine } from "../cliError.js";
import type { Column, ColumnKind } from "../output/columns.js";

/** The number format of money cells: NOK with two decimals and grouped thousands (`1 234 567,89 kr` in a Norwegian Excel). */
export const NOK_FORMAT = '#,##0.00 "kr"';
/** The number format of count cells: grouped thousands. */
export const COUNT_FORMAT = "#,##0";

/** A cell's value before it is written: money in øre, counts, text. */
export type SheetValue = string | number | undefined;

/** One sheet: its name, a header row, each column's kind, and the rows (money in øre). */
export interface XlsxSheet {
  readonly name: string;
  readonly headers: readonly string[];
  readonly kinds: readonly ColumnKind[];
  readonly rows: Iterable<readonly SheetValue[]>;
}

/** A sheet of a view's rows under its columns, as the table of `totals` shows them. */
export const sheetOf = <R>(name: string, columns: readonly Column<R>[], rows: readonly R[]): XlsxSheet => ({
  name,
  headers: columns.map((column) => column.header),
  kinds: columns.map((column) => column.kind),
  rows: rows.map((row) => columns.map((column) => column.value(row))),
});

// Øre as NOK, the unit a spreadsheet user sums: exact to the øre when read back and rounded to
// two decimals (every figure of a read model is a safe integer, well inside a double's 15 digits
// for any sum a round holds).
const cellValue = (kind: ColumnKind, value: SheetValue): string | number | null => {
  if (value === undefined) return null;
  if (typeof value === "string") return value;
  return kind === "money" ? value / 100 : value;
};

const WIDTH: Readonly<Record<ColumnKind, number>> = { text: 14, count: 10, money: 18 };

const addSheet = (workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: XlsxSheet): void => {
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  worksheet.columns = sheet.headers.map((header, index) => {
    const kind = sheet.kinds[index] ?? "text";
    const numFmt = kind === "money" ? NOK_FORMAT : kind === "count" ? COUNT_FORMAT : undefined;
    return { header, width: Math.max(WIDTH[kind], Math.min(40, header.length + 2)), ...(numFmt === undefined ? {} : { style: { numFmt } }) };
  });
  worksheet.getRow(1).font = { bold: true };
  worksheet.getRow(1).commit();
  for (const values of sheet.rows) {
    const row = worksheet.addRow(values.map((value, index) => cellValue(sheet.kinds[index] ?? "text", value)));
    row.commit();
  }
  worksheet.commit();
};

/**
 * Writes the sheets, in order, as one xlsx workbook to `file` by way of `file.partial`, renamed
 * when complete: a workbook that fails half-way leaves no file (and the previous one, if any, as
 * it was). Rows are streamed out sheet by sheet (ExcelJS's streaming writer), so the workbook is
 * never held whole. Returns how many rows were written.
 */
export const writeXlsxWorkbook = async (file: string, sheets: readonly XlsxSheet[]): Promise<number> => {
  const partial = `${file}.partial`;
  const stream = createWriteStream(partial);
  try {
    await once(stream, "open");
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${oneLine(error)}`);
  }
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
    workbook.creator = "grantledger";
    let rows = 0;
    for (const sheet of sheets) {
      const counted: XlsxSheet = { ...sheet, rows: countRows(sheet.rows, () => (rows += 1)) };
      addSheet(workbook, counted);
    }
    await workbook.commit();
    await rename(partial, file);
    return rows;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error instanceof CliError ? error : new CliError(`cannot write ${file}: ${oneLine(error)}`);
  }
};

function* countRows(rows: Iterable<readonly SheetValue[]>, counted: () => void): Iterable<readonly SheetValue[]> {
  for (const row of rows) {
    counted();
    yield row;
  }
}
