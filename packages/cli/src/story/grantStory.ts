import {
  formatBasisPoints,
  formatMoney,
  MONEY_BENEFIT_CATEGORIES,
  type DomainEvent,
  type Money,
  type Participant,
  type ReportedBenefit,
} from "@grantledger/core";

/** What the story has told so far, for the running figures each sentence mentions. */
export interface StoryState {
  readonly awarded: number;
  readonly disbursed: number;
  readonly status: string;
}

export const STORY_START: StoryState = { awarded: 0, disbursed: 0, status: "not applied for" };

/** A sentence about one event: its date, the main line, and indented details. */
export interface StorySentence {
  readonly date: string;
  readonly line: string;
  readonly details: readonly string[];
}

const nok = (ore: number): string => (ore < 0 ? `-${formatMoney(-ore as Money)}` : formatMoney(ore as Money));

const participant = (p: Participant): string => {
  const share = formatBasisPoints(p.shareBps);
  switch (p.kind) {
    case "municipality":
      return `${p.name} (kommune ${p.municipalityNo}) ${share}`;
    case "county":
      return `${p.name} (fylke ${p.countyNo}) ${share}`;
    default:
      return `${p.name} (${p.kind}, org. no. ${p.orgNo}) ${share}`;
  }
};

const benefit = (b: ReportedBenefit): string => {
  const figure = (n: number): string => (MONEY_BENEFIT_CATEGORIES.includes(b.category) ? nok(n) : `${n} ${b.unit}`);
  const target = b.target === undefined ? "" : ` (target ${figure(b.target)})`;
  return `${b.category}: ${b.description}: ${figure(b.actual)}${target}, owner ${b.owner}`;
};

/** The date part of an ISO time, as the event gives it (the local date where it was recorded). */
const dateOf = (time: string): string => time.slice(0, 10);

/**
 * One event of a grant's story in plain English with the Norwegian terms in brackets, and the
 * figures after it. Round events are only those about this grant (its commitment, a release).
 */
export const tellEvent = (event: DomainEvent, before: StoryState, fallbackDate: string): { sentence: StorySentence; after: StoryState } => {
  const at = (date: string, line: string, details: readonly string[] = []) => ({ date: dateOf(date), line, details });
  switch (event.type) {
    case "GrantApplied": {
      const d = event.data;
      const details = [`For (deltakere): ${d.participants.map(participant).join("; ")}`];
      if (d.project.summary !== undefined && d.project.summary.trim() !== "") details.push(`Summary: ${d.project.summary}`);
      const line = `Applied (søknad) by ${d.applicant.name} (org. no. ${d.applicant.orgNo}, ${d.applicant.kind}) in round ${d.roundId} for "${d.project.title}": total cost ${nok(d.totalCost)}, requested ${nok(d.requested)}`;
      return { sentence: at(d.appliedAt, line, details), after: { ...before, status: "applied (søkt)" } };
    }
    case "ApplicationEvaluated": {
      const d = event.data;
      const advice = d.recommendation === "award" ? "recommends an award (innstilt til tilskudd)" : "recommends rejection (innstilt til avslag)";
      const amount = d.recommendedAmount === undefined ? "" : ` of ${nok(d.recommendedAmount)}`;
      const details = d.notes === undefined || d.notes.trim() === "" ? [] : [`Notes: ${d.notes}`];
      return { sentence: at(d.evaluatedAt, `Evaluated (vurdert) by ${d.evaluator}: score ${d.score}/100, ${advice}${amount}`, details), after: { ...before, status: "evaluated (vurdert)" } };
    }
    case "FundsCommitted":
      return { sentence: at(fallbackDate, `Committed (bundet) ${nok(event.data.amount)} of round ${event.data.roundId}'s budget`), after: before };
    case "FundsReleased":
      return { sentence: at(fallbackDate, `Released (frigitt) ${nok(event.data.amount)} back to round ${event.data.roundId}: ${event.data.reason}`), after: before };
    case "GrantAwarded": {
      const d = event.data;
      const details = [`Disbursement plan (utbetalingsplan): ${d.disbursementPlan.map((i) => `${i.due} ${nok(i.amount)}`).join("; ")}`];
      if (d.conditions.length > 0) details.push(`Conditions (vilkår): ${d.conditions.join("; ")}`);
      if (d.benefitsPlan !== undefined && d.benefitsPlan.length > 0) {
        details.push(`Benefits plan (gevinstrealiseringsplan): ${d.benefitsPlan.map((b) => `${b.category}: ${b.description}, target ${MONEY_BENEFIT_CATEGORIES.includes(b.category) ? nok(b.target) : `${b.target} ${b.unit}`}`).join("; ")}`);
      }
      return { sentence: at(d.awardedAt, `Awarded (tildelt) ${nok(d.amount)}`, details), after: { ...before, awarded: d.amount, status: "awarded (tildelt)" } };
    }
    case "GrantRejected":
      return { sentence: at(event.data.rejectedAt, `Rejected (avslått): ${event.data.reason}`), after: { ...before, status: "rejected (avslått)" } };
    case "GrantDisbursed": {
      const d = event.data;
      const disbursed = before.disbursed + d.amount;
      const line = `Disbursed (utbetalt) ${nok(d.amount)}, payment ${d.paymentRef}: ${nok(disbursed)} of ${nok(before.awarded)} paid so far`;
      return { sentence: at(d.disbursedAt, line), after: { ...before, disbursed } };
    }
    case "BenefitsReported": {
      const d = event.data;
      return { sentence: at(d.reportedAt, `Benefits reported (gevinstrapport) for ${d.period.from} to ${d.period.to}`, d.benefits.map(benefit)), after: before };
    }
    case "RoundOpened":
    case "RoundClosed":
      return { sentence: at(fallbackDate, `${event.type} in round ${event.data.roundId}`), after: before };
  }
};

/** The closing line: where the grant stands, and what is paid of what was awarded. */
export const tellStatus = (state: StoryState): string => {
  if (state.awarded === 0) return `Status: ${state.status}`;
  const left = state.awarded - state.disbursed;
  return `Status: ${state.status}; ${nok(state.disbursed)} of ${nok(state.awarded)} disbursed (utbetalt), ${nok(left)} still to pay`;
};
