import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  IsoDate,
  IsoDateTime,
  compareInstants,
  isIsoDate,
  isIsoDateTime,
  unsafeIsoDate,
  unsafeIsoDateTime,
} from "./isoTime.js";

const pad = (n: number, width: number): string => n.toString().padStart(width, "0");
const at = (value: string): IsoDateTime => unsafeIsoDateTime(value);

/** Whether y-m-d is a real day, by the JavaScript calendar; setUTCFullYear keeps years 0-99 as they are. */
const realDay = (year: number, month: number, day: number): boolean => {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
const dayNumber = (year: number, month: number, day: number): number => {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
};

// Century years, where the leap-year rule has its exceptions, come up as often as any others.
// Seconds from 1906 to 2033, either side of the epoch.
const seconds = fc.integer({ min: -2_000_000_000, max: 2_000_000_000 });
const year = fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }).map((c) => c * 100));
const validDate = fc
  .tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .filter(([y, mo, d]) => realDay(y, mo, d));
const writeDate = ([y, mo, d]: [number, number, number]): string => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;

describe("isIsoDate", () => {
  it.each([
    "2009-02-28",
    "2008-02-29",
    "2000-02-29",
    "1600-02-29",
    "2400-02-29",
    "2009-12-31",
    "2009-01-01",
    "2009-04-30",
    "1970-01-01",
    "0004-02-29",
    "0050-06-15",
    "0000-01-01",
    "9999-12-31",
  ])("accepts %j", (value) => {
    expect(isIsoDate(value)).toBe(true);
    expect(IsoDate.is(value)).toBe(true);
    expect(E.isRight(IsoDate.decode(value))).toBe(true);
    expect(unsafeIsoDate(value)).toBe(value);
  });

  it.each([
    ["2009-02-29", "not a leap year"],
    ["1900-02-29", "century, not a leap year"],
    ["2200-02-29", "century, not a leap year"],
    ["1800-02-29", "century, not a leap year"],
    ["0100-02-29", "century, not a leap year"],
    ["2009-02-30", "no such day"],
    ["2009-04-31", "April has 30 days"],
    ["2009-13-01", "month 13"],
    ["2009-00-10", "month 0"],
    ["2009-01-00", "day 0"],
    ["2009-01-32", "day 32"],
    ["2009-1-01", "one-digit month"],
    ["2009-01-1", "one-digit day"],
    ["09-01-01", "two-digit year"],
    ["20090101", "no dashes"],
    ["2009/01/01", "slashes"],
    ["2009-01-01T00:00:00Z", "a time"],
    [" 2009-01-01", "a leading space"],
    ["2009-01-01\n", "a trailing newline"],
    ["", "empty"],
  ])("refuses %j (%s)", (value) => {
    expect(isIsoDate(value)).toBe(false);
    expect(IsoDate.is(value)).toBe(false);
    expect(() => unsafeIsoDate(value)).toThrow(RangeError);
  });

  it("agrees with the calendar for every year 0000 to 9999", () => {
    fc.assert(
      fc.property(year, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (y, mo, d) => {
        const value = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
        expect(isIsoDate(value)).toBe(mo >= 1 && mo <= 12 && d >= 1 && realDay(y, mo, d));
      }),
    );
  });

  it("has 29 February exactly in the years the calendar has it", () => {
    fc.assert(
      fc.property(year, (y) => {
        expect(isIsoDate(`${pad(y, 4)}-02-29`)).toBe(realDay(y, 2, 29));
      }),
    );
  });

  it("orders valid dates as strings the way the calendar does", () => {
    fc.assert(
      fc.property(validDate, validDate, (a, b) => {
        const [x, y] = [writeDate(a), writeDate(b)];
        expect(Math.sign(x.localeCompare(y, "en"))).toBe(Math.sign(dayNumber(...a) - dayNumber(...b)));
        expect(x < y).toBe(dayNumber(...a) < dayNumber(...b));
      }),
    );
  });
});

