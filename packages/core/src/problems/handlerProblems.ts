import type { HandlerError } from "../handler/handlerErrors.js";
import { formatRevision } from "../store/expectedRevision.js";
import type { StoreError } from "../store/storeErrors.js";
import type { ProblemRules } from "./problemRule.js";

/** What can stop a command besides a business rule, and every error of the `EventStore` port. */
export type HandlerProblemError = HandlerError | StoreError;

/**
 * The problems of what can stop a command besides a business rule. Input that does not pass the
 * command's codec is the client's to fix (422), and so is a business time after the ledger's
 * clock; a lost race may pass when retried (409), and a command id used for another command is
 * refused (409); an unreachable or closed store may come back (503); a history that does not read
 * back as it was written, or a store that refuses the ledger's writes, is the operator's to look
 * into (500); a stream deleted for good is gone (410); a stream with no events is not found (404).
 */
export const HANDLER_PROBLEMS: ProblemRules<HandlerProblemError> = {
  InvalidCommand: { status: 422, detail: (e) => `The ${e.command} command is not valid at ${e.path === "" ? "its top level" : e.path}: ${e.reason}.` },
  ConcurrencyRetriesExhausted: { status: 409, detail: (e) => `Other writers kept changing ${e.streamName}; ${e.attempts} attempts lost the race and nothing was recorded. Try again.` },
  WrongExpectedVersion: { status: 409, detail: (e) => `Stream ${e.streamName} is at revision ${formatRevision(e.actual)}, not at ${formatRevision(e.expected)} as expected; nothing was recorded.` },
  DuplicateEventId: { status: 409, detail: (e) => `Event ${e.eventId} is already recorded at ${e.existingStreamName}@${e.existingRevision}.` },
  InvalidAppend: { status: 500, detail: (e) => `The store refused an append to ${e.streamName}: ${e.reason}.` },
  AccessDenied: { status: 500, detail: (e) => `The event store refused the service's write (${e.operation}): ${e.reason}. Its credentials may only read.` },
  StreamDeleted: { status: 410, detail: (e) => `Stream ${e.streamName} was deleted for good; nothing can be recorded in it again.` },
  StreamNotFound: { status: 404, detail: (e) => `Stream ${e.streamName} has no events.` },
  StoreUnavailable: { status: 503, detail: (e) => `The event store is unavailable (${e.operation}): ${e.reason}.` },
  StoreClosed: { status: 503, detail: (e) => `The event store is closed (${e.operation}); the service is shutting down.` },
  EventDecodeFailed: { status: 500, detail: (e) => `The ${e.type} at ${e.streamName}@${e.revision} does not decode at ${e.path}: ${e.reason}.` },
  UnexpectedEventInStream: { status: 500, detail: (e) => `Stream ${e.streamName} holds a ${e.type} at revision ${e.revision}, which does not belong there.` },
  BrokenHashChain: { status: 500, detail: (e) => `Stream ${e.streamName} was changed: the event at revision ${e.revision} does not link to its predecessor's hash.` },
  CommandIdReused: { status: 409, detail: (e) => `Idempotency-Key ${e.commandId} was used before for a ${e.recordedCommand} (recorded in ${e.streamName}) that is not this ${e.command}: nothing was recorded. Give each new command its own key.` },
  BusinessTimeInFuture: { status: 422, detail: (e) => `The ${e.command} command's ${e.field.replace(/^data\./, "")} is ${e.at}, after the ledger's clock (${e.now}): nothing is recorded as done in the future.` },
};
