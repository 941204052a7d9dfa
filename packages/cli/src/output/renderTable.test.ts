import { describe, expect, it } from "vitest";
import { nokDecimal, type Column } from "./columns.js";
import { renderCsv, renderTable } from "./renderTable.js";

interface Row {
  readonly name: string;
  readonly amount: number;
  readonly count: number;
}

const columns: readonly Column<Row>[] = [
  { header: "Name", csvHeader: "name", kind: "text", value: (r) => r.name },
  { header: "Amount", csvHeader: "amount_nok", kind: "money", value: (r) => r.amount },
  { header: "Count", csvHeader: "count", kind: "count", value: (r) => r.count },
];
const rows: readonly Row[] = [
  { name: "Bergen", amount: 330000050, count: 1234 },
  { name: 'Askøy, "vest"', amount: -5, count: 0 },
];

describe("tables and CSV", () => {
  it("formats øre as decimal NOK exactly, negatives included", () => {
    expect([nokDecimal(0), nokDecimal(5), nokDecimal(330000050), nokDecimal(-5), nokDecimal(-12345)]).toEqual(["0.00", "0.05", "3300000.50", "-0.05", "-123.45"]);
  });

  it("aligns text left and figures right, money the Norwegian way, with a footer", () => {
    expect(renderTable(columns, rows, ["Total", "", ""])).toEqual([
      "Name                    Amount  Count",
      "-------------  ---------------  -----",
      "Bergen         3 300 000,50 kr  1 234",
      'Askøy, "vest"         -0,05 kr      0',
      "-------------  ---------------  -----",
      "Total",
    ]);
  });

  it("quotes CSV fields that need it (RFC 4180)", () => {
    expect(renderCsv(columns, rows)).toEqual(["name,amount_nok,count", "Bergen,3300000.50,1234", '"Askøy, ""vest""",-0.05,0']);
  });
});
