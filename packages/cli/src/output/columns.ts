import { formatMoney } from "@grantledger/core";
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
export const nokDecimal = (ore: number | bigint): string => {
  const exact = BigInt(ore);
  const abs = exact < 0n ? -exact : exact;
  return `${exact < 0n ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
};

/** A value as a table shows it: money the Norwegian way (`1 234,50 kr`), counts grouped. */
export const tableCell = (kind: ColumnKind, value: string | number | bigint | undefined): string => {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (kind === "money") return formatMoney(BigInt(value));
  return kind === "count" ? formatCount(value) : String(value);
};

/** A value as CSV holds it: money as decimal NOK, numbers plain. */
export const csvCell = (kind: ColumnKind, value: string | number | bigint | undefined): string => {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return kind === "money" ? nokDecimal(value) : String(value);
};
