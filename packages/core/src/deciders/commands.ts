import * as t from "io-ts";
import {
  ApplicationEvaluatedData,
  BenefitsReportedData,
  DisbursementInstalment,
  GrantAppliedData,
  GrantDisbursedData,
  GrantRejectedData,
} from "../events/grantEvents.js";
import { PlannedBenefit } from "../events/benefits.js";
import {
  AppealDismissedData,
  AppealUpheldData,
  ApplicationDismissedData,
  ApplicationWithdrawnData,
  AwardAmendedData,
  AwardRenouncedData,
  ConditionsAcceptedData,
  ConflictOfInterestDeclaredData,
  DecisionAppealedData,
  DisbursementReversedData,
  GrantClosedData,
  RepaymentClaimedData,
  RepaymentReceivedData,
} from "../events/grantLifecycleEvents.js";
import {
  FundsCarriedInData,
  FundsCarriedOverData,
  FundsCommittedData,
  FundsReleasedData,
  RoundBudgetAdjustedData,
  RoundClosedData,
  RoundOpenedData,
} from "../events/roundEvents.js";
import { IsoDate } from "../values/isoTime.js";
import { IsoDateTime } from "../values/isoTime.js";
import { Money } from "../values/money.js";
import { EntityId } from "../values/text.js";

const command = <T extends string, D extends t.Mixed>(type: T, data: D) =>
  t.type(
    {
      /** The command's name: tells the commands of a decider apart. */
      type: t.literal(type),
      /** The command's input, checked by the codec before any rule runs. */
      data,
    },
    type,
  );

/*
 * Commands are codecs too, so a service can decode untrusted JSON into a command and get a
 * path-naming error for bad input before any rule runs. Their data mostly mirrors the event
 * each produces; an award takes its round from the application.
 */
/** Opens a funding round with its budget and policy; decides `RoundOpened`. */
export const OpenRound = command("OpenRound", RoundOpenedData);
/** Closes a round to applications and new commitments; decides `RoundClosed`. */
export const CloseRound = command("CloseRound", RoundClosedData);
/** Internal step of an award: reserve the money in the round. */
export const CommitFunds = command("CommitFunds", FundsCommittedData);
/** Internal step: give back (part of) what the round holds for a grant. */
export const ReleaseFunds = command("ReleaseFunds", FundsReleasedData);
const { previousBudget: _derivedBudget, ...adjustment } = RoundBudgetAdjustedData.props;
/** Changes a round's budget, never below what it has committed; decides `RoundBudgetAdjusted`. */
export const AdjustRoundBudget = command("AdjustRoundBudget", t.type(adjustment));
/**
 * Carries money left in a closed round to another round of its scheme: decides
 * `FundsCarriedOver` on this round, and the command handler then records `FundsCarriedIn` on the other.
 */
export const CarryOverFunds = command("CarryOverFunds", FundsCarriedOverData);
/** Internal step of a carry-over: the money arrives in the target round. */
export const ReceiveCarriedFunds = command("ReceiveCarriedFunds", FundsCarriedInData);

/** Applies for a grant in an open round; decides `GrantApplied`. */
export const ApplyForGrant = command("ApplyForGrant", GrantAppliedData);
/** Records the evaluation of an application; decides `ApplicationEvaluated`. */
export const EvaluateApplication = command("EvaluateApplication", ApplicationEvaluatedData);
/**
 * Awards an evaluated grant; decides `GrantAwarded`, and the command handler commits the money
 * in the round first. The round is the application's, so the command does not name it.
 */
