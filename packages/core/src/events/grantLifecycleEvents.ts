import * as t from "io-ts";
import { IsoDate, IsoDateTime } from "../values/isoTime.js";
import { Money } from "../values/money.js";
import { EntityId, NonEmptyText } from "../values/text.js";
import { ReportedBenefit } from "./benefits.js";

/*
 * What happens to a grant around and after its decision: the recipient's acceptance, amendments,
 * reversals, repayments, closing, withdrawal and renouncing, dismissal and appeal, and the
 * evaluator's declaration of a conflict of interest. Each event's data is what its command
 * gives, plus the figures the decider derived (a previous amount, what returns to the round).
 */

/** One planned payment of an award. */
export const DisbursementInstalment = t.type({
  /** When it falls due; inside the round's disbursement window. */
  due: IsoDate,
  /** How much, in øre; above 0. */
  amount: Money,
});
export type DisbursementInstalment = t.TypeOf<typeof DisbursementInstalment>;

/** The recipient accepted the award's conditions ("forutsatt at vilkårene aksepteres"). */
export const ConditionsAcceptedData = t.type({
  /** The grant awarded. */
  grantId: EntityId,
  /** Who accepted on the recipient's behalf. */
  acceptedBy: NonEmptyText,
  /** When they accepted; not before the award. */
  acceptedAt: IsoDateTime,
});

/** The award's amount or plan changed; an increase was committed in the round just before. */
export const AwardAmendedData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** The round the money comes from (the application's). */
  roundId: EntityId,
  /** The amount before, in øre. */
  previousAmount: Money,
  /** The new amount, in øre: above 0, not below what has been paid net, within the share cap and the largest grant. */
  amount: Money,
  /** The new plan of payments; sums to exactly `amount`. */
  disbursementPlan: t.array(DisbursementInstalment),
  /** Why, in words the recipient can be told. */
  reason: NonEmptyText,
  /** When the amendment was decided; not before the award. */
  amendedAt: IsoDateTime,
});

/** A payment recorded in error was reversed; its reference can then be paid again. */
export const DisbursementReversedData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** The payment reversed: a reference paid and not reversed since. */
  paymentRef: NonEmptyText,
  /** The amount of that payment, in øre (the whole payment is reversed). */
  amount: Money,
  /** Why, e.g. "wrong amount" or "wrong recipient". */
  reason: NonEmptyText,
  /** When it was reversed; not before the payment. */
  reversedAt: IsoDateTime,
});

/** Money paid is claimed back (tilbakebetaling), e.g. because a condition was not followed. */
export const RepaymentClaimedData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** The claim, unique within the grant; repayments name it. */
  claimId: EntityId,
  /** The amount claimed, in øre: above 0; the grant's open claims never exceed what it was paid net. */
  amount: Money,
  /** Why the money is claimed back. */
  reason: NonEmptyText,
  /** When it was claimed. */
  claimedAt: IsoDateTime,
});

/** A repayment against a claim arrived; a claim can be repaid in parts. */
export const RepaymentReceivedData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** The claim repaid. */
  claimId: EntityId,
  /** In øre: above 0, at most what is still owed on the claim. */
  amount: Money,
  /** When it arrived; not before the claim. */
  receivedAt: IsoDateTime,
});

/** The grant was closed with its final report; what was awarded and not paid returns to the round. */
export const GrantClosedData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** The round the unpaid money returns to. */
  roundId: EntityId,
  /** The final report. */
  finalReport: t.intersection([
    t.type({
      /** What the project delivered, in words. */
      summary: NonEmptyText,
    }),
    t.partial({
      /** The benefits realised over the whole project. */
      benefits: t.array(ReportedBenefit),
    }),
  ]),
  /** What was awarded and not paid net of reversals and repayments, in øre: released to the round. */
  unpaid: Money,
  /** When it was closed; not before the award. */
  closedAt: IsoDateTime,
});

/** The applicant withdrew the application before a decision. */
export const ApplicationWithdrawnData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** Why, as the applicant said it. */
  reason: NonEmptyText,
  /** When it was withdrawn. */
  withdrawnAt: IsoDateTime,
});

/** The recipient renounced an award before anything of it was paid net; its commitment is released. */
export const AwardRenouncedData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** The round whose commitment is released. */
  roundId: EntityId,
  /** Why, as the recipient said it. */
  reason: NonEmptyText,
  /** When it was renounced; not before the award. */
  renouncedAt: IsoDateTime,
});

