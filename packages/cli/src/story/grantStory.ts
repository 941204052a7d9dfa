import {
  formatBasisPoints,
  formatMoney,
  MONEY_BENEFIT_CATEGORIES,
  type DomainEvent,
  type Money,
  type Participant,
  type ReportedBenefit,
} from "@grantledger/core";

/** What the story has told so far, for the running figures each sentence mentions. Money in øre. */
export interface StoryState {
  /** The award as last amended; 0 before the award and once it is renounced. */
  readonly awarded: number;
  /** The payments that stand (made and not reversed). */
  readonly disbursed: number;
  /** The repayments received. */
  readonly repaid: number;
  /** What the round holds for the grant: its commitments less its releases. */
  readonly held: number;
  /** Where the grant stands, in words. */
  readonly status: string;
  /** The status of the standing rejection or dismissal, which a dismissed appeal returns to. */
  readonly decision: string;
  /** What the grant left unpaid when it was closed. */
  readonly unpaid: number | undefined;
}

export const STORY_START: StoryState = { awarded: 0, disbursed: 0, repaid: 0, held: 0, status: "not applied for", decision: "", unpaid: undefined };

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

type Told = { readonly sentence: StorySentence; readonly after: StoryState };
const at = (date: string, line: string, details: readonly string[] = []): StorySentence => ({ date: dateOf(date), line, details });

type AfterAward = Extract<DomainEvent, { type: "ConditionsAccepted" | "AwardAmended" | "DisbursementReversed" | "RepaymentClaimed" | "RepaymentReceived" | "GrantClosed" | "AwardRenounced" }>;
type AroundDecision = Extract<DomainEvent, { type: "ApplicationWithdrawn" | "ApplicationDismissed" | "DecisionAppealed" | "AppealUpheld" | "AppealDismissed" | "ConflictOfInterestDeclared" }>;

// What happens to a grant after its award: acceptance, amendments, payments reversed, repayments, closing, renouncing.
const tellAfterAward = (event: AfterAward, before: StoryState): Told => {
  switch (event.type) {
    case "ConditionsAccepted": {
      const d = event.data;
      return { sentence: at(d.acceptedAt, `Conditions accepted (vilkår akseptert) by ${d.acceptedBy}`), after: before };
    }
    case "AwardAmended": {
      const d = event.data;
      const details = [`Disbursement plan (utbetalingsplan): ${d.disbursementPlan.map((i) => `${i.due} ${nok(i.amount)}`).join("; ")}`];
      return { sentence: at(d.amendedAt, `Award amended (endret tildeling) from ${nok(d.previousAmount)} to ${nok(d.amount)}: ${d.reason}`, details), after: { ...before, awarded: d.amount } };
    }
    case "DisbursementReversed": {
      const d = event.data;
      const disbursed = before.disbursed - d.amount;
      const line = `Payment ${d.paymentRef} of ${nok(d.amount)} reversed (tilbakeført): ${d.reason}; ${nok(disbursed - before.repaid)} of ${nok(before.awarded)} paid net so far`;
      return { sentence: at(d.reversedAt, line), after: { ...before, disbursed } };
    }
    case "RepaymentClaimed": {
      const d = event.data;
      return { sentence: at(d.claimedAt, `Repayment claimed (krav om tilbakebetaling) ${nok(d.amount)}, claim ${d.claimId}: ${d.reason}`), after: before };
    }
    case "RepaymentReceived": {
      const d = event.data;
      const repaid = before.repaid + d.amount;
      return { sentence: at(d.receivedAt, `Repayment received (tilbakebetalt) ${nok(d.amount)} on claim ${d.claimId}: ${nok(repaid)} repaid so far`), after: { ...before, repaid } };
    }
    case "GrantClosed": {
      const d = event.data;
      const details = [`Final report (sluttrapport): ${d.finalReport.summary}`, ...(d.finalReport.benefits ?? []).map(benefit)];
      const line = `Closed (avsluttet) with its final report: ${nok(d.unpaid)} of the award unpaid, given back to round ${d.roundId}`;
      return { sentence: at(d.closedAt, line, details), after: { ...before, status: "closed (avsluttet)", unpaid: d.unpaid } };
    }
    case "AwardRenounced": {
      const d = event.data;
      return { sentence: at(d.renouncedAt, `Award renounced (gitt avkall på tilskuddet): ${d.reason}`), after: { ...before, awarded: 0, status: "renounced (avkall)" } };
    }
  }
};

// What happens around a decision: withdrawal, dismissal, appeals, a declared conflict of interest.
const tellAroundDecision = (event: AroundDecision, before: StoryState): Told => {
  switch (event.type) {
    case "ApplicationWithdrawn":
      return { sentence: at(event.data.withdrawnAt, `Withdrawn (trukket) by the applicant: ${event.data.reason}`), after: { ...before, status: "withdrawn (trukket)" } };
    case "ApplicationDismissed": {
      const status = "dismissed (avvist)";
      return { sentence: at(event.data.dismissedAt, `Dismissed without consideration (avvist): ${event.data.reason}`), after: { ...before, status, decision: status } };
    }
    case "DecisionAppealed":
      return { sentence: at(event.data.appealedAt, `Appealed (klage): ${event.data.grounds}`), after: { ...before, status: "appealed (påklaget)" } };
    case "AppealUpheld": {
      const line = `Appeal upheld (klagen tatt til følge): ${event.data.reason}; the application is to be decided anew`;
      return { sentence: at(event.data.decidedAt, line), after: { ...before, status: "to be decided anew (til ny behandling)", decision: "" } };
    }
    case "AppealDismissed": {
      const line = `Appeal dismissed (klagen ikke tatt til følge): ${event.data.reason}; the decision stands`;
      return { sentence: at(event.data.decidedAt, line), after: { ...before, status: before.decision === "" ? before.status : before.decision } };
    }
    case "ConflictOfInterestDeclared": {
      const d = event.data;
      return { sentence: at(d.declaredAt, `Conflict of interest declared (inhabilitet) by ${d.evaluator}, who may not evaluate it: ${d.reason}`), after: before };
    }
  }
};