export const AwardGrant = command(
  "AwardGrant",
  t.intersection([
    t.type({
      /** The grant to award. */
      grantId: EntityId,
      /** The grant in øre: above 0, within the request, the share cap and the largest grant. */
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
  ]),
);
/** Rejects an undecided application with a reason; decides `GrantRejected`. */
export const RejectApplication = command("RejectApplication", GrantRejectedData);
const { valueDate: _valueDate, ...payment } = GrantDisbursedData.props;
/**
 * Records a payment of an awarded grant; decides `GrantDisbursed`. The value date may be left
 * out: the payment is then of value on the day of `disbursedAt`, as every payment was before
 * version 2 of the event.
 */
export const DisburseGrant = command(
  "DisburseGrant",
  t.intersection([
    t.type(payment),
    t.partial({
      /** The day the money is at the recipient's disposal (the bank's value date); the day of `disbursedAt` when left out. */
      valueDate: IsoDate,
    }),
  ]),
);
/** Reports the benefits an awarded grant realised over a period; decides `BenefitsReported`. */
export const ReportBenefits = command("ReportBenefits", BenefitsReportedData);

const { roundId: _amendedRound, previousAmount: _derivedAmount, ...amendment } = AwardAmendedData.props;
/**
 * Changes an award's amount or plan; decides `AwardAmended`. An increase is committed in the
 * round first (checked against its uncommitted budget, like an award); a decrease is released
 * to the round after. Never below what has been paid net.
 */
export const AmendAward = command("AmendAward", t.type(amendment));
/** The recipient accepts the award's conditions; decides `ConditionsAccepted`. */
export const AcceptConditions = command("AcceptConditions", ConditionsAcceptedData);
/** Reverses a payment recorded in error; decides `DisbursementReversed`. */
export const ReverseDisbursement = command("ReverseDisbursement", DisbursementReversedData);
/** Claims money paid back; decides `RepaymentClaimed`. */
export const ClaimRepayment = command("ClaimRepayment", RepaymentClaimedData);
/** Records a repayment against a claim; decides `RepaymentReceived`. */
export const RecordRepayment = command("RecordRepayment", RepaymentReceivedData);
const { roundId: _closedRound, unpaid: _derivedUnpaid, ...closing } = GrantClosedData.props;
/** Closes an awarded grant with its final report; decides `GrantClosed`, and the unpaid award is released to the round. */
export const CloseGrant = command("CloseGrant", t.type(closing));
/** The applicant withdraws an undecided application; decides `ApplicationWithdrawn`. */
export const WithdrawApplication = command("WithdrawApplication", ApplicationWithdrawnData);
const { roundId: _renouncedRound, ...renouncing } = AwardRenouncedData.props;
/** The recipient renounces an award nothing of which is paid net; decides `AwardRenounced`, and its commitment is released. */
export const RenounceAward = command("RenounceAward", t.type(renouncing));
/** Dismisses an application that cannot be considered (avvisning); decides `ApplicationDismissed`. */
export const DismissApplication = command("DismissApplication", ApplicationDismissedData);
/** Appeals a rejection or dismissal within the round's window; decides `DecisionAppealed`. */
export const AppealDecision = command("AppealDecision", DecisionAppealedData);
/** Upholds a pending appeal: the application is to be evaluated and decided anew; decides `AppealUpheld`. */
export const UpholdAppeal = command("UpholdAppeal", AppealUpheldData);
/** Dismisses a pending appeal: the decision stands; decides `AppealDismissed`. */
export const DismissAppeal = command("DismissAppeal", AppealDismissedData);
/** An evaluator declares a conflict of interest with the application; decides `ConflictOfInterestDeclared`. */
export const DeclareConflictOfInterest = command("DeclareConflictOfInterest", ConflictOfInterestDeclaredData);

/** Every command of the round decider. */
export const RoundCommand = t.union([OpenRound, CloseRound, CommitFunds, ReleaseFunds, AdjustRoundBudget, CarryOverFunds, ReceiveCarriedFunds]);
export type RoundCommand = t.TypeOf<typeof RoundCommand>;

/** Every command of the grant decider. */
export const GrantCommand = t.union([
  ApplyForGrant,
  EvaluateApplication,
  AwardGrant,
  RejectApplication,
  DisburseGrant,
  ReportBenefits,
  AcceptConditions,
  AmendAward,
  ReverseDisbursement,
  ClaimRepayment,
  RecordRepayment,
  CloseGrant,
  WithdrawApplication,
  RenounceAward,
  DismissApplication,
  AppealDecision,
  UpholdAppeal,
  DismissAppeal,
  DeclareConflictOfInterest,
]);
export type GrantCommand = t.TypeOf<typeof GrantCommand>;

export type OpenRound = t.TypeOf<typeof OpenRound>;
export type CloseRound = t.TypeOf<typeof CloseRound>;
export type CommitFunds = t.TypeOf<typeof CommitFunds>;
export type ReleaseFunds = t.TypeOf<typeof ReleaseFunds>;
export type ApplyForGrant = t.TypeOf<typeof ApplyForGrant>;
export type EvaluateApplication = t.TypeOf<typeof EvaluateApplication>;
export type AwardGrant = t.TypeOf<typeof AwardGrant>;
export type RejectApplication = t.TypeOf<typeof RejectApplication>;
export type DisburseGrant = t.TypeOf<typeof DisburseGrant>;
export type ReportBenefits = t.TypeOf<typeof ReportBenefits>;
export type AdjustRoundBudget = t.TypeOf<typeof AdjustRoundBudget>;
export type CarryOverFunds = t.TypeOf<typeof CarryOverFunds>;
export type ReceiveCarriedFunds = t.TypeOf<typeof ReceiveCarriedFunds>;
export type AmendAward = t.TypeOf<typeof AmendAward>;
export type AcceptConditions = t.TypeOf<typeof AcceptConditions>;
export type ReverseDisbursement = t.TypeOf<typeof ReverseDisbursement>;
export type ClaimRepayment = t.TypeOf<typeof ClaimRepayment>;
export type RecordRepayment = t.TypeOf<typeof RecordRepayment>;
export type CloseGrant = t.TypeOf<typeof CloseGrant>;
export type WithdrawApplication = t.TypeOf<typeof WithdrawApplication>;
export type RenounceAward = t.TypeOf<typeof RenounceAward>;
export type DismissApplication = t.TypeOf<typeof DismissApplication>;
export type AppealDecision = t.TypeOf<typeof AppealDecision>;
export type UpholdAppeal = t.TypeOf<typeof UpholdAppeal>;
export type DismissAppeal = t.TypeOf<typeof DismissAppeal>;
export type DeclareConflictOfInterest = t.TypeOf<typeof DeclareConflictOfInterest>;
