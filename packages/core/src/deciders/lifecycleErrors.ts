import type { IsoDateTime } from "../values/isoTime.js";
import type { Money } from "../values/money.js";
import type { GrantStatus } from "./grantState.js";

/** One broken rule: its tag and the figures a person needs to act on it. */
type Failure<Tag extends string, Fields = object> = { readonly _tag: Tag } & Readonly<Fields>;

/**
 * The rules of a grant's life around and after its decision, one tagged error each. `grantId` is
 * always the grant the command was for. Money is in øre.
 */
export type GrantLifecycleError =
  /** The ledger's clock received the application after the round's deadline, whatever time the application claims. */
  | Failure<
      "ApplicationReceivedAfterDeadline",
      {
        grantId: string;
        /** When the ledger received it. */
        receivedAt: IsoDateTime;
        /** The round's application deadline. */
        deadline: IsoDateTime;
      }
    >
  /** A business time comes before the one it follows (an amendment before its award, a repayment before its claim). */
  | Failure<
      "OutOfOrder",
      {
        grantId: string;
        /** The field of the command, e.g. `amendedAt`. */
        field: string;
        /** Its value. */
        at: IsoDateTime;
        /** The earliest it may be: the time of what it follows. */
        notBefore: IsoDateTime;
      }
    >
  /** The recipient has already accepted the conditions. */
  | Failure<"ConditionsAlreadyAccepted", { grantId: string }>
  /** The round's policy asks for the recipient's acceptance of the conditions before any payment. */
  | Failure<"ConditionsNotAccepted", { grantId: string }>
  /** The amendment would take the award below what has been paid net. */
  | Failure<
      "AmendmentBelowPaid",
      {
        grantId: string;
        /** The amended amount. */
        amount: Money;
        /** Paid and not reversed or repaid. */
        paidNet: Money;
      }
    >
  /** The amendment changes neither the amount nor the plan. */
  | Failure<"AmendmentChangesNothing", { grantId: string }>
  /** No payment with this reference stands on the grant (never paid, or reversed already). */
  | Failure<"PaymentNotFound", { grantId: string; paymentRef: string }>
  /** The amount given is not that of the payment reversed (a payment is reversed whole). */
  | Failure<
      "ReversalAmountMismatch",
      {
        grantId: string;
        paymentRef: string;
        /** The amount given. */
        amount: Money;
        /** The payment's amount. */
        paid: Money;
      }
    >
  /** Reversing the payment would leave less paid net than the open repayment claims ask for. */
  | Failure<
      "ReversalBelowOpenClaims",
      {
        grantId: string;
        paymentRef: string;
        /** Paid net before the reversal. */
        paidNet: Money;
        /** What the open claims still ask for. */
        openClaims: Money;
      }
    >
  /** The amount is 0 (a claim, a repayment, a carry). */
  | Failure<"AmountNotPositive", { grantId: string; field: string }>
  /** A claim with this id is already recorded on the grant. */
  | Failure<"ClaimAlreadyRecorded", { grantId: string; claimId: string }>
  /** The grant's open claims would ask for more than it was paid net. */
  | Failure<
      "ClaimExceedsPaid",
      {
        grantId: string;
        /** This claim. */
        amount: Money;
        /** Paid and not reversed or repaid. */
        paidNet: Money;
        /** What the open claims already ask for. */
        openClaims: Money;
      }
    >
  /** No claim with this id is recorded on the grant. */
  | Failure<"ClaimNotFound", { grantId: string; claimId: string }>
  /** The repayment is more than is still owed on the claim. */
  | Failure<
      "RepaymentExceedsClaim",
      {
        grantId: string;
        claimId: string;
        /** This repayment. */
        amount: Money;
        /** Still owed on the claim. */
        outstanding: Money;
      }
    >
  /** The recipient cannot renounce an award of which something has been paid net: it is claimed back first. */
  | Failure<"RenounceAfterPayment", { grantId: string; paidNet: Money }>
  /** Only a standing rejection or dismissal can be appealed. */
  | Failure<"NothingToAppeal", { grantId: string; status: GrantStatus }>
  /** The decision was appealed before and that appeal was dismissed: the decision is final. */
  | Failure<"AppealAlreadyDismissed", { grantId: string }>
  /** The appeal came after the round's appeal window. */
  | Failure<
      "AppealOutOfTime",
      {
        grantId: string;
        /** When the appeal was lodged. */
        appealedAt: IsoDateTime;
        /** When the decision was made. */
        decidedAt: IsoDateTime;
        /** The window in days. */
        windowDays: number;
        /** The last instant an appeal was accepted. */
        deadline: IsoDateTime;
      }
    >
  /** No appeal is pending on the grant. */
  | Failure<"NoAppealPending", { grantId: string; status: GrantStatus }>
  /** The actor declared a conflict of interest with this application and may not evaluate it. */
  | Failure<
      "EvaluatorHasConflictOfInterest",
      {
        grantId: string;
        /** The evaluator refused. */
        evaluator: string;
        /** The tie declared. */
        reason: string;
      }
    >
  /** The actor has already declared a conflict of interest with this application. */
  | Failure<"ConflictAlreadyDeclared", { grantId: string; evaluator: string }>
  /** Separation of duties: the actor who evaluated may not award (the round's policy). */
  | Failure<
      "EvaluatorCannotAward",
      {
        grantId: string;
        /** Who evaluated. */
        evaluatedBy: string;
        /** Who tried to award. */
        awardedBy: string;
      }
    >
  /** Separation of duties: the actor who awarded may not pay (the round's policy). */
  | Failure<
      "AwarderCannotPay",
      {
        grantId: string;
        /** Who awarded. */
        awardedBy: string;
        /** Who tried to pay. */
        paidBy: string;
      }
    >;
