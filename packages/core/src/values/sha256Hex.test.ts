import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { Sha256Hex } from "./sha256Hex.js";

const PATTERN = /^[0-9a-f]{64}$/;

describe("Sha256Hex", () => {
  it("accepts exactly what /^[0-9a-f]{64}$/ accepts", () => {
    const hexish = fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEFg\n "), minLength: 62, maxLength: 66 });
    fc.assert(
      fc.property(fc.oneof(hexish, fc.string(), fc.stringMatching(PATTERN)), (s) => {
        expect(E.isRight(Sha256Hex.decode(s))).toBe(PATTERN.test(s));
      }),
      { numRuns: 3000 },
    );
    expect(E.isRight(Sha256Hex.decode("ab".repeat(32)))).toBe(true);
    expect(E.isRight(Sha256Hex.decode(`${"ab".repeat(32)}\n`))).toBe(false);
    expect(E.isRight(Sha256Hex.decode(64))).toBe(false);
  });
});
