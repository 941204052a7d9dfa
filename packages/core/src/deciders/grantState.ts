import type { Period } from "../events/benefits.js";
import type { ApplicationEvaluated, GrantApplied, GrantAwarded, GrantEvent, GrantRejected } from "../events/grantEvents.js";
import type { Money } from "../values/money.js";
import type { EntityId } from "../values/text.js";

export type GrantStatus = "applied" | "evaluated" | "awarded" | "rejected";

export interface ExistingGrant {
  readonly status: GrantStatus;
  readonly grantId: EntityId;
  readonly roundId: EntityId;
  readonly application: GrantApplied["data"];
  readonly evaluation: ApplicationEvaluated["data"] | undefined;
  readonly award: GrantAwarded["data"] | undefined;
  readonly rejection: GrantRejected["data"] | undefined;
  /** Sum of all disbursements so far. */
  readonly disbursed: Money;
  readonly paymentRefs: readonly string[];
  /** Whether a benefits report has been recorded since the latest disbursement. */
  readonly reportedSinceLastTranche: boolean;
  readonly reportedPeriods: readonly Period[];
}

export type GrantState = { readonly status: "none" } | ExistingGrant;

export const initialGrantState: GrantState = { status: "none" };

/** Folds one grant event into the state. Pure: the state given is never changed. */
export const evolveGrant = (state: GrantState, event: GrantEvent): GrantState => {
  if (event.type === "GrantApplied") {
    return {
      status: "applied",
      grantId: event.data.grantId,
      roundId: event.data.roundId,
      application: event.data,
      evaluation: undefined,
      award: undefined,
      rejection: undefined,
      disbursed: 0 as Money,
      paymentRefs: [],
      reportedSinceLastTranche: false,
      reportedPeriods: [],
    };
  }
  if (state.status === "none") return state;
  switch (event.type) {
    case "ApplicationEvaluated":
      return { ...state, status: "evaluated", evaluation: event.data };
    case "GrantAwarded":
      return { ...state, status: "awarded", award: event.data };
    case "GrantRejected":
      return { ...state, status: "rejected", rejection: event.data };
    case "GrantDisbursed":
      return {
        ...state,
        disbursed: (state.disbursed + event.data.amount) as Money,
        paymentRefs: [...state.paymentRefs, event.data.paymentRef],
        reportedSinceLastTranche: false,
      };
    case "BenefitsReported":
      return {
        ...state,
        reportedSinceLastTranche: true,
        reportedPeriods: [...state.reportedPeriods, event.data.period],
      };
  }
};
