import { IsoDateTime } from "../values/isoTime.js";
import type { DomainEventType } from "./domainEvent.js";

/**
 * The field of each event type that holds its business time: when the fact happened in the
 * world (the award decided, the money paid), as opposed to when the ledger recorded it.
 * `RoundOpened` has none (a call for applications is the premise of everything in its round);
 * `FundsCommitted` and `FundsReleased` have one from version 0.2 on.
 */
export const BUSINESS_TIME_FIELDS: Readonly<Record<DomainEventType, string | undefined>> = {
  RoundOpened: undefined,
  FundsCommitted: "committedAt",
  FundsReleased: "releasedAt",
  RoundClosed: "closedAt",
  RoundBudgetAdjusted: "adjustedAt",
  FundsCarriedOver: "carriedAt",
  FundsCarriedIn: "carriedAt",
  GrantApplied: "appliedAt",
  ApplicationEvaluated: "evaluatedAt",
  GrantAwarded: "awardedAt",
  GrantRejected: "rejectedAt",
  GrantDisbursed: "disbursedAt",
  BenefitsReported: "reportedAt",
  ConditionsAccepted: "acceptedAt",
  AwardAmended: "amendedAt",
  DisbursementReversed: "reversedAt",
  RepaymentClaimed: "claimedAt",
  RepaymentReceived: "receivedAt",
  GrantClosed: "closedAt",
  ApplicationWithdrawn: "withdrawnAt",
  AwardRenounced: "renouncedAt",
  ApplicationDismissed: "dismissedAt",
  DecisionAppealed: "appealedAt",
  AppealUpheld: "decidedAt",
  AppealDismissed: "decidedAt",
  ConflictOfInterestDeclared: "declaredAt",
};

const fieldOf = (type: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(BUSINESS_TIME_FIELDS, type) ? BUSINESS_TIME_FIELDS[type as DomainEventType] : undefined;

/**
 * An event's own business time (see {@link BUSINESS_TIME_FIELDS}), read from its data as
 * stored: `undefined` for a type without one, an event written before the field existed, or
 * a value that is not an ISO-8601 time with a zone. Works on undecoded data, so a reader can
 * ask before (or without) decoding.
 */
export const businessTimeOf = (event: { readonly type: string; readonly data: unknown }): IsoDateTime | undefined => {
  const field = fieldOf(event.type);
  if (field === undefined || typeof event.data !== "object" || event.data === null) return undefined;
  const value: unknown = (event.data as Record<string, unknown>)[field];
  return typeof value === "string" && IsoDateTime.is(value) ? value : undefined;
};
