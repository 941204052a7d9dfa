import * as t from "io-ts";

interface IsoDateBrand {
  readonly IsoDate: unique symbol;
}
interface IsoDateTimeBrand {
  readonly IsoDateTime: unique symbol;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (no 2009-02-30). */
export const isIsoDate = (value: string): boolean => {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** Whether `value` is an ISO-8601 instant with a date, a time and an explicit zone (`Z` or `±hh:mm`). */
export const isIsoDateTime = (value: string): boolean => {
  const match = DATE_TIME.exec(value);
  return match !== null && isIsoDate(match[1] ?? "") && !Number.isNaN(Date.parse(value));
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

/** Negative, zero or positive as `a` is before, at or after `b` (zones taken into account). */
export const compareInstants = (a: IsoDateTime, b: IsoDateTime): number => Date.parse(a) - Date.parse(b);

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
