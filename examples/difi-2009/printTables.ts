import { formatMoney, unsafeMoney } from "@grantledger/core";
import { countyName2009 } from "./data/counties2009.js";
import type { DemoReport } from "./report.js";

/** A column of a text table: its header, alignment, and how a row fills it. */
interface Column<R> {
  readonly header: string;
  readonly align: "left" | "right";
  readonly cell: (row: R) => string;
}

const pad = (text: string, width: number, align: "left" | "right"): string =>
  align === "left" ? text.padEnd(width) : text.padStart(width);

/** Rows under a header and a rule, columns as wide as their widest cell; an optional total row below a second rule. */
export const renderTable = <R>(columns: readonly Column<R>[], rows: readonly R[], total?: readonly string[]): string[] => {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const all = [columns.map((column) => column.header), ...cells, ...(total === undefined ? [] : [total])];
  const widths = columns.map((_, i) => Math.max(...all.map((line) => (line[i] ?? "").length)));
  const line = (values: readonly string[]): string =>
    columns.map((column, i) => pad(values[i] ?? "", widths[i] ?? 0, column.align)).join("  ").trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(columns.map((column) => column.header)), rule, ...cells.map(line), ...(total === undefined ? [] : [rule, line(total)])];
};

const money = (ore: number): string => formatMoney(unsafeMoney(ore));
const sum = <R>(rows: readonly R[], pick: (row: R) => number): number => rows.reduce((acc, row) => acc + pick(row), 0);

type MunicipalityRow = DemoReport["municipalities"][number];
type OtherRow = DemoReport["others"][number];

const KIND_LABELS: Readonly<Record<OtherRow["kind"], string>> = {
  county: "county municipality",
  "county-governor": "county governor",
  "state-agency": "state agency",
  other: "other",
};

const amountColumns = <R extends { projects: number; requested: number; awarded: number; disbursed: number }>(): Column<R>[] => [
  { header: "Projects", align: "right", cell: (row) => String(row.projects) },
  { header: "Requested", align: "right", cell: (row) => money(row.requested) },
  { header: "Awarded", align: "right", cell: (row) => money(row.awarded) },
  { header: "Disbursed", align: "right", cell: (row) => money(row.disbursed) },
];

const totalsOf = (rows: readonly { requested: number; awarded: number; disbursed: number }[]): string[] => [
  money(sum(rows, (row) => row.requested)),
  money(sum(rows, (row) => row.awarded)),
  money(sum(rows, (row) => row.disbursed)),
];

const municipalityTable = (rows: readonly MunicipalityRow[]): string[] =>
  renderTable<MunicipalityRow>(
    [
      { header: "No", align: "left", cell: (row) => row.municipalityNo },
      { header: "Municipality", align: "left", cell: (row) => row.name },
      { header: "County", align: "left", cell: (row) => countyName2009(row.countyNo) },
      ...amountColumns<MunicipalityRow>(),
    ],
    rows,
    [`${rows.length}`, "municipalities", "", "", ...totalsOf(rows)],
  );

const othersTable = (rows: readonly OtherRow[]): string[] =>
  renderTable<OtherRow>(
    [
      { header: "Kind", align: "left", cell: (row) => KIND_LABELS[row.kind] },
      { header: "Id", align: "left", cell: (row) => row.id },
      { header: "Name", align: "left", cell: (row) => row.name },
      ...amountColumns<OtherRow>(),
    ],
    rows,
    [`${rows.length} others`, "", "", "", ...totalsOf(rows)],
  );

const budgetTable = (round: DemoReport["round"]): string[] =>
  renderTable<readonly [string, string]>(
    [
      { header: "Round budget", align: "left", cell: ([label]) => label },
      { header: "", align: "right", cell: ([, value]) => value },
    ],
    [
      ["Budget", money(round.budget)],
      ["Committed", money(round.committed)],
      ["Disbursed", money(round.disbursed)],
      ["Remaining", money(round.remaining)],
      ["Applications", String(round.applications)],
      ["Awarded", String(round.awarded)],
      ["Rejected", String(round.rejected)],
      ["Pending", String(round.pending)],
    ],
  );

const roundsTable = (rounds: DemoReport["rounds"]): string[] =>
  renderTable<DemoReport["rounds"][number]>(
    [
      { header: "Round", align: "left", cell: (row) => row.roundId },
      { header: "Opened with", align: "right", cell: (row) => money(row.openedBudget) },
      { header: "Carried in", align: "right", cell: (row) => money(row.carriedIn) },
      { header: "Carried over", align: "right", cell: (row) => money(row.carriedOver) },
      { header: "Budget", align: "right", cell: (row) => money(row.budget) },
      { header: "Committed", align: "right", cell: (row) => money(row.committed) },
      { header: "Released", align: "right", cell: (row) => money(row.released) },
      { header: "Paid net", align: "right", cell: (row) => money(row.disbursed) },
      { header: "Reversed", align: "right", cell: (row) => money(row.reversed) },
      { header: "Repaid", align: "right", cell: (row) => money(row.repaid) },
      { header: "Remaining", align: "right", cell: (row) => money(row.remaining) },
    ],
    rounds,
  );

/** Said on every run, so nobody takes the illustrative figures for Difi's. */
export const PROVENANCE_NOTE = [
  "From Difi's public announcement: 20 000 000 NOK from the government's crisis package to 52 projects,",
  "  involving 145 municipalities, six county municipalities, five county governors and Statens kartverk;",
  "  municipalities cover 80 % (the grant at most 20 %); Difi pays in 2009-2011; reasoned rejections.",
  "From the project brief: the largest grant, eBygg, 3 300 000 NOK for 33 municipalities.",
  "Illustrative: every other project, who takes part in which, all other amounts, dates, scores, payments",
  "  and benefits, and the organisation numbers except Oslo, Bergen, Statens kartverk and Difi (see README).",
  "Municipality numbers and names are the real ones of 2009.",
];

/** The whole text report: provenance, municipalities, others, the round's budget, and the check that ties them. */
export const renderReport = (report: DemoReport): string => {
  const { round, municipalities, others, rounds } = report;
  const spread = sum(municipalities, (row) => row.awarded) + sum(others, (row) => row.awarded);
  return [
    `${round.name} (${round.roundId})`,
    "",
    ...PROVENANCE_NOTE,
    "",
    "Per municipality (projects and requested count every application, rejected ones too):",
    ...municipalityTable(municipalities),
    "",
    "Other participants:",
    ...othersTable(others),
    "",
    ...budgetTable(round),
    "",
    "Every round of the scheme, net of amendments, reversals, repayments, closings and carry-overs:",
    ...roundsTable(rounds),
    "",
    `Awarded over municipalities and others: ${money(spread)} = committed ${money(round.committed)}: ${spread === round.committed ? "exact" : "MISMATCH"}`,
  ].join("\n");
};
