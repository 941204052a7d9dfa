import { formatRevision, type StoreError } from "@grantledger/core";

/** One sentence for a store error, naming the stream or operation it happened on. */
export const describeStoreError = (error: StoreError): string => {
  switch (error._tag) {
    case "WrongExpectedVersion":
      return `stream ${error.streamName} is at revision ${formatRevision(error.actual)}, not at ${formatRevision(error.expected)} as expected`;
    case "StreamNotFound":
      return `stream ${error.streamName} has no events`;
    case "StreamDeleted":
      return `stream ${error.streamName} was deleted for good and can be neither read nor written`;
    case "DuplicateEventId":
      return `event ${error.eventId} for ${error.streamName} is already recorded at ${error.existingStreamName}@${error.existingRevision}`;
    case "InvalidAppend":
      return `append to ${error.streamName} refused: ${error.reason}`;
    case "AccessDenied":
      return `access denied (${error.operation}): ${error.reason}`;
    case "StoreUnavailable":
      return `the store is unavailable (${error.operation}): ${error.reason}`;
    case "StoreClosed":
      return `the store is closed (${error.operation})`;
  }
};
