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
  t.type({ type: t.literal(type), data }, type);

/*
 * Commands are codecs too, so a service can decode untrusted JSON into a command and get a
 * path-naming error for bad input before any rule runs. Their data mostly mirrors the event
 * each produces; an award takes its round from the application.
 */
export const OpenRound = command("OpenRound", RoundOpenedData);
export const CloseRound = command("CloseRound", RoundClosedData);
/** Internal step of an award: reserve the money in the round. */
export const CommitFunds = command("CommitFunds", FundsCommittedData);
/** Internal compensation: undo a commitment whose award could not be recorded. */
export const ReleaseFunds = command("ReleaseFunds", FundsReleasedData);

export const ApplyForGrant = command("ApplyForGrant", GrantAppliedData);
export const EvaluateApplication = command("EvaluateApplication", ApplicationEvaluatedData);
export const AwardGrant = command(
  "AwardGrant",
  t.intersection([
    t.type({
      grantId: EntityId,
      amount: Money,
      disbursementPlan: t.array(DisbursementInstalment),
      conditions: t.array(t.string),
      awardedAt: IsoDateTime,
    }),
    t.partial({ benefitsPlan: t.array(PlannedBenefit) }),
  ]),
);
export const RejectApplication = command("RejectApplication", GrantRejectedData);
export const DisburseGrant = command("DisburseGrant", GrantDisbursedData);
export const ReportBenefits = command("ReportBenefits", BenefitsReportedData);

export const RoundCommand = t.union([OpenRound, CloseRound, CommitFunds, ReleaseFunds]);
export type RoundCommand = t.TypeOf<typeof RoundCommand>;

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
