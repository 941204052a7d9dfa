import type { BenefitCategory, GrantStatus } from "@grantledger/core";
import type { BenefitFigure } from "@grantledger/projections";
import { plainErrorFields, type PlainErrorFields } from "./plainErrorFields.js";
import type { CoFinancingReport } from "./report.js";

/** Money in the JSON output: integer øre. */
type Ore = number;

/** Planned against reported for one category and unit; `NOK` figures in øre. */
interface FigureJson {
  category: BenefitCategory;
  unit: string;
  planned: number;
  reported: number;
}

/** What `--json` prints. Money is integer øre throughout, benefit figures in `NOK` too. */
export interface CoFinancingJson {
  readonly round: { roundId: string; name: string; budget: Ore; committed: Ore; disbursed: Ore; remaining: Ore; applications: number; awarded: number; rejected: number };
  readonly grants: readonly {
    grantId: string; applicant: { orgNo: string; name: string }; title: string; status: GrantStatus;
    score?: number; totalCost: Ore; requested: Ore; awarded: Ore; disbursed: Ore; rejectionReason?: string;
  }[];
  readonly refusals: readonly { step: string; command: string; at: string; error: string; figures: PlainErrorFields }[];
  readonly benefitsByProject: readonly { grantId: string; reports: number; figures: FigureJson[] }[];
  readonly benefitsByCategory: readonly FigureJson[];
}

const figureJson = ({ category, unit, planned, reported }: BenefitFigure): FigureJson => ({ category, unit, planned, reported });

/**
 * The report as JSON. Fields are picked one by one, so that what the read models add later does
 * not change the example's output.
 */
export const reportJson = (report: CoFinancingReport): CoFinancingJson => {
  const { round } = report;
  return {
    round: {
      roundId: round.roundId, name: round.name, budget: round.budget, committed: round.committed, disbursed: round.disbursed,
      remaining: round.remaining, applications: round.applications, awarded: round.awarded, rejected: round.rejected,
    },
    grants: report.grants.map((g) => ({
      grantId: g.grantId,
      applicant: { orgNo: g.applicant.orgNo, name: g.applicant.name },
      title: g.title,
      status: g.status,
      ...(g.score === undefined ? {} : { score: g.score }),
      totalCost: g.totalCost,
      requested: g.requested,
      awarded: g.awarded,
      disbursed: g.disbursed,
      ...(g.rejectionReason === undefined ? {} : { rejectionReason: g.rejectionReason }),
    })),
    refusals: report.refusals.map(({ step, error }) => ({
      step: step.key, command: step.command.type, at: step.at, error: error._tag, figures: plainErrorFields(error),
    })),
    benefitsByProject: report.benefitsByProject.map((p) => ({ grantId: p.grantId, reports: p.reports, figures: p.figures.map(figureJson) })),
    benefitsByCategory: report.benefitsByCategory.map(figureJson),
  };
};
