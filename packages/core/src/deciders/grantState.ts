import type { Period } from "../events/benefits.js";
import type { ApplicationEvaluated, GrantApplied, GrantAwarded, GrantEvent, GrantRejected } from "../events/grantEvents.js";
import type { GrantClosed } from "../events/grantLifecycleEvents.js";
import type { IsoDateTime } from "../values/isoTime.js";
import type { Money } from "../values/money.js";
import type { RoundState } from "./roundState.js";
import type { EntityId } from "../values/text.js";

/**
 * Where a grant stands. `applied` and `evaluated` are undecided; `awarded` is a live award
 * (amendable, payable); `rejected` and `dismissed` are decisions that can be appealed, and
 * `appealed` is one under appeal; `withdrawn`, `renounced` and `closed` are final (a closed
 * grant still takes repayments).
 */
export type GrantStatus = "applied" | "evaluated" | "awarded" | "rejected" | "dismissed" | "appealed" | "withdrawn" | "renounced" | "closed";

/** One payment recorded on a grant. */
export interface Payment {
  /** The payment's reference in the paying system. */
  readonly paymentRef: string;
  /** Its amount in øre. */
  readonly amount: Money;
  /** When it was paid. */
  readonly disbursedAt: IsoDateTime;
  /** Whether it has been reversed (its reference can then be paid again). */
  readonly reversed: boolean;
}

/** A claim for repayment and what has been repaid against it. */
export interface RepaymentClaim {
  /** The claim. */
  readonly claimId: string;
  /** The amount claimed, in øre. */
  readonly amount: Money;
  /** What has been repaid against it so far, in øre. */
  readonly received: Money;
  /** When it was claimed. */
  readonly claimedAt: IsoDateTime;
}

/** A rejection or dismissal that can be appealed, and where its appeal stands. */
export interface AppealableDecision {
  /** Which decision. */
  readonly kind: "rejected" | "dismissed";
  /** When it was decided; the appeal window runs from here. */
  readonly decidedAt: IsoDateTime;
  /** When it was appealed, once it is. */
  readonly appealedAt: IsoDateTime | undefined;
  /** `none` until appealed; `pending` while under appeal; `dismissed` once the appeal failed (final). */
  readonly appeal: "none" | "pending" | "dismissed";
}

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
  /** The evaluation of the application's current consideration (cleared when an appeal is upheld). */
  readonly evaluation: ApplicationEvaluated["data"] | undefined;
  /** The actor who recorded that evaluation, from its metadata. */
  readonly evaluatedBy: string | undefined;
  /** The award, once awarded, with its amount and plan as last amended. */
  readonly award: GrantAwarded["data"] | undefined;
  /** The actor who recorded the award, from its metadata. */
  readonly awardedBy: string | undefined;
  /** Whether the recipient has accepted the award's conditions. */
  readonly conditionsAccepted: boolean;
  /** The latest rejection, once rejected. */
  readonly rejection: GrantRejected["data"] | undefined;
  /** The latest rejection or dismissal while it stands, for its appeal. */
  readonly decision: AppealableDecision | undefined;
  /** The closing, once closed. */
  readonly closing: GrantClosed["data"] | undefined;
  /** Sum of the payments not reversed, in øre. */
  readonly disbursed: Money;
  /** Sum of the repayments received, in øre. */
  readonly repaid: Money;
  /** Every payment recorded, oldest first, reversed ones included. */
  readonly payments: readonly Payment[];
  /** Every repayment claim, oldest first. */
  readonly claims: readonly RepaymentClaim[];
  /** Whether a benefits report has been recorded since the latest disbursement. */
  readonly reportedSinceLastTranche: boolean;
  /** The periods benefits were reported for, oldest first; a new one may not overlap them. */
  readonly reportedPeriods: readonly Period[];
  /** The actors who declared a conflict of interest with this application. */
  readonly conflicted: readonly string[];
  /**
   * Whether an appeal set the decision aside (`AppealUpheld`) and the application awaits its new
   * decision: it was made in time, so its award may commit money even in a round closed since.
   */
  readonly reopenedByAppeal: boolean;
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

/** What has been paid and not reversed or repaid, in øre. */
export const paidNet = (grant: ExistingGrant): Money => (grant.disbursed - grant.repaid) as Money;

/** What the open repayment claims still ask for, in øre. */
export const openClaims = (grant: ExistingGrant): Money => grant.claims.reduce((sum, claim) => sum + claim.amount - claim.received, 0) as Money;

/** The payments that stand (not reversed): their count is the tranches paid. */
export const livePayments = (grant: ExistingGrant): readonly Payment[] => grant.payments.filter((payment) => !payment.reversed);

/**
 * What the grant's round must hold for it: a live award's amount, what a closed grant was paid
 * net, and nothing for any other grant. A round holding more owes the difference back.
 */
export const commitmentTarget = (grant: GrantState): Money => {
  if (grant.status === "awarded") return grant.award?.amount ?? (0 as Money);
  if (grant.status === "closed") return paidNet(grant);
  return 0 as Money;
};

