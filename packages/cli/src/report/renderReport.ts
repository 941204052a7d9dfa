import type { VerifiedSeal } from "@grantledger/core";
import type { GrantRegisterRow } from "@grantledger/projections";
import { el, join, type Html, type Piece } from "./html.js";
import type { ExplainedFigure } from "./explanationLines.js";
import type { LinkedFigure } from "./figureLinks.js";
import type { IntegrityFindings } from "./integrity.js";
import { norwegianDate, norwegianMoney, norwegianPercent } from "./norwegianFormat.js";
import type { ReportModel, ShownFigure } from "./reportModel.js";

/** The charts, already drawn as SVG markup. */
export interface ReportCharts {
  readonly budget: Html;
  readonly payments: Html;
  readonly counties: Html;
}

/** Where the report's figures come from and when it was made. */
export interface ReportMeta {
  /** The store or file read, as the CLI names it. */
  readonly source: string;
  /** When the report was written (an instant). */
  readonly writtenAt: string;
  /** What the figures are as of, in words (`everything recorded`, `known at …`). */
  readonly asOf: string;
  /** The last global position read, if any. */
  readonly position: bigint | undefined;
}

/**
 * The page's policy: nothing may be fetched or run. No script runs, no font, image, frame or
 * style sheet loads from anywhere; only the inline style block (and the SVG's own attributes).
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light; --ink: #1d2733; --muted: #5b6773; --line: #d5dbe1; --accent: #3b6ea8; --ok: #2a7f62; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; color: var(--ink); background: #f6f7f9; }
header { background: #1d3557; color: #fff; padding: 18px 32px 14px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; color: #cfd8e3; font-size: 13px; }
main { max-width: 1160px; margin: 0 auto; padding: 16px 32px 48px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 20px; margin: 14px 0; overflow-x: auto; }
h2 { font-size: 18px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
a { color: var(--accent); }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 0; }
.figures div { border-left: 4px solid var(--accent); padding: 4px 12px; }
.figures dt { color: var(--muted); font-size: 13px; }
.figures dd { margin: 0; font-size: 22px; font-weight: 600; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f4; font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.status-intact { color: var(--ok); font-weight: 600; }
.status-broken, .status-empty { color: var(--bad); font-weight: 600; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; word-break: break-all; }
.note { color: var(--muted); font-size: 13px; }
.chart svg { max-width: 100%; height: auto; }
.explanation { border-top: 1px solid var(--line); padding-top: 8px; margin-top: 12px; }
.explanation:target { background: #fff8dc; }
`;

const money = (figure: ShownFigure): Html => el("a", { href: figure.link }, norwegianMoney(figure.ore));
const cell = (piece: Piece, numeric = false): Html => el("td", numeric ? { class: "n" } : {}, piece);
const head = (label: string, numeric = false): Html => el("th", numeric ? { class: "n" } : {}, label);
const table = (headers: readonly Html[], rows: readonly Html[]): Html => el("table", {}, el("thead", {}, el("tr", {}, headers)), el("tbody", {}, rows));

const figuresBlock = (model: ReportModel): Html =>
  el(
    "dl",
    { class: "figures" },
    el("div", {}, el("dt", {}, "Budget"), el("dd", { id: "total-budget" }, money(model.totals.budget))),
    el("div", {}, el("dt", {}, "Committed (bundet)"), el("dd", { id: "total-committed" }, money(model.totals.committed))),
    el("div", {}, el("dt", {}, "Disbursed (utbetalt)"), el("dd", { id: "total-disbursed" }, money(model.totals.disbursed))),
    el("div", {}, el("dt", {}, "Remaining (ledig)"), el("dd", { id: "total-remaining" }, norwegianMoney(model.totals.remaining))),
  );

const roundsTable = (model: ReportModel): Html =>
  table(
    [head("Round (utlysning)"), head("Name"), head("Funder"), head("Scheme (ordning)"), head("Budget", true), head("Committed", true), head("Disbursed", true), head("Grants awarded", true), head("Closed")],
    model.rounds.map((round) =>
      el(
        "tr",
        {},
        cell(el("code", {}, round.opened.roundId)),
        cell(round.opened.name),
        cell([round.opened.funder.name, " (", round.opened.funder.orgNo, ")"]),
        cell(round.opened.schemeId ?? "–"),
        cell(money(round.budget), true),
        cell(money(round.committed), true),
        cell(money(round.disbursed), true),
        cell(String(round.row.awarded), true),
        cell(round.row.closedAt === undefined ? "open" : norwegianDate(round.row.closedAt)),
      ),
    ),
  );

const countiesTable = (model: ReportModel): Html =>
  table(
    [head("County (fylke)"), head("Name"), head("Municipalities", true), head("Awarded (tildelt)", true), head("Disbursed (utbetalt)", true)],
    model.counties.map((county) => el("tr", {}, cell(county.countyNo), cell(county.name), cell(String(county.municipalities), true), cell(money(county.awarded), true), cell(money(county.disbursed), true))),
  );

const municipalitiesTable = (model: ReportModel): Html =>
  table(
    [head("No."), head("Municipality (kommune)"), head("County", true), head("Projects", true), head("Awarded (tildelt)", true), head("Disbursed (utbetalt)", true)],
    model.municipalities.map(({ row, awarded, disbursed }) =>
      el("tr", {}, cell(row.municipalityNo), cell(row.name), cell(row.countyNo, true), cell(String(row.projects), true), cell(money(awarded), true), cell(money(disbursed), true)),
    ),
  );

const applicant = (row: GrantRegisterRow): Piece => [row.applicant.name, " (", row.applicant.orgNo, ")"];

const grantsTable = (model: ReportModel): Html =>
  table(
    [head("Grant (tilskudd)"), head("Title"), head("Recipient (tilskuddsmottaker)"), head("Status"), head("Decided"), head("Awarded (tildelt)", true), head("Disbursed (utbetalt)", true)],
    model.largestGrants.map(({ row, awarded, disbursed }) =>
      el(
        "tr",
        {},
        cell(el("code", {}, row.grantId)),
        cell(row.title),
        cell(applicant(row)),
        cell(row.status),
        cell(row.decidedAt === undefined ? "" : norwegianDate(row.decidedAt)),
        cell(money(awarded), true),
        cell(money(disbursed), true),
      ),
    ),
  );

const sealRow = (seal: VerifiedSeal): Html =>
  el(
    "tr",
    {},
    cell(el("code", {}, `seal@${seal.revision}`)),
    cell(String(seal.version), true),
    cell(seal.covers.toString(), true),
    cell(seal.treeSize === undefined ? "–" : String(seal.treeSize), true),
    cell(el("code", {}, seal.root)),
    cell(seal.actor),
    cell(seal.signedBy === undefined ? "unsigned" : [el("code", {}, seal.signedBy.keyId), seal.signedBy.trusted ? " (trusted)" : " (not among --public-key)"]),
  );

const integritySection = (integrity: IntegrityFindings): Html =>
  el(
    "section",
    { id: "integrity" },
    el("h2", {}, "Integrity (what grantledger verify found)"),
    el("p", { class: "note" }, "Over the whole history read, whatever clocks the figures are as of: the same check as grantledger verify."),
    el("p", { class: `status-${integrity.status}`, id: "verify-summary" }, integrity.summary),
    integrity.guarantees.length === 0 ? undefined : el("ul", {}, integrity.guarantees.map((line) => el("li", { class: "mono" }, line))),
    integrity.seals.length === 0
      ? el("p", { class: "note" }, "No seal verified: only the hash chain protects this history.")
      : [el("h3", {}, "Seals"), table([head("Seal"), head("Version", true), head("Covers position", true), head("Events", true), head("Root"), head("Given by"), head("Signed by key")], integrity.seals.map(sealRow))],
  );

const signed = (ore: number): string => (ore > 0 ? `+${norwegianMoney(ore)}` : norwegianMoney(ore));

const explanationSection = (figure: LinkedFigure, explained: readonly ExplainedFigure[] | undefined): Html => {
  if (explained === undefined) {
    return el(
      "div",
      { class: "explanation", id: figure.anchor },
      el("h3", {}, [figure.title, ": ", norwegianMoney(figure.figure)]),
      el("p", { class: "note" }, "The events behind this figure are not listed: this report was written without an explainer."),
    );
  }
  const events = explained.flatMap((one) => one.events).sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const sum = explained.reduce((total, one) => total + one.figure, 0);
  return el(
    "div",
    { class: "explanation", id: figure.anchor },
    el("h3", {}, [figure.title, ": ", norwegianMoney(figure.figure)]),
    explained.length > 1 ? el("p", { class: "note" }, `The sum of ${explained.length} read-model figures, their events listed together.`) : undefined,
    events.length === 0
      ? el("p", { class: "note" }, "No event moved this figure.")
      : table(
          [head("Event"), head("Position", true), head("Type"), head("Business date"), head("Recorded"), head("Grant"), head("Event amount", true), head("Share", true), head("Exact share (øre)", true), head("Part", true), head("Rounding (øre)", true)],
          events.map((event) =>
            el(
              "tr",
              {},
              cell(el("code", {}, `${event.streamName}@${event.revision}`)),
              cell(event.position.toString(), true),
              cell(event.type),
              cell(event.businessTime === undefined ? "" : norwegianDate(event.businessTime)),
              cell(norwegianDate(event.recordedAt)),
              cell(event.grantId === undefined ? "" : el("code", {}, event.grantId)),
              cell(event.eventAmount === undefined ? "" : norwegianMoney(event.eventAmount), true),
              cell(event.shareBps === undefined ? "" : norwegianPercent(event.shareBps), true),
              cell(event.exactShare ?? "", true),
              cell(signed(event.part), true),
              cell(event.rounding === undefined ? "" : String(event.rounding), true),
            ),
          ),
        ),
    el("p", { class: "note" }, ["Parts sum to ", el("strong", {}, norwegianMoney(sum)), sum === figure.figure ? ", the figure shown." : ` — not the figure shown (${norwegianMoney(figure.figure)}).`]),
  );
};

/** The report's scope in a heading: the round's name, or the scheme and its rounds' names. */
const titleOf = (model: ReportModel): string => {
  if (model.scope.kind === "round") return model.rounds[0]?.opened.name ?? model.scope.roundId;
  return `Scheme ${model.scope.schemeId} (${model.rounds.length} round${model.rounds.length === 1 ? "" : "s"})`;
};

