import { describe, expect, it } from "vitest";
import { describeProjectionError } from "./projectionError.js";

describe("describeProjectionError", () => {
  it("says in one sentence what stopped a projection, and where", () => {
    expect(
      describeProjectionError({ _tag: "PoisonEvent", projection: "municipality-totals", streamName: "grant-g1", revision: 3n, position: 41n, type: "GrantDisbursed", reason: "expected Money, found -5", path: "event.data.amount" }),
    ).toBe("projection municipality-totals stopped at GrantDisbursed at grant-g1@3 (position 41): event.data.amount: expected Money, found -5");
    expect(describeProjectionError({ _tag: "PoisonEvent", projection: "p", streamName: "s", revision: 0n, position: 0n, type: "T", reason: "boom" })).toBe("projection p stopped at T at s@0 (position 0): boom");
    expect(describeProjectionError({ _tag: "EventStoreFailed", projection: "p", error: { _tag: "StoreClosed", operation: "readAll" } })).toBe("projection p could not read the event store: StoreClosed");
    expect(describeProjectionError({ _tag: "ReadModelStoreFailed", name: "p", operation: "save", reason: "disk full" })).toBe("read model p could not be saved: disk full");
    expect(describeProjectionError({ _tag: "ReadModelStoreFailed", name: "p", operation: "load", reason: "x" })).toBe("read model p could not be loaded: x");
    expect(describeProjectionError({ _tag: "RunnerNotRunning", projection: "p", position: 9n, checkpoint: 3n })).toBe("projection p is not running and has not reached position 9");
    expect(describeProjectionError({ _tag: "InvalidAsOf", projection: "p", option: "knownAt", value: "soon" })).toBe('"soon" is not an ISO-8601 time with a zone');
  });
});
