import { formatMoney, type LedgerError } from "@grantledger/core";

const percent = (bps: number): string => `${bps / 100} %`;

/**
 * One sentence for a refusal, for the printed report: the typed error stays in the core, the
 * words are added here, at the edge. The errors the example provokes get their own sentence;
 * any other says its tag, so a new refusal is never silently described as another.
 */
export const describeRefusal = (error: LedgerError): string => {
  switch (error._tag) {
    case "ProjectCostAboveMaximum":
      return `the project costs ${formatMoney(error.totalCost)}; the round takes projects of at most ${formatMoney(error.maxProjectCost)}`;
    case "ProjectCostBelowMinimum":
      return `the project costs ${formatMoney(error.totalCost)}; the round takes projects of at least ${formatMoney(error.minProjectCost)}`;
    case "ApplicantNotEligible":
      return `a ${error.kind} may not apply; the round is open to: ${error.eligible.join(", ")}`;
    case "RequestExceedsMaxGrant":
      return `${formatMoney(error.requested)} requested; one project may get at most ${formatMoney(error.maxGrant)}`;
    case "RequestExceedsShareCap":
      return `${formatMoney(error.requested)} requested; ${percent(error.maxShareBps)} of ${formatMoney(error.totalCost)} is ${formatMoney(error.cap)}`;
    case "BenefitsPlanRequired":
      return `the round requires a benefits-realisation plan with every award, and this award has none`;
    case "BenefitsReportRequiredBeforeTranche":
      return `tranche ${error.tranche} waits for a benefits report recorded since the previous tranche`;
    case "AwardExceedsRemainingBudget":
      return `an award of ${formatMoney(error.award)} exceeds the ${formatMoney(error.remaining)} left in the round`;
    default:
      return `refused with ${error._tag}`;
  }
};
