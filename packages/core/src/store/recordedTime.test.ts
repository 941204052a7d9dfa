import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRecordedTime } from "./recordedTime.js";

/** The definition: the form, and a Date that gives the same text back. */
const byDate = (value: string): boolean =>
  /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && !Number.isNaN(new Date(value).getTime()) && new Date(value).toISOString() === value;

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

describe("isRecordedTime", () => {
  it("agrees with a round trip through Date on every field combination, impossible ones included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`;
          expect(isRecordedTime(text)).toBe(byDate(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("takes real instants and refuses the rest", () => {
    expect(isRecordedTime("2009-06-01T00:00:00.000Z")).toBe(true);
    expect(isRecordedTime("2000-02-29T23:59:59.999Z")).toBe(true);
    for (const bad of ["1900-02-29T00:00:00.000Z", "2009-02-30T00:00:00.000Z", "2009-06-01T24:00:00.000Z", "0000-01-01T00:00:00.000Z", "2009-06-01T00:00:00Z", "yesterday", 5]) {
      expect(isRecordedTime(bad)).toBe(false);
    }
  });
});