/**
 * One event of a grant's story in plain English with the Norwegian terms in brackets, and the
 * figures after it. Round events are only those about this grant (its commitments and releases,
 * whole or in part); a round's own events (its budget, money carried) are told by their type.
 */
export const tellEvent = (event: DomainEvent, before: StoryState, fallbackDate: string): Told => {
  // No default: an event type left out fails to compile ("lacks ending return statement").
  switch (event.type) {
    case "ConditionsAccepted":
    case "AwardAmended":
    case "DisbursementReversed":
    case "RepaymentClaimed":
    case "RepaymentReceived":
    case "GrantClosed":
    case "AwardRenounced":
      return tellAfterAward(event, before);
    case "ApplicationWithdrawn":
    case "ApplicationDismissed":
    case "DecisionAppealed":
    case "AppealUpheld":
    case "AppealDismissed":
    case "ConflictOfInterestDeclared":
      return tellAroundDecision(event, before);
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
    case "FundsCommitted": {
      const d = event.data;
      const held = before.held + d.amount;
      return { sentence: at(d.committedAt ?? fallbackDate, `Committed (bundet) ${nok(d.amount)} of round ${d.roundId}'s budget: the round holds ${nok(held)} for the grant`), after: { ...before, held } };
    }
    case "FundsReleased": {
      const d = event.data;
      const held = before.held - d.amount;
      return { sentence: at(d.releasedAt ?? fallbackDate, `Released (frigitt) ${nok(d.amount)} back to round ${d.roundId}: ${d.reason}; the round holds ${nok(held)} for the grant`), after: { ...before, held } };
    }
    case "GrantAwarded": {
      const d = event.data;
      const details = [`Disbursement plan (utbetalingsplan): ${d.disbursementPlan.map((i) => `${i.due} ${nok(i.amount)}`).join("; ")}`];
      if (d.conditions.length > 0) details.push(`Conditions (vilkår): ${d.conditions.join("; ")}`);
      if (d.benefitsPlan !== undefined && d.benefitsPlan.length > 0) {
        details.push(`Benefits plan (gevinstrealiseringsplan): ${d.benefitsPlan.map((b) => `${b.category}: ${b.description}, target ${MONEY_BENEFIT_CATEGORIES.includes(b.category) ? nok(b.target) : `${b.target} ${b.unit}`}`).join("; ")}`);
      }
      return { sentence: at(d.awardedAt, `Awarded (tildelt) ${nok(d.amount)}`, details), after: { ...before, awarded: d.amount, status: "awarded (tildelt)" } };
    }
    case "GrantRejected": {
      const status = "rejected (avslått)";
      return { sentence: at(event.data.rejectedAt, `Rejected (avslått): ${event.data.reason}`), after: { ...before, status, decision: status } };
    }
    case "GrantDisbursed": {
      const d = event.data;
      const disbursed = before.disbursed + d.amount;
      // The value date is told only where it is not the booking day (never so for a version-1 payment).
      const valued = d.valueDate === d.disbursedAt.slice(0, 10) ? "" : `, value date ${d.valueDate}`;
      const line = `Disbursed (utbetalt) ${nok(d.amount)}, payment ${d.paymentRef}${valued}: ${nok(disbursed - before.repaid)} of ${nok(before.awarded)} paid so far`;
      return { sentence: at(d.disbursedAt, line), after: { ...before, disbursed } };
    }
    case "BenefitsReported": {
      const d = event.data;
      return { sentence: at(d.reportedAt, `Benefits reported (gevinstrapport) for ${d.period.from} to ${d.period.to}`, d.benefits.map(benefit)), after: before };
    }
    case "RoundOpened":
    case "RoundClosed":
    case "RoundBudgetAdjusted":
    case "FundsCarriedOver":
    case "FundsCarriedIn":
      return { sentence: at(fallbackDate, `${event.type} in round ${event.data.roundId}`), after: before };
  }
};

/** The closing line: where the grant stands, and what is paid (net of repayments) of what was awarded. */
export const tellStatus = (state: StoryState): string => {
  const paidNet = state.disbursed - state.repaid;
  const repaid = state.repaid === 0 ? "" : ` (${nok(state.repaid)} repaid, tilbakebetalt)`;
  if (state.unpaid !== undefined) return `Status: ${state.status}; ${nok(paidNet)} of ${nok(state.awarded)} paid net${repaid}, ${nok(state.unpaid)} given back to the round`;
  if (state.awarded === 0) return `Status: ${state.status}`;
  const left = state.awarded - paidNet;
  return `Status: ${state.status}; ${nok(paidNet)} of ${nok(state.awarded)} disbursed (utbetalt)${repaid}, ${nok(left)} still to pay`;
};
