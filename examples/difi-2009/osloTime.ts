/**
 * Local Norwegian time as an ISO-8601 string with the right offset: +01:00 in winter, +02:00 in
 * summer (from the last Sunday of March to the last Sunday of October). Events carry the zone,
 * so the demo's timestamps read as they would have in Difi's office.
 */

const lastSunday = (year: number, monthIndex: number): number => {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return lastDay.getUTCDate() - lastDay.getUTCDay();
};

/** Whether the date (`YYYY-MM-DD`) falls in summer time in Norway (day granularity is enough here). */
const isSummerTime = (date: string): boolean => {
  const [year, month, day] = date.split("-").map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new RangeError(`not a date: ${date}`);
  const start = lastSunday(year, 2);
  const end = lastSunday(year, 9);
  if (month > 3 && month < 10) return true;
  if (month === 3) return day >= start;
  if (month === 10) return day < end;
  return false;
};

const pad = (n: number): string => n.toString().padStart(2, "0");

/** `osloTime("2009-05-29", 10, 75)` -> `"2009-05-29T11:15:00+02:00"`; minutes past 59 roll into hours. */
export const osloTime = (date: string, hour: number, minute = 0): string => {
  const total = hour * 60 + minute;
  if (!Number.isInteger(total) || total < 0 || total >= 24 * 60) throw new RangeError(`not a time of day: ${hour}:${minute}`);
  const offset = isSummerTime(date) ? "+02:00" : "+01:00";
  return `${date}T${pad(Math.floor(total / 60))}:${pad(total % 60)}:00${offset}`;
};

/** The date `days` after `date`, both `YYYY-MM-DD`. */
export const addDays = (date: string, days: number): string => {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
};
