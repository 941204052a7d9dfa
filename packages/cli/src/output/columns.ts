import { formatMoney, type Money } from "@grantledger/core";
import { formatCount } from "./formatCount.js";

/** How a column's values are written: text as it is, counts grouped, money in NOK. */
export type ColumnKind = "text" | "count" | "money";

/** One column of a table or CSV file. Money values are øre. */
export interface Column<R> {
  /** The heading in a table. */
  readonly header: string;
  /** The heading in CSV: lower case, no spaces, with the unit (`awarded_nok`). */
  readonly csvHeader: string;
  readonly kind: ColumnKind;
  readonly value: (row: R) => string | number | undefined;
}

/** Øre as a decimal NOK figure with a dot (`3300000.50`), exact: formatted from the integer, never through a float. */
export const nokDecimal = (ore: number): string => {
  const sign = ore < 0 ? "-" : "";
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};

/** A value as a table shows it: money the Norwegian way (`1 234,50 kr`), counts grouped. */
export const tableCell = (kind: ColumnKind, value: string | number | undefined): string => {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (kind === "money") return value < 0 ? `-${formatMoney(-value as Money)}` : formatMoney(value as Money);
  return kind === "count" ? formatCount(value) : String(value);
};

/** A value as CSV holds it: money as decimal NOK, numbers plain. */
export const csvCell = (kind: ColumnKind, value: string | number | undefined): string => {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return kind === "money" ? nokDecimal(value) : String(value);
};
