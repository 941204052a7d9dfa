/**
 * The one form of a recorded time that every adapter writes and reads back unchanged:
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, UTC, to the millisecond (what `Date#toISOString` gives, and what
 * the PostgreSQL adapter formats). Years 0001-9999: PostgreSQL has no year 0.
 */
const RECORDED_TIME = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Whether `value` is a real instant in the form stores keep (see {@link EventToAppend.recordedAt}):
 * only such a time is read back byte for byte, so only such a time may be given to an append.
 * `2009-02-30T00:00:00.000Z` has the form but is no instant, and is refused.
 */
export const isRecordedTime = (value: unknown): value is string => {
  if (typeof value !== "string" || !RECORDED_TIME.test(value)) return false;
  // The form is right; the fields must be a real instant. Read from the digits rather than
  // through a Date and back (a verifier asks this of every event).
  const digits = (from: number, to: number): number => Number(value.slice(from, to));
  const year = digits(0, 4);
  const month = digits(5, 7);
  const day = digits(8, 10);
  if (month < 1 || month > 12 || day < 1 || digits(11, 13) > 23 || digits(14, 16) > 59 || digits(17, 19) > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
};
