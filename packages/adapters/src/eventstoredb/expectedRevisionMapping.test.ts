import { ANY, NO_STREAM, STREAM_EXISTS } from "@eventstore/db-client";
import type { AppendExpectedRevision, CurrentRevision as EsdbCurrentRevision } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import type { CurrentRevision, ExpectedRevision } from "@grantledger/core";
import {
  fromEsdbCurrentRevision,
  fromEsdbExpectedRevision,
  isSendableExpectedRevision,
  toEsdbExpectedRevision,
} from "./expectedRevisionMapping.js";

describe("expected revisions between the port and the client", () => {
  const pairs: readonly [ExpectedRevision, AppendExpectedRevision][] = [
    ["any", ANY],
    ["no_stream", NO_STREAM],
    ["stream_exists", STREAM_EXISTS],
    [0n, 0n],
    [41n, 41n],
    [2n ** 62n, 2n ** 62n],
  ];

  it.each(pairs)("%s is sent as %s", (ours, theirs) => {
    expect(toEsdbExpectedRevision(ours)).toBe(theirs);
  });

  it.each(pairs)("%s comes back from %s", (ours, theirs) => {
    expect(fromEsdbExpectedRevision(theirs)).toBe(ours);
  });

  it("round-trips every expectation", () => {
    for (const [ours] of pairs) expect(fromEsdbExpectedRevision(toEsdbExpectedRevision(ours))).toBe(ours);
  });
});

describe("the current revision a mismatch reports", () => {
  it.each<[EsdbCurrentRevision, CurrentRevision]>([
    [NO_STREAM, "no_stream"],
    [-1n, "no_stream"],
    [0n, 0n],
    [7n, 7n],
  ])("%s reads as %s", (theirs, ours) => {
    expect(fromEsdbCurrentRevision(theirs)).toBe(ours);
  });
});

describe("which expectations may be sent", () => {
  it.each<[ExpectedRevision, boolean]>([
    ["any", true],
    ["no_stream", true],
    ["stream_exists", true],
    [0n, true],
    [-1n, false],
    [-2n, false],
  ])("%s: %s (on the wire -1 and -2 mean no_stream and any)", (expected, sendable) => {
    expect(isSendableExpectedRevision(expected)).toBe(sendable);
  });
});