/** An application that cannot be considered (avvisning: late, incomplete, outside the scheme), decided with its reason. */
export const ApplicationDismissedData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** Why it cannot be considered. */
  reason: NonEmptyText,
  /** When it was dismissed. */
  dismissedAt: IsoDateTime,
});

/** The applicant appealed (klage) a rejection or dismissal within the round's appeal window. */
export const DecisionAppealedData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** The applicant's grounds. */
  grounds: NonEmptyText,
  /** When the appeal was lodged: within `appealWindowDays` of the decision. */
  appealedAt: IsoDateTime,
});

/** The appeal was upheld: the decision is set aside and the application is evaluated and decided anew. */
export const AppealUpheldData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** Why the appeal succeeded. */
  reason: NonEmptyText,
  /** When it was decided; not before the appeal. */
  decidedAt: IsoDateTime,
});

/** The appeal was dismissed with a reason: the decision stands, finally. */
export const AppealDismissedData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** Why the decision stands. */
  reason: NonEmptyText,
  /** When it was decided; not before the appeal. */
  decidedAt: IsoDateTime,
});

/** An evaluator declared a conflict of interest (inhabilitet) with the applicant: they may not evaluate this application. */
export const ConflictOfInterestDeclaredData = t.type({
  /** The grant. */
  grantId: EntityId,
  /** The evaluator, as the actor that gives commands (the command context's `actor`). */
  evaluator: NonEmptyText,
  /** The tie to the applicant, in words. */
  reason: NonEmptyText,
  /** When it was declared. */
  declaredAt: IsoDateTime,
});

const event = <T extends string, D extends t.Mixed>(type: T, data: D) =>
  t.type({
    /** The event's name: tells the events of a stream apart. */
    type: t.literal(type),
    /** What happened. */
    data,
  });

/** The recipient accepted the conditions. */
export const ConditionsAccepted = event("ConditionsAccepted", ConditionsAcceptedData);
/** An award was amended. */
export const AwardAmended = event("AwardAmended", AwardAmendedData);
/** A payment was reversed. */
export const DisbursementReversed = event("DisbursementReversed", DisbursementReversedData);
/** Money paid was claimed back. */
export const RepaymentClaimed = event("RepaymentClaimed", RepaymentClaimedData);
/** A repayment arrived. */
export const RepaymentReceived = event("RepaymentReceived", RepaymentReceivedData);
/** A grant was closed. */
export const GrantClosed = event("GrantClosed", GrantClosedData);
/** An application was withdrawn. */
export const ApplicationWithdrawn = event("ApplicationWithdrawn", ApplicationWithdrawnData);
/** An award was renounced. */
export const AwardRenounced = event("AwardRenounced", AwardRenouncedData);
/** An application was dismissed without consideration. */
export const ApplicationDismissed = event("ApplicationDismissed", ApplicationDismissedData);
/** A rejection or dismissal was appealed. */
export const DecisionAppealed = event("DecisionAppealed", DecisionAppealedData);
/** An appeal was upheld. */
export const AppealUpheld = event("AppealUpheld", AppealUpheldData);
/** An appeal was dismissed. */
export const AppealDismissed = event("AppealDismissed", AppealDismissedData);
/** An evaluator declared a conflict of interest. */
export const ConflictOfInterestDeclared = event("ConflictOfInterestDeclared", ConflictOfInterestDeclaredData);

export type ConditionsAccepted = t.TypeOf<typeof ConditionsAccepted>;
export type AwardAmended = t.TypeOf<typeof AwardAmended>;
export type DisbursementReversed = t.TypeOf<typeof DisbursementReversed>;
export type RepaymentClaimed = t.TypeOf<typeof RepaymentClaimed>;
export type RepaymentReceived = t.TypeOf<typeof RepaymentReceived>;
export type GrantClosed = t.TypeOf<typeof GrantClosed>;
export type ApplicationWithdrawn = t.TypeOf<typeof ApplicationWithdrawn>;
export type AwardRenounced = t.TypeOf<typeof AwardRenounced>;
export type ApplicationDismissed = t.TypeOf<typeof ApplicationDismissed>;
export type DecisionAppealed = t.TypeOf<typeof DecisionAppealed>;
export type AppealUpheld = t.TypeOf<typeof AppealUpheld>;
export type AppealDismissed = t.TypeOf<typeof AppealDismissed>;
export type ConflictOfInterestDeclared = t.TypeOf<typeof ConflictOfInterestDeclared>;
