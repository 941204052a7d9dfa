import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { OrganisationNumber, isValidOrganisationNumber, unsafeOrganisationNumber } from "./organisationNumber.js";

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];
const weightedSum = (eight: string): number =>
  [...eight].reduce((sum, digit, i) => sum + Number(digit) * (WEIGHTS[i] ?? 0), 0);
// No organisation number begins with 0.
const eightDigits = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 }))
  .map(([first, rest]) => `${first}${rest.join("")}`);
const validNumber = eightDigits
  .filter((eight) => weightedSum(eight) % 11 !== 1)
  .map((eight) => `${eight}${(11 - (weightedSum(eight) % 11)) % 11}`);

describe("isValidOrganisationNumber", () => {
  // Each worked by hand with weights 3 2 7 6 5 4 3 2 over the first eight digits;
  // check digit = 11 - (sum mod 11), or 0 when the remainder is 0.
  it.each([
    // Difi: 9·3 + 9·2 + 1·7 + 8·6 + 2·5 + 5·4 + 8·3 + 2·2 = 27+18+7+48+10+20+24+4 = 158;
    // 158 mod 11 = 4; 11 - 4 = 7.
    ["991825827", "Difi"],
    // Statens kartverk: 27+14+7+0+20+0+6+6 = 80; 80 mod 11 = 3; 11 - 3 = 8.
    ["971040238", "Statens kartverk"],
    // Bergen kommune: 27+12+28+18+15+32+15+6 = 153; 153 mod 11 = 10; 11 - 10 = 1.
    ["964338531", "Bergen kommune"],
    // Oslo kommune: 27+14+28+42+30+0+18+14 = 173; 173 mod 11 = 8; 11 - 8 = 3.
    ["974760673", "Brønnøysundregistrene"],
    // Brønnøysundregistrene: 27+14+28+42+30+0+24+8 = 173; 173 mod 11 = 8; 11 - 8 = 3.
    ["974760843", "Brønnøysundregistrene"],
    // Constructed, remainder 0: 9·3 + 1·6 = 33; 33 mod 11 = 0; check digit 0.
    ["900100000", "remainder 0"],
  ])("accepts %s (%s)", (value) => {
    expect(isValidOrganisationNumber(value)).toBe(true);
    expect(OrganisationNumber.is(value)).toBe(true);
    expect(E.isRight(OrganisationNumber.decode(value))).toBe(true);
    expect(unsafeOrganisationNumber(value)).toBe(value);
  });

  it.each([
    ["000000000", "all zeros: the check digit holds, but no number begins with 0"],
    ["012345674", "a leading 0"],
    ["991825828", "wrong check digit"],
    ["991825820", "wrong check digit"],
    ["971040239", "wrong check digit"],
    ["974760674", "wrong check digit"],
    ["900100001", "check digit 1 where remainder 0 needs 0"],
    ["964338530", "check digit 0 where remainder 10 needs 1"],
    ["99182582", "8 digits"],
    ["9918258270", "10 digits"],
    ["", "empty"],
    ["99182582X", "a letter"],
    ["ABCDEFGHI", "letters"],
    ["991 825 827", "spaces"],
    [" 991825827", "a leading space"],
    ["991825827\n", "a trailing newline"],
    ["-991825827", "a sign"],
    ["９９１８２５８２７", "full-width digits"],
  ])("refuses %j (%s)", (value) => {
    expect(isValidOrganisationNumber(value)).toBe(false);
    expect(OrganisationNumber.is(value)).toBe(false);
    expect(E.isLeft(OrganisationNumber.decode(value))).toBe(true);
    expect(() => unsafeOrganisationNumber(value)).toThrow(RangeError);
  });

  it("refuses every ninth digit when the weighted sum has remainder 1", () => {
    // 9·3 + 7·2 + 4·7 + 7·6 + 6·5 + 0·4 + 6·3 + 9·2 = 27+14+28+42+30+0+18+18 = 177 = 16·11 + 1.
    // Remainder 1 would need check digit 10, which is not a digit, so no ninth digit is valid.
    expect(weightedSum("97476069") % 11).toBe(1);
    for (let check = 0; check <= 9; check++) {
      expect(isValidOrganisationNumber(`97476069${check}`)).toBe(false);
    }
  });

  it("refuses what is not a string", () => {
    for (const value of [991825827, null, undefined, ["991825827"]]) expect(OrganisationNumber.is(value)).toBe(false);
  });
});

describe("isValidOrganisationNumber, by property", () => {
  it("allows exactly one ninth digit, 11 - (sum mod 11) mod 11, unless the remainder is 1", () => {
    fc.assert(
      fc.property(eightDigits, (eight) => {
        const remainder = weightedSum(eight) % 11;
        const valid = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => isValidOrganisationNumber(`${eight}${d}`));
        expect(valid).toEqual(remainder === 1 ? [] : [(11 - remainder) % 11]);
      }),
    );
  });

  it("detects any single changed digit", () => {
    fc.assert(
      fc.property(validNumber, fc.nat({ max: 8 }), fc.integer({ min: 1, max: 9 }), (value, at, shift) => {
        const changed = (Number(value[at]) + shift) % 10;
        const mutated = `${value.slice(0, at)}${changed}${value.slice(at + 1)}`;
        expect(isValidOrganisationNumber(value)).toBe(true);
        expect(isValidOrganisationNumber(mutated)).toBe(false);
      }),
    );
  });

  it("refuses any string that is not nine ASCII digits", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (value) => {
        if (!/^\d{9}$/.test(value)) expect(isValidOrganisationNumber(value)).toBe(false);
      }),
    );
  });
});
