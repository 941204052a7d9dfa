import { unsafeIsoDateTime, type RecordedEvent } from "@grantledger/core";
import { describe, expect, it } from "vitest";
import { InEffectFilter } from "./inEffectFilter.js";

let nextPosition = 0n;
const event = (streamName: string, type: string, data: Record<string, unknown>, commandId = `c${nextPosition}`): RecordedEvent => ({
  streamName,
  revision: 0n,
  position: nextPosition++,
  id: `id-${nextPosition}`,
  type,
  data,
  metadata: { commandId },
  recordedAt: "2026-11-01T10:00:00.000Z",
});

const typesOf = (events: readonly RecordedEvent[]): string[] => events.map((e) => `${e.streamName}:${e.type}`);

describe("InEffectFilter", () => {
  it("keeps a round's events one by one, by each one's own business time", () => {
    const filter = new InEffectFilter(unsafeIsoDateTime("2010-12-31T22:59:59.999Z"));
    const page = [
      event("round-r", "RoundOpened", { roundId: "r" }),
      event("round-r", "FundsCommitted", { grantId: "late", committedAt: "2011-03-01T12:00:00+01:00" }),
      event("round-r", "FundsCommitted", { grantId: "early", committedAt: "2009-06-15T12:00:00+02:00" }),
    ];
    expect(typesOf(filter.take(page))).toEqual(["round-r:RoundOpened", "round-r:FundsCommitted"]);
    expect(filter.finish()).toEqual([]);
  });

  it("keeps a grant's story up to its first event that is not in effect, and no later one", () => {
    const filter = new InEffectFilter(unsafeIsoDateTime("2010-12-31T22:59:59.999Z"));
    const page = [
      event("grant-g", "GrantApplied", { appliedAt: "2009-05-01T12:00:00+02:00" }),
      event("grant-g", "GrantDisbursed", { disbursedAt: "2011-01-10T12:00:00+01:00" }),
      // A later event dated earlier cannot be in effect once its story stopped.
      event("grant-g", "BenefitsReported", { reportedAt: "2010-06-01T12:00:00+02:00" }),
      event("grant-h", "GrantApplied", { appliedAt: "2010-12-31T23:59:59+01:00" }),
    ];
    expect(typesOf(filter.take(page))).toEqual(["grant-g:GrantApplied", "grant-h:GrantApplied"]);
  });

  it("gives a round event without a time of its own its command's business time", () => {
    const filter = new InEffectFilter(unsafeIsoDateTime("2010-12-31T22:59:59.999Z"));
    const committedEarly = event("round-r", "FundsCommitted", { grantId: "a" }, "award-a");
    const committedLate = event("round-r", "FundsCommitted", { grantId: "b" }, "award-b");
    const awardedEarly = event("grant-a", "GrantAwarded", { awardedAt: "2009-06-15T12:00:00+02:00" }, "award-a");
    const awardedLate = event("grant-b", "GrantAwarded", { awardedAt: "2011-06-15T12:00:00+02:00" }, "award-b");
    const rejected = event("grant-c", "GrantRejected", { rejectedAt: "2009-06-15T12:00:00+02:00" }, "reject-c");
    const released = event("round-r", "FundsReleased", { grantId: "c" }, "reject-c");
    expect(typesOf(filter.take([committedEarly, committedLate]))).toEqual([]);
    expect(filter.take([awardedEarly, awardedLate, rejected, released])).toEqual([committedEarly, awardedEarly, rejected, released]);
    expect(filter.finish()).toEqual([]);
  });

  it("judges a round event whose command never gives a time by its recorded time, at the end", () => {
    const filter = new InEffectFilter(unsafeIsoDateTime("2030-01-01T00:00:00Z"));
    const orphan = event("round-r", "FundsReleased", { grantId: "x" }, "lost");
    expect(filter.take([orphan])).toEqual([]);
    expect(filter.finish()).toEqual([orphan]);
    const before = new InEffectFilter(unsafeIsoDateTime("2010-12-31T22:59:59.999Z"));
    before.take([orphan]);
    expect(before.finish()).toEqual([]);
  });
});
