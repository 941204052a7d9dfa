import type { Period } from "../events/benefits.js";
import type { ApplicationEvaluated, GrantApplied, GrantAwarded, GrantEvent, GrantRejected } from "../events/grantEvents.js";
import type { Money } from "../values/money.js";
import type { EntityId } from "../values/text.js";

/** Where a grant stands: the decision events it has had. Awarded and rejected are final. */
export type GrantStatus = "applied" | "evaluated" | "awarded" | "rejected";

/** The state of a grant that has applied: what its decider needs to check the next command. */
export interface ExistingGrant {
  /** Where the grant stands. */
  readonly status: GrantStatus;
  /** The grant. */
  readonly grantId: EntityId;
  /** The round applied to. */
  readonly roundId: EntityId;
  /** The application as made. */
  readonly application: GrantApplied["data"];
  /** The evaluation, once there is one. */
  readonly evaluation: ApplicationEvaluated["data"] | undefined;
  /** The award, once awarded. */
  readonly award: GrantAwarded["data"] | undefined;
  /** The rejection, once rejected. */
  readonly rejection: GrantRejected["data"] | undefined;
  /** Sum of all disbursements so far. */
  readonly disbursed: Money;
  /** The references of the payments made, oldest first; their count is the tranches paid. */
  readonly paymentRefs: readonly string[];
  /** Whether a benefits report has been recorded since the latest disbursement. */
  readonly reportedSinceLastTranche: boolean;
  /** The periods benefits were reported for, oldest first; a new one may not overlap them. */
  readonly reportedPeriods: readonly Period[];
}

/** A grant folded from its stream: `status: "none"` until it has applied. */
export type GrantState =
  | {
      /** The grant has no events. */
      readonly status: "none";
    }
  | ExistingGrant;

/** The state of a grant with no events. */
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
