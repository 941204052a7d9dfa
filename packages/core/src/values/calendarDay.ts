import type { IsoDate, IsoDateTime } from "./isoTime.js";

/**
 * The calendar day of an instant as it is written, in its own zone: `2009-12-30` of
 * `2009-12-30T23:30:00+01:00` (which is 2009-12-30T22:30Z). The day a disbursement window and a
 * payment's value date are reckoned in. Every {@link IsoDateTime} starts with a real calendar
 * date, so its first ten characters are an {@link IsoDate}.
 */
export const calendarDayOf = (instant: IsoDateTime): IsoDate => instant.slice(0, 10) as IsoDate;
