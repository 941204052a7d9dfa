import { ANY, NO_STREAM, STREAM_EXISTS } from "@eventstore/db-client";
import type { AppendExpectedRevision, CurrentRevision as EsdbCurrentRevision } from "@eventstore/db-client";
import type { CurrentRevision, ExpectedRevision } from "@grantledger/core";

/**
 * The client's spelling of an expected revision. The meanings are EventStoreDB's own, so this is
 * a renaming; it exists so that the one place a spelling could drift is tested.
 */
export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case "any":
      return ANY;
    case "no_stream":
      return NO_STREAM;
    case "stream_exists":
      return STREAM_EXISTS;
    default:
      return expected;
  }
};

/** What the client reports an expectation was, back in the port's terms. */
export const fromEsdbExpectedRevision = (expected: AppendExpectedRevision): ExpectedRevision => {
  switch (expected) {
    case ANY:
      return "any";
    case NO_STREAM:
      return "no_stream";
    case STREAM_EXISTS:
      return "stream_exists";
    default:
      return expected;
  }
};

/**
 * The revision a stream is at, as a wrong-expected-version error reports it. Older servers answer
 * `-1` where newer ones say "no stream": both mean the stream has no events.
 */
export const fromEsdbCurrentRevision = (current: EsdbCurrentRevision): CurrentRevision =>
  current === NO_STREAM || current < 0n ? "no_stream" : current;

/**
 * Whether the server can be asked to check `expected` at all. A negative exact revision cannot
 * match any stream, but on the wire -1 and -2 are the old codes for "no stream" and "any", so it
 * must never be sent.
 */
export const isSendableExpectedRevision = (expected: ExpectedRevision): boolean =>
  typeof expected !== "bigint" || expected >= 0n;
