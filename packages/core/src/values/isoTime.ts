import * as t from "io-ts";

/** The brand that a string carries once checked as an {@link IsoDate}. */
export interface IsoDateBrand {
  /** Type-level marker only; no such property exists at run time. */
  readonly IsoDate: unique symbol;
}
/** The brand that a string carries once checked as an {@link IsoDateTime}. */
export interface IsoDateTimeBrand {
  /** Type-level marker only; no such property exists at run time. */
  readonly IsoDateTime: unique symbol;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The date's fields captured, so that an instant is read with one match (every event has one).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** Whether the captured year, month and day of a match are a real calendar date (no 2009-02-30). */
const isCalendarDate = (match: RegExpExecArray): boolean => {
  // Plain arithmetic, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (no 2009-02-30). */
export const isIsoDate = (value: string): boolean => {
  const match = DATE.exec(value);
  return match !== null && isCalendarDate(match);
};

/**
 * Whether `value` is an ISO-8601 instant with a date, a time and an explicit zone (`Z` or `±hh:mm`).
 * The form and the calendar decide: every string of the form on a real day is one `Date.parse`
 * reads (a test asks it of years 0000-9999, every field and fraction), so it is not asked again
 * (a verifier asks this of every instant of every event, and the parse cost more than the rest).
 */
export const isIsoDateTime = (value: string): boolean => {
  const match = DATE_TIME.exec(value);
  return match !== null && isCalendarDate(match);
};

/** A calendar date, `YYYY-MM-DD`. Such strings order correctly as strings. */
export const IsoDate = t.brand(t.string, (s): s is t.Branded<string, IsoDateBrand> => isIsoDate(s), "IsoDate");
export type IsoDate = t.TypeOf<typeof IsoDate>;

/** An instant, ISO-8601 with an explicit zone. Compare with {@link compareInstants}, not as strings. */
export const IsoDateTime = t.brand(
  t.string,
  (s): s is t.Branded<string, IsoDateTimeBrand> => isIsoDateTime(s),
  "IsoDateTime",
);
export type IsoDateTime = t.TypeOf<typeof IsoDateTime>;

// Date.parse keeps only milliseconds, but the codec admits up to nine fractional digits; the
// whole seconds come from Date.parse and the fraction is added exactly, in nanoseconds.
const instantNanos = (value: IsoDateTime): bigint => {
  const fraction = /\.(\d+)/.exec(value)?.[1] ?? "";
  return BigInt(Date.parse(value.replace(/\.\d+/, ""))) * 1_000_000n + BigInt(fraction.padEnd(9, "0"));
};

/** Negative, zero or positive as `a` is before, at or after `b` (zones taken into account). */
export const compareInstants = (a: IsoDateTime, b: IsoDateTime): number => {
  const [x, y] = [instantNanos(a), instantNanos(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** A date from a literal known to be valid; throws on a bad one. */
export const unsafeIsoDate = (value: string): IsoDate => {
  if (!IsoDate.is(value)) throw new RangeError(`not a date (YYYY-MM-DD): ${value}`);
  return value;
};

/** An instant from a literal known to be valid; throws on a bad one. */
export const unsafeIsoDateTime = (value: string): IsoDateTime => {
  if (!IsoDateTime.is(value)) throw new RangeError(`not an ISO-8601 time with zone: ${value}`);
  return value;
};
