import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { CountyNumber, MunicipalityNumber, countyOf } from "./regionNumbers.js";

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((ds) => ds.join(""));

describe("MunicipalityNumber", () => {
  it.each(["1201", "0301", "5001", "0101", "9999"])("accepts %j", (value) => {
    expect(MunicipalityNumber.is(value)).toBe(true);
    expect(E.isRight(MunicipalityNumber.decode(value))).toBe(true);
  });

  it.each([
    ["301", "three digits"],
    ["12011", "five digits"],
    ["12a1", "a letter"],
    ["0000", "county 00"],
    ["0099", "county 00"],
    ["", "empty"],
    [" 1201", "a leading space"],
    ["1201\n", "a trailing newline"],
    ["-201", "a sign"],
    ["１２０１", "full-width digits"],
  ])("refuses %j (%s)", (value) => {
    expect(MunicipalityNumber.is(value)).toBe(false);
    expect(E.isLeft(MunicipalityNumber.decode(value))).toBe(true);
  });

  it("refuses a number rather than a string", () => {
    expect(MunicipalityNumber.is(1201)).toBe(false);
  });
});

describe("CountyNumber", () => {
  it.each(["12", "03", "50", "99", "01"])("accepts %j", (value) => {
    expect(CountyNumber.is(value)).toBe(true);
  });

  it.each(["00", "1", "123", "1a", "", " 1", "12\n"])("refuses %j", (value) => {
    expect(CountyNumber.is(value)).toBe(false);
    expect(E.isLeft(CountyNumber.decode(value))).toBe(true);
  });

  it("refuses a number rather than a string", () => {
    expect(CountyNumber.is(12)).toBe(false);
  });
});

describe("countyOf", () => {
  it("is the first two digits", () => {
    expect(countyOf("1201" as MunicipalityNumber)).toBe("12");
    expect(countyOf("0301" as MunicipalityNumber)).toBe("03");
  });

  it("gives a valid county for every valid municipality, and its number starts with it", () => {
    fc.assert(
      fc.property(digits(4), (value) => {
        if (!MunicipalityNumber.is(value)) return;
        const county = countyOf(value);
        expect(CountyNumber.is(county)).toBe(true);
        expect(value.startsWith(county)).toBe(true);
      }),
    );
  });

  it("accepts four digits exactly when the first two make a valid county", () => {
    fc.assert(
      fc.property(digits(4), (value) => {
        expect(MunicipalityNumber.is(value)).toBe(CountyNumber.is(value.slice(0, 2)));
      }),
    );
  });
});
