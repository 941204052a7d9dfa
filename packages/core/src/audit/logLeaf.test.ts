import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logLeafBytes, logLeafHash } from "./logLeaf.js";
import { hashLeaf } from "./merkleLog.js";

const hex = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString("hex"));
const time = fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }).map((d) => d.toISOString());

describe("log leaves (docs/audit.md §2)", () => {
  it("hash as SHA-256(0x00 ‖ leaf bytes), the bytes being the RFC 8785 JSON of eventHash, index, recordedAt", () => {
    fc.assert(
      fc.property(hex, fc.nat({ max: Number.MAX_SAFE_INTEGER }), time, (eventHash, index, recordedAt) => {
        const leaf = { eventHash, index, recordedAt };
        expect(logLeafBytes(leaf).toString("utf8")).toBe(JSON.stringify({ eventHash, index, recordedAt }));
        expect(logLeafHash(leaf).equals(hashLeaf(logLeafBytes(leaf)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("gives the worked example's leaf hash", () => {
    const leaf = { index: 0, recordedAt: "2009-06-01T00:00:00.000Z", eventHash: "9f1c2d3e4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff" };
    expect(logLeafHash(leaf).toString("hex")).toBe("5c51664236e4bca218f65fadb68bf1fb5f6914bdd4f5d295bc1bc53ff3a20ba9");
  });
});