const undecided = (state: ExistingGrant): ExistingGrant => ({
  ...state,
  status: "applied",
  evaluation: undefined,
  evaluatedBy: undefined,
  decision: undefined,
});

/**
 * Folds one grant event into the state. Pure: the state given is never changed. `actor` is the
 * actor of the event's metadata, kept where a later rule needs it (separation of duties).
 */
export const evolveGrant = (state: GrantState, event: GrantEvent, actor?: string): GrantState => {
  if (event.type === "GrantApplied") {
    return {
      status: "applied",
      grantId: event.data.grantId,
      roundId: event.data.roundId,
      application: event.data,
      evaluation: undefined,
      evaluatedBy: undefined,
      award: undefined,
      awardedBy: undefined,
      conditionsAccepted: false,
      rejection: undefined,
      decision: undefined,
      closing: undefined,
      disbursed: 0 as Money,
      repaid: 0 as Money,
      payments: [],
      claims: [],
      reportedSinceLastTranche: false,
      reportedPeriods: [],
      conflicted: [],
      reopenedByAppeal: false,
    };
  }
  if (state.status === "none") return state;
  switch (event.type) {
    case "ApplicationEvaluated":
      return { ...state, status: "evaluated", evaluation: event.data, evaluatedBy: actor };
    case "GrantAwarded":
      return { ...state, status: "awarded", award: event.data, awardedBy: actor, decision: undefined, reopenedByAppeal: false };
    case "GrantRejected":
      return { ...state, status: "rejected", rejection: event.data, decision: { kind: "rejected", decidedAt: event.data.rejectedAt, appealedAt: undefined, appeal: "none" }, reopenedByAppeal: false };
    case "ApplicationDismissed":
      return { ...state, status: "dismissed", decision: { kind: "dismissed", decidedAt: event.data.dismissedAt, appealedAt: undefined, appeal: "none" }, reopenedByAppeal: false };
    case "DecisionAppealed":
      return state.decision === undefined ? state : { ...state, status: "appealed", decision: { ...state.decision, appealedAt: event.data.appealedAt, appeal: "pending" } };
    case "AppealUpheld":
      return { ...undecided(state), reopenedByAppeal: true };
    case "AppealDismissed":
      return state.decision === undefined ? state : { ...state, status: state.decision.kind, decision: { ...state.decision, appeal: "dismissed" } };
    case "ApplicationWithdrawn":
      return { ...state, status: "withdrawn", reopenedByAppeal: false };
    case "AwardRenounced":
      return { ...state, status: "renounced" };
    case "ConditionsAccepted":
      return { ...state, conditionsAccepted: true };
    case "AwardAmended":
      return state.award === undefined ? state : { ...state, award: { ...state.award, amount: event.data.amount, disbursementPlan: event.data.disbursementPlan } };
    case "GrantDisbursed": {
      const { paymentRef, amount, disbursedAt } = event.data;
      return {
        ...state,
        disbursed: (state.disbursed + amount) as Money,
        payments: [...state.payments, { paymentRef, amount, disbursedAt, reversed: false }],
        reportedSinceLastTranche: false,
      };
    }
    case "DisbursementReversed": {
      const { paymentRef } = event.data;
      const index = state.payments.findIndex((payment) => payment.paymentRef === paymentRef && !payment.reversed);
      if (index < 0) return state;
      const payments = state.payments.map((payment, at) => (at === index ? { ...payment, reversed: true } : payment));
      return { ...state, disbursed: (state.disbursed - event.data.amount) as Money, payments };
    }
    case "RepaymentClaimed": {
      const { claimId, amount, claimedAt } = event.data;
      return { ...state, claims: [...state.claims, { claimId, amount, received: 0 as Money, claimedAt }] };
    }
    case "RepaymentReceived": {
      const { claimId, amount } = event.data;
      const claims = state.claims.map((claim) => (claim.claimId === claimId ? { ...claim, received: (claim.received + amount) as Money } : claim));
      return { ...state, claims, repaid: (state.repaid + amount) as Money };
    }
    case "GrantClosed":
      return { ...state, status: "closed", closing: event.data };
    case "BenefitsReported":
      return {
        ...state,
        reportedSinceLastTranche: true,
        reportedPeriods: [...state.reportedPeriods, event.data.period],
      };
    case "ConflictOfInterestDeclared":
      return { ...state, conflicted: [...state.conflicted, event.data.evaluator] };
  }
};

/**
 * The round as a grant's award commits money in it: a round closed since counts as open for an
 * application an upheld appeal sent back to be decided anew (it was made in time, and the
 * closing stops new applications and awards, not the decision an appeal orders).
 */
export const roundForCommitment = (round: RoundState, grant: GrantState): RoundState => {
  if (round.status !== "closed" || grant.status === "none" || !grant.reopenedByAppeal) return round;
  const { closedAt: _closed, ...open } = round;
  return { ...open, status: "open" };
};
