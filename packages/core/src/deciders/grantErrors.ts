import type { Period } from "../events/benefits.js";
import type { OrganisationKind } from "../events/parties.js";
import type { DateWindow } from "../events/roundEvents.js";
import type { IsoDate, IsoDateTime } from "../values/isoTime.js";
import type { Money } from "../values/money.js";
import type { GrantStatus } from "./grantState.js";

type Failure<Tag extends string, Fields = object> = { readonly _tag: Tag } & Readonly<Fields>;

/** Every rule a grant's decider enforces, one tagged error each, with its figures. */
export type GrantError =
  // applying
  | Failure<"GrantAlreadyApplied", { grantId: string }>
  | Failure<"ApplicationAfterDeadline", { grantId: string; appliedAt: IsoDateTime; deadline: IsoDateTime }>
  | Failure<"ApplicantNotEligible", { grantId: string; kind: OrganisationKind; eligible: readonly OrganisationKind[] }>
  | Failure<"RequestedAmountNotPositive", { grantId: string }>
  | Failure<"RequestExceedsShareCap", { grantId: string; requested: Money; totalCost: Money; maxShareBps: number; cap: Money }>
  | Failure<"RequestExceedsMaxGrant", { grantId: string; requested: Money; maxGrant: Money }>
  | Failure<"ProjectCostBelowMinimum", { grantId: string; totalCost: Money; minProjectCost: Money }>
  | Failure<"ProjectCostAboveMaximum", { grantId: string; totalCost: Money; maxProjectCost: Money }>
  | Failure<"NoParticipants", { grantId: string }>
  | Failure<"DuplicateParticipant", { grantId: string; participant: string }>
  | Failure<"ParticipantWithoutShare", { grantId: string; participant: string }>
  | Failure<"ParticipantSharesNotWhole", { grantId: string; sumBps: number }>
  // evaluating and deciding
  | Failure<"GrantNotFound", { grantId: string }>
  | Failure<"GrantAlreadyEvaluated", { grantId: string }>
  | Failure<"GrantAlreadyDecided", { grantId: string; status: GrantStatus }>
  | Failure<"RecommendedAmountExceedsRequest", { grantId: string; recommended: Money; requested: Money }>
  | Failure<"GrantNotEvaluated", { grantId: string }>
  | Failure<"AwardNotPositive", { grantId: string }>
  | Failure<"AwardExceedsRequest", { grantId: string; amount: Money; requested: Money }>
  | Failure<"AwardExceedsShareCap", { grantId: string; amount: Money; totalCost: Money; maxShareBps: number; cap: Money }>
  | Failure<"AwardExceedsMaxGrant", { grantId: string; amount: Money; maxGrant: Money }>
  | Failure<"DisbursementPlanMismatch", { grantId: string; planned: Money; amount: Money }>
  | Failure<"InstalmentNotPositive", { grantId: string; due: IsoDate }>
  | Failure<"InstalmentOutsideWindow", { grantId: string; due: IsoDate; window: DateWindow }>
  | Failure<"BenefitsPlanRequired", { grantId: string; roundId: string }>
  | Failure<"RejectionWithoutReason", { grantId: string }>
  // disbursing
  | Failure<"GrantNotAwarded", { grantId: string; status: GrantStatus | "none" }>
  | Failure<"DisbursementNotPositive", { grantId: string }>
  | Failure<"DisbursementExceedsAward", { grantId: string; amount: Money; disbursed: Money; awarded: Money; remaining: Money }>
  | Failure<"PaymentAlreadyRecorded", { grantId: string; paymentRef: string }>
  | Failure<"BenefitsReportRequiredBeforeTranche", { grantId: string; tranche: number }>
  | Failure<"DisbursementOutsideWindow", { grantId: string; disbursedAt: IsoDateTime; window: DateWindow }>
  // reporting
  | Failure<"InvalidPeriod", { grantId: string; period: Period }>
  | Failure<"OverlappingBenefitsPeriod", { grantId: string; period: Period; existing: Period }>
  | Failure<"EmptyBenefitsReport", { grantId: string }>
  | Failure<"BenefitFigureNotInOre", { grantId: string; index: number; field: string; value: number }>;

export type GrantErrorTag = GrantError["_tag"];
