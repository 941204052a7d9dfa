import type { HandlerError, LedgerError, RoundError } from "@grantledger/core";
import type { Explanation } from "./explanation.js";
import { explainGrantError } from "./explainGrantError.js";
import { explainHandlerError } from "./explainHandlerError.js";
import { explainRoundError } from "./explainRoundError.js";

/*
 * The tags of two of the three families, as records over the tag unions: a tag added to
 * either union and not listed here is a compile error, as it is in the family's own switch.
 */
const ROUND_TAGS: Readonly<Record<RoundError["_tag"], true>> = {
  RoundAlreadyOpened: true,
  RoundNotFound: true,
  RoundIsClosed: true,
  RoundBudgetNotPositive: true,
  InvalidDisbursementWindow: true,
  InconsistentPolicy: true,
  AwardExceedsRemainingBudget: true,
  CommitmentMismatch: true,
  NoCommitmentToRelease: true,
  BudgetBelowCommitted: true,
  BudgetChangesNothing: true,
  CarryOverFromOpenRound: true,
  RoundsOfDifferentSchemes: true,
  CarryOverExceedsRemaining: true,
};

const HANDLER_TAGS: Readonly<Record<HandlerError["_tag"], true>> = {
  InvalidCommand: true,
  ConcurrencyRetriesExhausted: true,
  WrongExpectedVersion: true,
  DuplicateEventId: true,
  InvalidAppend: true,
  AccessDenied: true,
  StreamDeleted: true,
  StoreUnavailable: true,
  StoreClosed: true,
  EventDecodeFailed: true,
  UnexpectedEventInStream: true,
  BrokenHashChain: true,
  BusinessTimeInFuture: true,
  CommandIdReused: true,
};

const isRoundError = (e: LedgerError): e is RoundError => Object.hasOwn(ROUND_TAGS, e._tag);
const isHandlerError = (e: LedgerError): e is HandlerError => Object.hasOwn(HANDLER_TAGS, e._tag);

/** Any error a ledger command returns, with its status and sentence. */
export const explainLedgerError = (e: LedgerError): Explanation =>
  isHandlerError(e) ? explainHandlerError(e) : isRoundError(e) ? explainRoundError(e) : explainGrantError(e);