describe("isIsoDateTime", () => {
  it.each([
    "2009-06-15T12:00:00Z",
    "2009-06-15T12:00:00+02:00",
    "2009-06-15T12:00:00-05:30",
    "2009-06-15T12:00:00.123Z",
    "2009-06-15T12:00:00.1Z",
    "2009-06-15T12:00:00.123456789Z",
    "2009-06-15T12:00Z",
    "2009-06-15T23:59:59Z",
    "2009-06-15T00:00:00Z",
    "2008-02-29T12:00:00Z",
    "0050-06-15T12:00:00Z",
  ])("accepts %j", (value) => {
    expect(isIsoDateTime(value)).toBe(true);
    expect(IsoDateTime.is(value)).toBe(true);
    expect(E.isRight(IsoDateTime.decode(value))).toBe(true);
    expect(unsafeIsoDateTime(value)).toBe(value);
  });

  it.each([
    ["2009-06-15T12:00:00", "no zone"],
    ["2009-02-30T00:00:00Z", "no such day"],
    ["2009-02-29T00:00:00Z", "not a leap year"],
    ["2009-06-15 12:00:00Z", "a space for T"],
    ["2009-06-15t12:00:00z", "lower case"],
    ["2009-06-15T24:00:00Z", "hour 24"],
    ["2009-06-15T12:60:00Z", "minute 60"],
    ["2009-06-15T12:00:60Z", "second 60"],
    ["2009-06-15T12:00:00+0200", "offset without colon"],
    ["2009-06-15T12:00:00+02", "offset without minutes"],
    ["2009-06-15T12:00:00+24:00", "offset 24 hours"],
    ["2009-06-15T12:00:00.Z", "empty fraction"],
    ["2009-06-15T12:00:00.1234567891Z", "ten fractional digits"],
    ["2009-06-15T12Z", "no minutes"],
    ["2009-06-15", "a date only"],
    ["2009-6-15T12:00:00Z", "one-digit month"],
    ["", "empty"],
  ])("refuses %j (%s)", (value) => {
    expect(isIsoDateTime(value)).toBe(false);
    expect(IsoDateTime.is(value)).toBe(false);
    expect(() => unsafeIsoDateTime(value)).toThrow(RangeError);
  });

  it("is an instant Date.parse reads for every time of the form on a real day, so form and calendar decide alone", () => {
    const time = fc.record({
      date: validDate,
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      seconds: fc.option(fc.record({ second: fc.integer({ min: 0, max: 59 }), fraction: fc.option(fc.stringMatching(/^\d{1,9}$/)) })),
      zone: fc.option(fc.record({ sign: fc.constantFrom("+", "-"), hours: fc.integer({ min: 0, max: 23 }), minutes: fc.integer({ min: 0, max: 59 }) })),
    });
    fc.assert(
      fc.property(time, ({ date, hour, minute, seconds, zone }) => {
        const secondsText = seconds === null ? "" : `:${pad(seconds.second, 2)}${seconds.fraction === null ? "" : `.${seconds.fraction}`}`;
        const zoneText = zone === null ? "Z" : `${zone.sign}${pad(zone.hours, 2)}:${pad(zone.minutes, 2)}`;
        const value = `${writeDate(date)}T${pad(hour, 2)}:${pad(minute, 2)}${secondsText}${zoneText}`;
        expect(isIsoDateTime(value)).toBe(true);
        expect(Number.isNaN(Date.parse(value))).toBe(false);
      }),
      { numRuns: 20_000 },
    );
  });

  it("accepts every instant written by toISOString", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
        (date) => {
          expect(isIsoDateTime(date.toISOString())).toBe(true);
        },
      ),
    );
  });
});

