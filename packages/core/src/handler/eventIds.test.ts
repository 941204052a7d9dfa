import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { v5 as uuidv5 } from "uuid";
import { deriveEventId, EVENT_ID_NAMESPACE } from "./eventIds.js";

describe("deriveEventId", () => {
  it("is the UUID v5 of the command, stream, type and ordinal, as the uuid package computes it", () => {
    const cases: [string, string, string, number][] = [
      ["award-g1", "grant-g1", "GrantAwarded", 0],
      ["0b8f2f5e-6d0c-4c55-9f1e-3d2a1b0c9e8f", "round-krise-2009-1", "FundsCommitted", 3],
      ["søknad-ærø-å", "grant-bærum-🚲", "GrantApplied", 12],
      ["x", "", "", 0],
    ];
    for (const [commandId, streamName, type, index] of cases) {
      const expected = uuidv5(`${commandId}\u0000${streamName}\u0000${type}\u0000${index}`, EVENT_ID_NAMESPACE);
      expect(deriveEventId(commandId, streamName, type, index)).toBe(expected);
    }
  });
});

describe("deriveEventId on any names", () => {
  it("equals the uuid package's UUID v5 for any command id, stream, type and ordinal", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string(), fc.nat(), (commandId, streamName, type, index) => {
        const expected = uuidv5(`${commandId}\u0000${streamName}\u0000${type}\u0000${index}`, EVENT_ID_NAMESPACE);
        expect(deriveEventId(commandId, streamName, type, index)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
