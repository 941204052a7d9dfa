import { describe, expect, it } from "vitest";
import { endOfOsloDay, inEffectLimitOf } from "./inEffectLimit.js";

describe("inEffectLimitOf", () => {
  it("reads a date as the end of that day in Oslo, winter (+01:00) and summer (+02:00) alike", () => {
    expect(endOfOsloDay("2010-12-31")).toBe("2010-12-31T22:59:59.999Z");
    expect(endOfOsloDay("2010-06-30")).toBe("2010-06-30T21:59:59.999Z");
  });

  it("ends the days of a daylight-saving change at Oslo's midnight", () => {
    // Summer time began 2010-03-28 and ended 2010-10-31 at 03:00 local time.
    expect(endOfOsloDay("2010-03-27")).toBe("2010-03-27T22:59:59.999Z");
    expect(endOfOsloDay("2010-03-28")).toBe("2010-03-28T21:59:59.999Z");
    expect(endOfOsloDay("2010-10-30")).toBe("2010-10-30T21:59:59.999Z");
    expect(endOfOsloDay("2010-10-31")).toBe("2010-10-31T22:59:59.999Z");
  });

  it("takes a time with a zone as given and refuses anything else", () => {
    expect(inEffectLimitOf("2010-12-31T12:00:00+01:00")).toBe("2010-12-31T12:00:00+01:00");
    expect(inEffectLimitOf("2010-12-31")).toBe("2010-12-31T22:59:59.999Z");
    for (const bad of ["31.12.2010", "2010-02-30", "2010-12-31T12:00:00", "", "tomorrow"]) expect(inEffectLimitOf(bad)).toBeUndefined();
  });
});
