import * as t from "io-ts";
import { IsoDate, IsoDateTime } from "../values/isoTime.js";
import { Money } from "../values/money.js";
import { EntityId, NonEmptyText } from "../values/text.js";
import { Period, PlannedBenefit, ReportedBenefit } from "./benefits.js";
import { Applicant, Participant } from "./parties.js";
import {
  AppealDismissed,
  AppealUpheld,
  ApplicationDismissed,
  ApplicationWithdrawn,
  AwardAmended,
  AwardRenounced,
  ConditionsAccepted,
  ConflictOfInterestDeclared,
  DecisionAppealed,
  DisbursementInstalment,
  DisbursementReversed,
  GrantClosed,
  RepaymentClaimed,
  RepaymentReceived,
} from "./grantLifecycleEvents.js";

export { DisbursementInstalment };

const Score = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0 && n <= 100, "Score0to100");

/** An application for a grant in a round: who applies, for whom, for what project and how much. */
export const GrantAppliedData = t.type({
  /** The grant this application opens; its stream is `grant-<grantId>`. */
  grantId: EntityId,
  /** The round applied to; it must be open and its deadline not passed. */
  roundId: EntityId,
  /** The responsible grant recipient, whose kind the round must find eligible. */
  applicant: Applicant,
  /** Whom the project is for, with shares in basis points that sum to exactly 10 000. */
  participants: t.array(Participant),
  /** What the money is for. */
  project: t.intersection([
    t.type({
      /** The project's name. */
      title: NonEmptyText,
    }),
    t.partial({
      /** A short description, free text. */
      summary: t.string,
    }),
  ]),
  /** The project's total cost in øre; the share cap and the round's cost bounds apply to it. */
  totalCost: Money,
  /** The grant applied for, in øre: above 0, within the share cap and the round's largest grant. */
  requested: Money,
  /** When the application was made; after the round's deadline it is refused. */
  appliedAt: IsoDateTime,
});

/** The case officer's assessment of an application: once per grant, before any decision. */
export const ApplicationEvaluatedData = t.intersection([
  t.type({
    /** The grant evaluated. */
    grantId: EntityId,
    /** The assessment as a whole number from 0 to 100. */
    score: Score,
    /** What the evaluator advises; the decision that follows may differ. */
    recommendation: t.keyof({
      /** Advises awarding the grant. */
      award: null,
      /** Advises rejecting the application. */
      reject: null,
    }),
    /** Who evaluated: a person or a committee. */
    evaluator: NonEmptyText,
    /** When the evaluation was made. */
    evaluatedAt: IsoDateTime,
  }),
  t.partial({
    /** The amount the evaluator advises, in øre; never above the amount requested. */
    recommendedAmount: Money,
    /** The evaluator's remarks, free text. */
    notes: t.string,
  }),
]);


/**
 * The decision to award an evaluated grant. The round's `FundsCommitted` for the same amount is
 * written just before it, so the budget can never be over-committed.
 */
export const GrantAwardedData = t.intersection([
  t.type({
    /** The grant awarded. */
    grantId: EntityId,
    /** The round the money comes from: the one the application was made to. */
    roundId: EntityId,
    /** The grant in øre: above 0, not above the request, the share cap or the largest grant. */
    amount: Money,
    /** When the money is to be paid; the instalments sum to exactly `amount`. */
    disbursementPlan: t.array(DisbursementInstalment),
    /** Conditions attached to the grant, in plain words. */
    conditions: t.array(t.string),
    /** When the award was decided. */
    awardedAt: IsoDateTime,
  }),
  t.partial({
    /** The benefits the project is to realise; required where the round's policy says so. */
    benefitsPlan: t.array(PlannedBenefit),
    /** The dates benefits reports are due, in order; each report recorded satisfies the earliest one still open. */
    reportsDue: t.array(IsoDate),
  }),
]);

