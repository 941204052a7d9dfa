import * as E from "fp-ts/lib/Either.js";
import type { AppendError, AppendResult, EventStore, EventToAppend, ExpectedRevision } from "@grantledger/core";
import { toWirePosition } from "./wirePositions.testkit.js";

/** How the test server answers an append, in EventStoreDB's terms rather than the memory store's. */
export type WireAppendOutcome =
  | { readonly kind: "success"; readonly revision: bigint; readonly position: bigint | undefined }
  | { readonly kind: "wrong-expected-version"; readonly current: bigint | "no_stream" }
  | { readonly kind: "failed"; readonly code: number; readonly message: string };

// gRPC status codes the test server answers with.
const INVALID_ARGUMENT = 3;
const PERMISSION_DENIED = 7;
const INTERNAL = 13;
const UNAVAILABLE = 14;

/**
 * Appends through the memory store and answers as EventStoreDB would. Where the two differ:
 * - a batch that repeats some ids of its own stream, under "any", is EventStoreDB's "corrupted
 *   idempotency", answered as a wrong expected version at the stream's current revision;
 * - a re-append answered from history carries no position when `positionOnRetry` is off, as on
 *   older servers;
 * - an id recorded in another stream, which EventStoreDB would write again, cannot be stored by
 *   the memory store: the server says so with INTERNAL rather than pretend.
 */
export const appendAsEventStoreDb = async (
  store: EventStore,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  written: { next: bigint; readonly positionOnRetry: boolean },
): Promise<WireAppendOutcome> => {
  const result = await store.appendToStream(streamName, events, { expectedRevision: expected })();
  if (E.isRight(result)) return success(result.right, written);
  return failure(store, streamName, expected, result.left);
};

const success = (result: AppendResult, written: { next: bigint; readonly positionOnRetry: boolean }): WireAppendOutcome => {
  const retried = result.position < written.next;
  if (!retried) written.next = result.position + 1n;
  const position = result.position < 0n || (retried && !written.positionOnRetry) ? undefined : toWirePosition(result.position);
  return { kind: "success", revision: result.nextExpectedRevision, position };
};

const failure = async (store: EventStore, streamName: string, expected: ExpectedRevision, error: AppendError): Promise<WireAppendOutcome> => {
  switch (error._tag) {
    case "WrongExpectedVersion":
      return { kind: "wrong-expected-version", current: error.actual };
    case "DuplicateEventId": {
      if (error.existingStreamName !== streamName || (expected !== "any" && expected !== "stream_exists")) {
        return { kind: "failed", code: INTERNAL, message: "the wire-format test server cannot store an id twice, which EventStoreDB would" };
      }
      const head = await store.readStream(streamName, { direction: "backwards", maxCount: 1 })();
      const current = E.isRight(head) ? (head.right[0]?.revision ?? "no_stream") : "no_stream";
      return { kind: "wrong-expected-version", current };
    }
    case "InvalidAppend":
      return { kind: "failed", code: INVALID_ARGUMENT, message: error.reason };
    case "AccessDenied":
      return { kind: "failed", code: PERMISSION_DENIED, message: error.reason };
    case "StoreUnavailable":
    case "StoreClosed":
      return { kind: "failed", code: UNAVAILABLE, message: error._tag };
  }
};
