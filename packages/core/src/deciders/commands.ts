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
import { FundsCommittedData, FundsReleasedData, RoundClosedData, RoundOpenedData } from "../events/roundEvents.js";
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
/** Internal compensation: undo a commitment whose award could not be recorded. */
export const ReleaseFunds = command("ReleaseFunds", FundsReleasedData);

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
    }),
  ]),
);
/** Rejects an undecided application with a reason; decides `GrantRejected`. */
export const RejectApplication = command("RejectApplication", GrantRejectedData);
/** Records a payment of an awarded grant; decides `GrantDisbursed`. */
export const DisburseGrant = command("DisburseGrant", GrantDisbursedData);
/** Reports the benefits an awarded grant realised over a period; decides `BenefitsReported`. */
export const ReportBenefits = command("ReportBenefits", BenefitsReportedData);

/** Every command of the round decider. */
export const RoundCommand = t.union([OpenRound, CloseRound, CommitFunds, ReleaseFunds]);
export type RoundCommand = t.TypeOf<typeof RoundCommand>;

/** Every command of the grant decider. */
export const GrantCommand = t.union([
  ApplyForGrant,
  EvaluateApplication,
  AwardGrant,
  RejectApplication,
  DisburseGrant,
  ReportBenefits,
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
