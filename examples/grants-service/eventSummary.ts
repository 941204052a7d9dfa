import { formatMoney as kr, type DomainEvent } from "@grantledger/core";
import { summariseLifecycle } from "./lifecycleEventSummary.js";

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * One event of a grant's history in a plain sentence, with the Norwegian term in brackets and
 * amounts in kroner; the event's `data` beside it keeps every figure exact. The CLI's
 * `grantledger history` tells the same story at more length, but its narrator is not exported,
 * so this is the short form of it. The events after a decision are told in `lifecycleEventSummary.ts`.
 */
export const summarise = (event: DomainEvent): string => {
  switch (event.type) {
    case "GrantApplied": {
      const d = event.data;
      return `Applied (søknad) by ${d.applicant.name} for "${d.project.title}" with ${count(d.participants.length, "participant", "participants")}: total cost ${kr(d.totalCost)}, requested ${kr(d.requested)}.`;
    }
    case "ApplicationEvaluated": {
      const d = event.data;
      const amount = d.recommendedAmount === undefined ? "" : ` of ${kr(d.recommendedAmount)}`;
      const advice = d.recommendation === "award" ? `recommends an award${amount} (innstilt til tilskudd)` : "recommends rejection (innstilt til avslag)";
      return `Evaluated (vurdert) by ${d.evaluator}: score ${d.score}/100, ${advice}.`;
    }
    case "GrantAwarded": {
      const d = event.data;
      return `Awarded (tildelt) ${kr(d.amount)} in ${count(d.disbursementPlan.length, "instalment", "instalments")}, with ${count(d.conditions.length, "condition", "conditions")}.`;
    }
    case "GrantRejected":
      return `Rejected (avslått): ${event.data.reason}.`;
    case "GrantDisbursed":
      return `Disbursed (utbetalt) ${kr(event.data.amount)}, payment ${event.data.paymentRef}.`;
    case "BenefitsReported": {
      const { period, benefits } = event.data;
      return `Benefits reported (gevinstrapport) for ${period.from} to ${period.to}: ${count(benefits.length, "benefit", "benefits")}.`;
    }
    case "FundsCommitted":
      return `Committed (bundet) ${kr(event.data.amount)} of round ${event.data.roundId}'s budget.`;
    case "FundsReleased":
      return `Released (frigitt) ${kr(event.data.amount)} back to round ${event.data.roundId}: ${event.data.reason}.`;
    case "RoundOpened":
      return `Round ${event.data.roundId} opened (utlysning) with a budget of ${kr(event.data.budget)}.`;
    case "RoundClosed":
      return `Round ${event.data.roundId} closed at ${event.data.closedAt}.`;
    case "RoundBudgetAdjusted": {
      const d = event.data;
      return `Round ${d.roundId}'s budget adjusted (budsjettendring) from ${kr(d.previousBudget)} to ${kr(d.budget)}: ${d.reason}.`;
    }
    case "FundsCarriedOver":
      return `Carried over (overført) ${kr(event.data.amount)} from round ${event.data.roundId} to round ${event.data.toRoundId}.`;
    case "FundsCarriedIn":
      return `Carried in (overført) ${kr(event.data.amount)} to round ${event.data.roundId} from round ${event.data.fromRoundId}.`;
    default:
      // Every event left is one of a grant's life after its decision; a new type that is not
      // is a compile error here, as it is in that file's own switch.
      return summariseLifecycle(event);
  }
};
