import { formatRevision, type HandlerError } from "@grantledger/core";
import { conflict, gone, internal, invalid, unavailable, unhandled, type Explanation } from "./explanation.js";

/**
 * What can stop a command besides a business rule. Bad input is the client's to fix (422), a
 * business time after the ledger's clock too; a lost race may pass when retried (409); an
 * unreachable store may come back (503); a history that does not read back as it was written is
 * the operator's to look into (500); a stream an operator deleted for good is gone (410).
 */
export const explainHandlerError = (e: HandlerError): Explanation => {
  switch (e._tag) {
    case "InvalidCommand":
      return invalid(`The ${e.command} command is not valid at ${e.path === "" ? "its top level" : e.path}: ${e.reason}.`);
    case "ConcurrencyRetriesExhausted":
      return conflict(`Other writers kept changing ${e.streamName}; ${e.attempts} attempts lost the race and nothing was recorded. Try again.`);
    case "WrongExpectedVersion":
      return conflict(`Stream ${e.streamName} is at revision ${formatRevision(e.actual)}, not at ${formatRevision(e.expected)} as expected; nothing was recorded.`);
    case "DuplicateEventId":
      return conflict(`Event ${e.eventId} is already recorded at ${e.existingStreamName}@${e.existingRevision}.`);
    case "InvalidAppend":
      return internal(`The store refused an append to ${e.streamName}: ${e.reason}.`);
    case "AccessDenied":
      return internal(`The event store refused the service's write (${e.operation}): ${e.reason}. Its credentials may only read.`);
    case "StreamDeleted":
      return gone(`Stream ${e.streamName} was deleted for good; nothing can be recorded in it again.`);
    case "StoreUnavailable":
      return unavailable(`The event store is unavailable (${e.operation}): ${e.reason}.`);
    case "StoreClosed":
      return unavailable(`The event store is closed (${e.operation}); the service is shutting down.`);
    case "EventDecodeFailed":
      return internal(`The ${e.type} at ${e.streamName}@${e.revision} does not decode at ${e.path}: ${e.reason}.`);
    case "UnexpectedEventInStream":
      return internal(`Stream ${e.streamName} holds a ${e.type} at revision ${e.revision}, which does not belong there.`);
    case "BrokenHashChain":
      return internal(`Stream ${e.streamName} was changed: the event at revision ${e.revision} does not link to its predecessor's hash.`);
    case "CommandIdReused":
      return conflict(
        `Idempotency-Key ${e.commandId} was used before for a ${e.recordedCommand} (recorded in ${e.streamName}) that is not this ${e.command}: nothing was recorded. Give each new command its own key.`,
      );
    case "BusinessTimeInFuture":
      return invalid(`The ${e.command} command's ${e.field.replace(/^data\./, "")} is ${e.at}, after the ledger's clock (${e.now}): nothing is recorded as done in the future.`);
    default:
      return unhandled(e);
  }
};