/** The decision to reject an undecided application; every rejection gives its reason. */
export const GrantRejectedData = t.type({
  /** The grant rejected. */
  grantId: EntityId,
  /** Why, in words the applicant can be told. */
  reason: NonEmptyText,
  /** When the rejection was decided. */
  rejectedAt: IsoDateTime,
});

/**
 * One payment of an awarded grant; the payments never add up to more than the award. Version 2
 * (docs/events.md, "Versions"): version 1 had no `valueDate`, and is read with the day of its
 * `disbursedAt` as one.
 */
export const GrantDisbursedData = t.type({
  /** The grant paid. */
  grantId: EntityId,
  /** This payment in øre; above 0. */
  amount: Money,
  /** The payment's reference in the paying system; each reference is paid once per grant. */
  paymentRef: NonEmptyText,
  /** When it was paid (booked: the payment order given in the paying system); its day inside the round's disbursement window. */
  disbursedAt: IsoDateTime,
  /**
   * The day the money is at the recipient's disposal (the bank's value date, valutadato): it
   * decides the budget year the payment is charged to (the state accounts are kept on a cash
   * basis). A payment booked on 30 December may have its value date in January.
   */
  valueDate: IsoDate,
});

/** A report of the benefits an awarded grant realised over one period. */
export const BenefitsReportedData = t.type({
  /** The grant reported on. */
  grantId: EntityId,
  /** The dates reported on, both included; never overlapping a period reported before. */
  period: Period,
  /** What was realised, one line per benefit; not empty. */
  benefits: t.array(ReportedBenefit),
  /** When the report was made. */
  reportedAt: IsoDateTime,
});

/** An application was made: the first event of every grant stream. */
export const GrantApplied = t.type({
  /** Always `"GrantApplied"`: tells the events of a stream apart. */
  type: t.literal("GrantApplied"),
  /** What happened: see {@link GrantAppliedData}. */
  data: GrantAppliedData,
});
/** An application was evaluated. */
export const ApplicationEvaluated = t.type({
  /** Always `"ApplicationEvaluated"`: tells the events of a stream apart. */
  type: t.literal("ApplicationEvaluated"),
  /** What happened: see {@link ApplicationEvaluatedData}. */
  data: ApplicationEvaluatedData,
});
/** A grant was awarded. */
export const GrantAwarded = t.type({
  /** Always `"GrantAwarded"`: tells the events of a stream apart. */
  type: t.literal("GrantAwarded"),
  /** What happened: see {@link GrantAwardedData}. */
  data: GrantAwardedData,
});
/** An application was rejected; the grant's last event. */
export const GrantRejected = t.type({
  /** Always `"GrantRejected"`: tells the events of a stream apart. */
  type: t.literal("GrantRejected"),
  /** What happened: see {@link GrantRejectedData}. */
  data: GrantRejectedData,
});
/** A payment of an awarded grant was made. */
export const GrantDisbursed = t.type({
  /** Always `"GrantDisbursed"`: tells the events of a stream apart. */
  type: t.literal("GrantDisbursed"),
  /** What happened: see {@link GrantDisbursedData}. */
  data: GrantDisbursedData,
});
/** Benefits were reported for a period. */
export const BenefitsReported = t.type({
  /** Always `"BenefitsReported"`: tells the events of a stream apart. */
  type: t.literal("BenefitsReported"),
  /** What happened: see {@link BenefitsReportedData}. */
  data: BenefitsReportedData,
});

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
  ConditionsAccepted,
  AwardAmended,
  DisbursementReversed,
  RepaymentClaimed,
  RepaymentReceived,
  GrantClosed,
  ApplicationWithdrawn,
  AwardRenounced,
  ApplicationDismissed,
  DecisionAppealed,
  AppealUpheld,
  AppealDismissed,
  ConflictOfInterestDeclared,
]);
export type GrantEvent = t.TypeOf<typeof GrantEvent>;