/**
 * The whole page: one HTML document with its style inline and its charts as inline SVG, under a
 * policy that lets it load nothing. Every text from the history is escaped on the way in (see `el`).
 */
export const renderReportHtml = (
  model: ReportModel,
  charts: ReportCharts,
  integrity: IntegrityFindings,
  explanations: ReadonlyMap<string, readonly ExplainedFigure[]>,
  meta: ReportMeta,
): string => {
  const title = titleOf(model);
  const funders = [...new Set(model.rounds.map((round) => round.opened.funder.name))].join(", ");
  const body = join(
    el(
      "header",
      {},
      el("h1", { id: "report-title" }, title),
      el("p", {}, [
        "Audit report (revisjonsrapport) · funded by ", funders === "" ? "–" : funders,
        " · ", meta.asOf, meta.position === undefined ? "" : ` (up to position ${meta.position})`,
        " · source ", meta.source, " · written ", norwegianDate(meta.writtenAt),
      ]),
    ),
    el(
      "main",
      {},
      el("section", { id: "summary" }, el("h2", {}, "Budget, commitments and payments"), figuresBlock(model), el("h3", {}, model.scope.kind === "round" ? "The round" : "The scheme's rounds"), roundsTable(model)),
      el("section", { id: "over-time" }, el("h2", {}, "Budget and commitments over time"), el("div", { class: "chart", id: "chart-budget" }, charts.budget),
        el("p", { class: "note" }, "By business date (awardedAt, releasedAt, …), each day's figure after every event of that day."),
        el("h2", {}, "Payments over time"), el("div", { class: "chart", id: "chart-payments" }, charts.payments)),
      el("section", { id: "counties" }, el("h2", {}, "Awarded per county"), el("div", { class: "chart", id: "chart-counties" }, charts.counties),
        el("p", { class: "note" }, "Each county's bar is its municipalities' shares plus the county's own (as a county municipality taking part). Click a bar or a figure for the events behind it."),
        countiesTable(model)),
      el("section", { id: "municipalities" }, el("h2", {}, `Per municipality (${model.municipalities.length})`), municipalitiesTable(model)),
      el("section", { id: "largest-grants" }, el("h2", {}, `The largest grants (${model.largestGrants.length} of ${model.grantCount})`), grantsTable(model)),
      integritySection(integrity),
      el("section", { id: "explanations" }, el("h2", {}, "Where each figure comes from"),
        el("p", { class: "note" }, "Every linked figure, with each event that moved it: its stream@revision, global position, dates, its own amount, the share applied, and the part it contributed. The parts sum to the figure to the øre."),
        model.figures.all().map((figure) => explanationSection(figure, explanations.get(figure.anchor)))),
    ),
  );
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    join(el("title", {}, `${title} – grantledger audit report`)).html,
    `<style>${STYLE}</style>`,
    "</head>",
    `<body>${body.html}</body>`,
    "</html>",
    "",
  ].join("\n");
};
