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
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value;
};
