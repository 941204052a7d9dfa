import * as t from "io-ts";
import { IsoDate, IsoDateTime } from "../values/isoTime.js";
import { Money } from "../values/money.js";
import { EntityId, NonEmptyText } from "../values/text.js";
import { Period, PlannedBenefit, ReportedBenefit } from "./benefits.js";
import { Applicant, Participant } from "./parties.js";

const Score = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0 && n <= 100, "Score0to100");

export const GrantAppliedData = t.type({
  grantId: EntityId,
  roundId: EntityId,
  applicant: Applicant,
  participants: t.array(Participant),
  project: t.intersection([t.type({ title: NonEmptyText }), t.partial({ summary: t.string })]),
  totalCost: Money,
  requested: Money,
  appliedAt: IsoDateTime,
});

export const ApplicationEvaluatedData = t.intersection([
  t.type({
    grantId: EntityId,
    score: Score,
    recommendation: t.keyof({ award: null, reject: null }),
    evaluator: NonEmptyText,
    evaluatedAt: IsoDateTime,
  }),
  t.partial({ recommendedAmount: Money, notes: t.string }),
]);

export const DisbursementInstalment = t.type({ due: IsoDate, amount: Money });
export type DisbursementInstalment = t.TypeOf<typeof DisbursementInstalment>;

export const GrantAwardedData = t.intersection([
  t.type({
    grantId: EntityId,
    roundId: EntityId,
    amount: Money,
    disbursementPlan: t.array(DisbursementInstalment),
    conditions: t.array(t.string),
    awardedAt: IsoDateTime,
  }),
  t.partial({ benefitsPlan: t.array(PlannedBenefit) }),
]);

export const GrantRejectedData = t.type({ grantId: EntityId, reason: NonEmptyText, rejectedAt: IsoDateTime });

export const GrantDisbursedData = t.type({
  grantId: EntityId,
  amount: Money,
  paymentRef: NonEmptyText,
  disbursedAt: IsoDateTime,
});

export const BenefitsReportedData = t.type({
  grantId: EntityId,
  period: Period,
  benefits: t.array(ReportedBenefit),
  reportedAt: IsoDateTime,
});

export const GrantApplied = t.type({ type: t.literal("GrantApplied"), data: GrantAppliedData });
export const ApplicationEvaluated = t.type({ type: t.literal("ApplicationEvaluated"), data: ApplicationEvaluatedData });
export const GrantAwarded = t.type({ type: t.literal("GrantAwarded"), data: GrantAwardedData });
export const GrantRejected = t.type({ type: t.literal("GrantRejected"), data: GrantRejectedData });
export const GrantDisbursed = t.type({ type: t.literal("GrantDisbursed"), data: GrantDisbursedData });
export const BenefitsReported = t.type({ type: t.literal("BenefitsReported"), data: BenefitsReportedData });

export type GrantApplied = t.TypeOf<typeof GrantApplied>;
export type ApplicationEvaluated = t.TypeOf<typeof ApplicationEvaluated>;
export type GrantAwarded = t.TypeOf<typeof GrantAwarded>;
export type GrantRejected = t.TypeOf<typeof GrantRejected>;
export type GrantDisbursed = t.TypeOf<typeof GrantDisbursed>;
export type BenefitsReported = t.TypeOf<typeof BenefitsReported>;

/** Every event of a `grant-<grantId>` stream. */
export const GrantEvent = t.union([
  GrantApplied,
  ApplicationEvaluated,
  GrantAwarded,
  GrantRejected,
  GrantDisbursed,
  BenefitsReported,
]);
export type GrantEvent = t.TypeOf<typeof GrantEvent>;
