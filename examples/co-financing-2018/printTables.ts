import { formatMoney, unsafeMoney, type BenefitCategory } from "@grantledger/core";
import type { BenefitFigure, GrantRegisterRow } from "@grantledger/projections";
import { formatFigure, formatTenths, planStatus, realisedTenths } from "./benefitFigures.js";
import { describeRefusal } from "./describeRefusal.js";
import { plainErrorFields } from "./plainErrorFields.js";
import { PROVENANCE_NOTE } from "./provenance.js";
import type { CoFinancingReport } from "./report.js";
import { renderTable, type Column } from "./textTable.js";

const money = (ore: number): string => formatMoney(unsafeMoney(ore));
const sum = <R>(rows: readonly R[], pick: (row: R) => number): number => rows.reduce((acc, row) => acc + pick(row), 0);

const CATEGORY_LABELS: Readonly<Record<BenefitCategory, string>> = {
  "cost-saving": "cost saving",
  "time-saving": "time saving",
  quality: "quality",
  "other-parties": "other parties",
};

const budgetTable = (report: CoFinancingReport): string[] => {
  const { round } = report;
  return renderTable<readonly [string, string]>(
    [
      { header: "Round budget", align: "left", cell: ([label]) => label },
      { header: "", align: "right", cell: ([, value]) => value },
    ],
    [
      ["Budget", money(round.budget)],
      ["Committed", money(round.committed)],
      ["Disbursed", money(round.disbursed)],
      ["Remaining", money(round.remaining)],
      ["Applications recorded", String(round.applications)],
      ["Awarded", String(round.awarded)],
      ["Rejected", String(round.rejected)],
      ["Refused by the ledger (not recorded)", String(report.refusals.length)],
    ],
  );
};

// The grant's share of the project cost, one decimal, for awarded grants.
const shareOfCost = (grant: GrantRegisterRow): string =>
  grant.status === "awarded" ? formatTenths(realisedTenths(grant.totalCost, grant.awarded)) : "";

const applicationsTable = (grants: readonly GrantRegisterRow[]): string[] =>
  renderTable<GrantRegisterRow>(
    [
      { header: "Applicant", align: "left", cell: (g) => g.applicant.name },
      { header: "Org no", align: "left", cell: (g) => g.applicant.orgNo },
      { header: "Status", align: "left", cell: (g) => g.status },
      { header: "Score", align: "right", cell: (g) => (g.score === undefined ? "" : String(g.score)) },
      { header: "Project cost", align: "right", cell: (g) => money(g.totalCost) },
      { header: "Requested", align: "right", cell: (g) => money(g.requested) },
      { header: "Awarded", align: "right", cell: (g) => money(g.awarded) },
      { header: "Share of cost", align: "right", cell: shareOfCost },
      { header: "Disbursed", align: "right", cell: (g) => money(g.disbursed) },
    ],
    grants,
    [`${grants.length} applications`, "", "", "", money(sum(grants, (g) => g.totalCost)), money(sum(grants, (g) => g.requested)),
      money(sum(grants, (g) => g.awarded)), "", money(sum(grants, (g) => g.disbursed))],
  );

const refusalLines = (report: CoFinancingReport): string[] =>
  report.refusals.flatMap(({ step, error }) => [
    `${step.command.type} "${step.key}" (${step.actor}, ${step.at.slice(0, 10)})`,
    `  ${error._tag} ${JSON.stringify(plainErrorFields(error))}`,
    `  = ${describeRefusal(error)}`,
  ]);

/** A row of a planned-against-reported table; `label` names the project on its first row only. */
interface FigureRow extends BenefitFigure {
  readonly label: string;
}

const figureColumns: readonly Column<FigureRow>[] = [
  { header: "Category", align: "left", cell: (r) => CATEGORY_LABELS[r.category] },
  { header: "Unit", align: "left", cell: (r) => r.unit },
  { header: "Planned", align: "right", cell: (r) => formatFigure(r.unit, r.planned) },
  { header: "Reported", align: "right", cell: (r) => formatFigure(r.unit, r.reported) },
  { header: "Realised", align: "right", cell: (r) => formatTenths(realisedTenths(r.planned, r.reported)) },
  { header: "Status", align: "left", cell: (r) => planStatus(r.planned, r.reported) },
];

const perProjectTable = (report: CoFinancingReport): string[] => {
  const applicantOf = new Map(report.grants.map((grant) => [grant.grantId, grant.applicant.name]));
  const rows = report.benefitsByProject.flatMap((project) =>
    project.figures.map((figure, index) => ({ ...figure, label: index === 0 ? (applicantOf.get(project.grantId) ?? project.grantId) : "" })),
  );
  return renderTable<FigureRow>([{ header: "Project (applicant)", align: "left", cell: (r) => r.label }, ...figureColumns], rows);
};

const perCategoryTable = (report: CoFinancingReport): string[] =>
  renderTable<FigureRow>(figureColumns, report.benefitsByCategory.map((figure) => ({ ...figure, label: "" })));

/** The whole text report: provenance, budget, applications, refusals, and benefits per project and per category. */
export const renderReport = (report: CoFinancingReport): string => {
  const rejected = report.grants.filter((grant) => grant.status === "rejected");
  return [
    `${report.round.name} (${report.round.roundId})`,
    "",
    ...PROVENANCE_NOTE,
    "",
    ...budgetTable(report),
    "",
    "Applications (grant register; money in NOK):",
    ...applicationsTable(report.grants),
    "",
    "Rejected by Difi, with reasons:",
    ...rejected.map((grant) => `  ${grant.applicant.name}: ${grant.rejectionReason ?? ""}`),
    "",
    "Refused by the ledger (typed errors; nothing was recorded):",
    ...refusalLines(report).map((line) => `  ${line}`),
    "",
    "Benefits per project: planned in the benefits plan against reported for 2018-2020:",
    ...perProjectTable(report),
    "",
    "Benefits per category, all projects:",
    ...perCategoryTable(report),
  ].join("\n");
};
