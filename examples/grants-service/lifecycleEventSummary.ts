import {
  formatMoney as kr,
  type AppealDismissed,
  type AppealUpheld,
  type ApplicationDismissed,
  type ApplicationWithdrawn,
  type AwardAmended,
  type AwardRenounced,
  type ConditionsAccepted,
  type ConflictOfInterestDeclared,
  type DecisionAppealed,
  type DisbursementReversed,
  type GrantClosed,
  type RepaymentClaimed,
  type RepaymentReceived,
} from "@grantledger/core";
import { unhandled } from "./explanation.js";

/** The events of a grant's life around and after its decision. */
export type LifecycleEvent =
  | ConditionsAccepted
  | AwardAmended
  | DisbursementReversed
  | RepaymentClaimed
  | RepaymentReceived
  | GrantClosed
  | ApplicationWithdrawn
  | AwardRenounced
  | ApplicationDismissed
  | DecisionAppealed
  | AppealUpheld
  | AppealDismissed
  | ConflictOfInterestDeclared;

/** One event of a grant's life after (or instead of) its decision, in the words of `summarise`. */
export const summariseLifecycle = (event: LifecycleEvent): string => {
  switch (event.type) {
    case "ConditionsAccepted":
      return `Conditions accepted (vilkår akseptert) by ${event.data.acceptedBy}.`;
    case "AwardAmended": {
      const d = event.data;
      const instalments = d.disbursementPlan.length === 1 ? "1 instalment" : `${d.disbursementPlan.length} instalments`;
      return `Award amended (endret tildeling) from ${kr(d.previousAmount)} to ${kr(d.amount)} in ${instalments}: ${d.reason}.`;
    }
    case "DisbursementReversed":
      return `Payment ${event.data.paymentRef} of ${kr(event.data.amount)} reversed (tilbakeført): ${event.data.reason}.`;
    case "RepaymentClaimed":
      return `Repayment claimed (krav om tilbakebetaling) ${event.data.claimId}: ${kr(event.data.amount)}, ${event.data.reason}.`;
    case "RepaymentReceived":
      return `Repaid (tilbakebetalt) ${kr(event.data.amount)} against claim ${event.data.claimId}.`;
    case "GrantClosed": {
      const { unpaid, roundId } = event.data;
      const left = unpaid === 0 ? "everything awarded was paid" : `${kr(unpaid)} awarded and not paid returns to round ${roundId}`;
      return `Closed (avsluttet) with its final report (sluttrapport); ${left}.`;
    }
    case "ApplicationWithdrawn":
      return `Withdrawn (trukket) by the applicant: ${event.data.reason}.`;
    case "AwardRenounced":
      return `Award renounced (frasagt) by the recipient: ${event.data.reason}.`;
    case "ApplicationDismissed":
      return `Dismissed (avvist): ${event.data.reason}.`;
    case "DecisionAppealed":
      return `Decision appealed (påklaget): ${event.data.grounds}.`;
    case "AppealUpheld":
      return `Appeal upheld (klagen tatt til følge): ${event.data.reason}; the application is to be decided anew.`;
    case "AppealDismissed":
      return `Appeal dismissed (klagen ikke tatt til følge): ${event.data.reason}; the decision stands.`;
    case "ConflictOfInterestDeclared":
      return `Conflict of interest declared (inhabilitet) by ${event.data.evaluator}: ${event.data.reason}.`;
    default:
      return unhandled(event);
  }
};
