/**
 * The one form of a recorded time that every adapter writes and reads back unchanged:
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, UTC, to the millisecond (what `Date#toISOString` gives, and what
 * the PostgreSQL adapter formats). Years 0001-9999: PostgreSQL has no year 0.
 */
const RECORDED_TIME = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The number written by the digits of `value` from `from` to `to`, all of them known to be digits. */
const digitsOf = (value: string, from: number, to: number): number => {
  let number = 0;
  for (let i = from; i < to; i++) number = number * 10 + value.charCodeAt(i) - 0x30;
  return number;
};

/**
 * Whether `value` is a real instant in the form stores keep (see {@link EventToAppend.recordedAt}):
 * only such a time is read back byte for byte, so only such a time may be given to an append.
 * `2009-02-30T00:00:00.000Z` has the form but is no instant, and is refused.
 */
export const isRecordedTime = (value: unknown): value is string => {
  if (typeof value !== "string" || !RECORDED_TIME.test(value)) return false;
  // The form is right; the fields must be a real instant. Read from the digits rather than
  // through a Date and back (a verifier asks this of every event).
  const year = digitsOf(value, 0, 4);
  const month = digitsOf(value, 5, 7);
  const day = digitsOf(value, 8, 10);
  if (month < 1 || month > 12 || day < 1 || digitsOf(value, 11, 13) > 23 || digitsOf(value, 14, 16) > 59 || digitsOf(value, 17, 19) > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
};
