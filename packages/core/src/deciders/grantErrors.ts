import type { Period } from "../events/benefits.js";
import type { OrganisationKind } from "../events/parties.js";
import type { DateWindow } from "../events/roundEvents.js";
import type { IsoDate, IsoDateTime } from "../values/isoTime.js";
import type { Money } from "../values/money.js";
import type { GrantStatus } from "./grantState.js";
import type { GrantLifecycleError } from "./lifecycleErrors.js";

/** One broken rule: its tag and the figures a person needs to act on it. */
type Failure<Tag extends string, Fields = object> = { readonly _tag: Tag } & Readonly<Fields>;

/**
 * Every rule a grant's decider enforces, one tagged error each, with its figures. Each member is
 * `{ _tag }` plus the fields shown; `grantId` is always the grant the command was for. Money is
 * in øre, shares in basis points.
 */
export type GrantError =
  // applying
  /** The grant's stream already starts with an application: a grant applies once. */
  | Failure<"GrantAlreadyApplied", { grantId: string }>
  /** The application was made after the round's deadline. */
  | Failure<
      "ApplicationAfterDeadline",
      {
        grantId: string;
        /** When the application says it was made. */
        appliedAt: IsoDateTime;
        /** The round's application deadline. */
        deadline: IsoDateTime;
      }
    >
  /** The round does not admit applicants of this kind. */
  | Failure<
      "ApplicantNotEligible",
      {
        grantId: string;
        /** The applicant's kind. */
        kind: OrganisationKind;
        /** The kinds the round admits. */
        eligible: readonly OrganisationKind[];
      }
    >
  /** The amount requested is 0. */
  | Failure<"RequestedAmountNotPositive", { grantId: string }>
  /** The request is above the share of the project's cost the round may cover. */
  | Failure<
      "RequestExceedsShareCap",
      {
        grantId: string;
        /** The amount requested. */
        requested: Money;
        /** The project's total cost. */
        totalCost: Money;
        /** The largest share of the cost the round covers. */
        maxShareBps: number;
        /** The most that may be requested: `totalCost × maxShareBps / 10 000`, rounded down. */
        cap: Money;
      }
    >
  /** The request is above the round's largest single grant. */
  | Failure<
      "RequestExceedsMaxGrant",
      {
        grantId: string;
        /** The amount requested. */
        requested: Money;
        /** The round's largest single grant. */
        maxGrant: Money;
      }
    >
  /** The project costs less than the round's minimum. */
  | Failure<
      "ProjectCostBelowMinimum",
      {
        grantId: string;
        /** The project's total cost. */
        totalCost: Money;
        /** The smallest total cost the round accepts. */
        minProjectCost: Money;
      }
    >
  /** The project costs more than the round's maximum. */
  | Failure<
      "ProjectCostAboveMaximum",
      {
        grantId: string;
        /** The project's total cost. */
        totalCost: Money;
        /** The largest total cost the round accepts. */
        maxProjectCost: Money;
      }
    >
  /** The application names no participant. */
  | Failure<"NoParticipants", { grantId: string }>
  /** The same municipality, county or organisation is named twice. */
  | Failure<
      "DuplicateParticipant",
      {
        grantId: string;
        /** The participant's key: `municipality:<no>`, `county:<no>` or `org:<orgNo>`. */
        participant: string;
      }
    >
  /** A participant has a share of 0. */
  | Failure<
      "ParticipantWithoutShare",
      {
        grantId: string;
        /** The participant's key: `municipality:<no>`, `county:<no>` or `org:<orgNo>`. */
        participant: string;
      }
    >
  /** The participants' shares do not sum to exactly 10 000 basis points. */
  | Failure<
      "ParticipantSharesNotWhole",
      {
        grantId: string;
        /** What they sum to instead. */
        sumBps: number;
      }
    >
  // evaluating and deciding
  /** The grant has no application. */
  | Failure<"GrantNotFound", { grantId: string }>
  /** The application has been evaluated already; it is evaluated once. */
  | Failure<"GrantAlreadyEvaluated", { grantId: string }>
  /** The command needs an undecided application (applied or evaluated), and the grant is past that. */
  | Failure<
      "GrantAlreadyDecided",
      {
        grantId: string;
        /** Where the grant stands. */
        status: GrantStatus;
      }
    >
  /** The evaluator recommends more than was requested. */
  | Failure<
      "RecommendedAmountExceedsRequest",
      {
        grantId: string;
        /** The amount recommended. */
        recommended: Money;
        /** The amount requested. */
        requested: Money;
      }
    >
  /** An award needs an evaluation first. */
  | Failure<"GrantNotEvaluated", { grantId: string }>
  /** The award is 0. */
  | Failure<"AwardNotPositive", { grantId: string }>
  /** The award is above the amount requested. */
  | Failure<
      "AwardExceedsRequest",
      {
        grantId: string;
        /** The award. */
        amount: Money;
        /** The amount requested. */
        requested: Money;
      }
    >
  /** The award is above the share of the project's cost the round may cover. */
  | Failure<
      "AwardExceedsShareCap",
      {
        grantId: string;
        /** The award. */
        amount: Money;
        /** The project's total cost. */
        totalCost: Money;
        /** The largest share of the cost the round covers. */
        maxShareBps: number;
        /** The most that may be awarded: `totalCost × maxShareBps / 10 000`, rounded down. */
        cap: Money;
      }
    >
  /** The award is above the round's largest single grant. */
  | Failure<
      "AwardExceedsMaxGrant",
      {
        grantId: string;
        /** The award. */
        amount: Money;
        /** The round's largest single grant. */
        maxGrant: Money;
      }
    >
  /** The instalments of the disbursement plan do not sum to the award. */
  | Failure<
      "DisbursementPlanMismatch",
      {
        grantId: string;
        /** What the instalments sum to. */
        planned: Money;
        /** The award. */
        amount: Money;
      }
    >
  /** An instalment of the plan is 0. */
  | Failure<
      "InstalmentNotPositive",
      {
        grantId: string;
        /** The due date of that instalment. */
        due: IsoDate;
      }
    >
  /** An instalment falls due outside the round's disbursement window. */
  | Failure<
      "InstalmentOutsideWindow",
      {
        grantId: string;
        /** The due date of that instalment. */
        due: IsoDate;
        /** The round's disbursement window. */
        window: DateWindow;
      }
    >
  /** The round requires a benefits-realisation plan and the award has none. */
  | Failure<
      "BenefitsPlanRequired",
      {
        grantId: string;
        /** The round whose policy requires it. */
        roundId: string;
      }
    >
  /** A rejection must give a reason. */
  | Failure<"RejectionWithoutReason", { grantId: string }>
  // disbursing
  /** The command needs a live award (awarded; not closed, renounced or otherwise ended). */
  | Failure<
      "GrantNotAwarded",
      {
        grantId: string;
        /** Where the grant stands; `"none"` when it has no application. */
        status: GrantStatus | "none";
      }
    >
  /** The payment is 0. */
  | Failure<"DisbursementNotPositive", { grantId: string }>
  /** The payment would take the total paid above the award. */
  | Failure<
      "DisbursementExceedsAward",
      {
        grantId: string;
        /** This payment. */
        amount: Money;
        /** What was paid before it. */
        disbursed: Money;
        /** The award. */
        awarded: Money;
        /** What may still be paid: `awarded - disbursed`. */
        remaining: Money;
      }
    >
  /** A payment with this reference is already recorded for the grant: it is not paid twice. */
  | Failure<
      "PaymentAlreadyRecorded",
      {
        grantId: string;
        /** The payment reference given again. */
        paymentRef: string;
      }
    >
  /** The round requires a benefits report between payments, and none was recorded since the last. */
  | Failure<
      "BenefitsReportRequiredBeforeTranche",
      {
        grantId: string;
        /** The number of the refused payment, from 1. */
        tranche: number;
      }
    >
  /** The payment's date is outside the round's disbursement window. */
  | Failure<
      "DisbursementOutsideWindow",
      {
        grantId: string;
        /** When the payment says it was made. */
        disbursedAt: IsoDateTime;
        /** The round's disbursement window. */
        window: DateWindow;
      }
    >
  // reporting
  /** The period reported on ends before it starts. */
  | Failure<
      "InvalidPeriod",
      {
        grantId: string;
        /** The period given. */
        period: Period;
      }
    >
  /** The period shares a day with one reported before. */
  | Failure<
      "OverlappingBenefitsPeriod",
      {
        grantId: string;
        /** The period given. */
        period: Period;
        /** The earlier period it overlaps. */
        existing: Period;
      }
    >
  /** The report lists no benefit. */
  | Failure<"EmptyBenefitsReport", { grantId: string }>
  /** A money figure of a benefit (categories `cost-saving`, `other-parties`) is not whole øre. */
  | Failure<
      "BenefitFigureNotInOre",
      {
        grantId: string;
        /** The position of the benefit in the plan or report, from 0. */
        index: number;
        /** Which figure: `baseline`, `target` or `actual`. */
        field: string;
        /** The figure given. */
        value: number;
      }
    >
  | GrantLifecycleError;

/** The tag of every grant error, e.g. `"AwardExceedsShareCap"`. */
export type GrantErrorTag = GrantError["_tag"];