describe("compareInstants", () => {
  it("takes zones into account", () => {
    expect(compareInstants(at("2009-06-15T12:00:00+02:00"), at("2009-06-15T10:00:00Z"))).toBe(0);
    expect(compareInstants(at("2009-06-16T01:00:00+02:00"), at("2009-06-15T23:00:00Z"))).toBe(0);
    expect(compareInstants(at("2009-06-15T07:00:00-05:00"), at("2009-06-15T12:00:00Z"))).toBe(0);
    // Later as a string, earlier as an instant.
    expect(compareInstants(at("2009-06-15T12:30:00+02:00"), at("2009-06-15T11:00:00Z"))).toBeLessThan(0);
    expect(compareInstants(at("2009-06-15T11:00:00Z"), at("2009-06-15T12:30:00+02:00"))).toBeGreaterThan(0);
  });

  it("orders plain UTC instants", () => {
    expect(compareInstants(at("2009-06-15T12:00:00Z"), at("2009-06-15T12:00:01Z"))).toBeLessThan(0);
    expect(compareInstants(at("2009-06-15T12:00:01Z"), at("2009-06-15T12:00:00Z"))).toBeGreaterThan(0);
    expect(compareInstants(at("2009-06-15T12:00Z"), at("2009-06-15T12:00:00Z"))).toBe(0);
    expect(compareInstants(at("2008-12-31T23:59:59Z"), at("2009-01-01T00:00:00Z"))).toBeLessThan(0);
  });

  it("sees fractions of a second, finer than a millisecond", () => {
    expect(compareInstants(at("2009-06-15T12:00:00.123Z"), at("2009-06-15T12:00:00.124Z"))).toBeLessThan(0);
    expect(compareInstants(at("2009-06-15T12:00:00.1234Z"), at("2009-06-15T12:00:00.1235Z"))).toBeLessThan(0);
    expect(compareInstants(at("2009-06-15T12:00:00.123456789Z"), at("2009-06-15T12:00:00.123456788Z"))).toBe(1);
    expect(compareInstants(at("2009-06-15T12:00:00.1Z"), at("2009-06-15T12:00:00.100000000Z"))).toBe(0);
    expect(compareInstants(at("2009-06-15T12:00:00Z"), at("2009-06-15T12:00:00.000000001Z"))).toBeLessThan(0);
    expect(compareInstants(at("2009-06-15T12:00:00.5+02:00"), at("2009-06-15T10:00:00.4Z"))).toBeGreaterThan(0);
  });

  it("finds the same instant written in any zone equal, and a nanosecond later after it", () => {
    fc.assert(
      fc.property(
        seconds,
        fc.integer({ min: 0, max: 999_999_998 }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        (s, nanos, offsetMinutes) => {
          const fraction = `.${pad(nanos, 9)}`;
          const utc = new Date(s * 1000).toISOString().replace(/\.\d+Z$/, `${fraction}Z`);
          const shifted = new Date((s + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const [hours, minutes] = [Math.floor(Math.abs(offsetMinutes) / 60), Math.abs(offsetMinutes) % 60];
          const zone = `${sign}${pad(hours, 2)}:${pad(minutes, 2)}`;
          const local = at(`${shifted}${fraction}${zone}`);
          const later = at(`${shifted}.${pad(nanos + 1, 9)}${zone}`);
          expect(compareInstants(local, at(utc))).toBe(0);
          expect(compareInstants(at(utc), later)).toBeLessThan(0);
          expect(compareInstants(later, at(utc))).toBeGreaterThan(0);
        },
      ),
    );
  });

  it("agrees with Date.parse where the instants differ by whole milliseconds", () => {
    fc.assert(
      fc.property(seconds, seconds, (a, b) => {
        const [x, y] = [at(new Date(a * 1000 + 7).toISOString()), at(new Date(b * 1000).toISOString())];
        expect(Math.sign(compareInstants(x, y))).toBe(Math.sign(Date.parse(x) - Date.parse(y)));
      }),
    );
  });

  it("is antisymmetric", () => {
    const instant = fc
      .tuple(seconds, fc.integer({ min: 0, max: 999_999_999 }))
      .map(([s, ns]) => at(new Date(s * 1000).toISOString().replace(/\.\d+Z$/, `.${pad(ns, 9)}Z`)));
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(Math.sign(compareInstants(a, b)) + Math.sign(compareInstants(b, a))).toBe(0);
        expect(compareInstants(a, a)).toBe(0);
      }),
    );
  });
});
