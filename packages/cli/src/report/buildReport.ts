import type { EventStore } from "@grantledger/core";
import type { AsOfOptions } from "@grantledger/projections";
import type { VerifyOutcome } from "../audit/verifySources.js";
import { budgetChart, countyChart, paymentsChart } from "./charts.js";
import type { ExplainedFigure } from "./explanationLines.js";
import type { LinkedFigure } from "./figureLinks.js";
import { integrityFindings } from "./integrity.js";
import { buildReportModel, type ReportModel } from "./reportModel.js";
import { readReportPass } from "./reportPass.js";
import type { ReportScope } from "./reportScope.js";
import { renderReportHtml } from "./renderReport.js";

/** Finds the events behind every linked figure, keyed by the figure's anchor. */
export type ExplainLinked = (figures: readonly LinkedFigure[]) => Promise<ReadonlyMap<string, readonly ExplainedFigure[]>>;

/** What {@link buildReport} needs besides the store. */
export interface BuildReportOptions {
  /** The round or scheme. */
  readonly scope: ReportScope;
  /** How far into the history the figures go. */
  readonly limits: AsOfOptions;
  /** What verifying the whole history found. */
  readonly verified: VerifyOutcome;
  /** How the source is named on the page. */
  readonly label: string;
  /** What the figures are as of, in words. */
  readonly asOf: string;
  /** When the report is written. */
  readonly writtenAt: string;
  /** Finds the events behind the figures. */
  readonly explain: ExplainLinked;
}

/** The report as written, and the figures it was made from. */
export interface BuiltReport {
  /** The page. */
  readonly html: string;
  /** Its figures. */
  readonly model: ReportModel;
}

/**
 * Builds the audit report of a round or scheme: one pass over the history for the figures,
 * charts drawn to SVG, each linked figure explained, all in one self-contained page. `undefined`
 * when the history holds no round in scope.
 */
export const buildReport = async (store: EventStore, options: BuildReportOptions): Promise<BuiltReport | undefined> => {
  const pass = await readReportPass(store, options.scope, options.limits);
  if (pass.rounds.length === 0) return undefined;
  const model = buildReportModel(options.scope, pass);
  const [budget, payments, counties] = await Promise.all([budgetChart(model.budgetPoints), paymentsChart(model.paymentPoints), countyChart(model.countyBars)]);
  const explanations = await options.explain(model.figures.all());
  const html = renderReportHtml(model, { budget, payments, counties }, integrityFindings(options.verified, options.label), explanations, {
    source: options.label,
    writtenAt: options.writtenAt,
    asOf: options.asOf,
    position: pass.position,
  });
  return { html, model };
};
