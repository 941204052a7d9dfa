import { IsoDateTime, isIsoDate } from "@grantledger/core";

const OSLO_OFFSET = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Oslo", timeZoneName: "longOffset" });

/** Europe/Oslo's offset from UTC at an instant, in minutes (+60 in winter, +120 in summer). */
const osloOffsetMinutes = (utcMs: number): number => {
  const zone = OSLO_OFFSET.formatToParts(new Date(utcMs)).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(zone);
  if (match === null || match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
};

/**
 * The last millisecond of a calendar day in Norwegian time, as a UTC instant: a business date
 * in a Norwegian ledger ends at midnight in Oslo, whichever side of a daylight-saving change.
 */
export const endOfOsloDay = (date: string): IsoDateTime => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const nextMidnightAsUtc = Date.UTC(year, month - 1, day + 1);
  // The offset at the wanted instant, found from a first guess; a second step settles it at a DST edge.
  let instant = nextMidnightAsUtc - osloOffsetMinutes(nextMidnightAsUtc) * 60_000;
  instant = nextMidnightAsUtc - osloOffsetMinutes(instant) * 60_000;
  return new Date(instant - 1).toISOString() as IsoDateTime;
};

/**
 * The instant an `inEffectOn` option stands for: an ISO-8601 time with a zone as given, or a date
 * `YYYY-MM-DD` through the end of that day in Europe/Oslo; `undefined` for anything else.
 */
export const inEffectLimitOf = (value: string): IsoDateTime | undefined => {
  if (IsoDateTime.is(value)) return value;
  return isIsoDate(value) ? endOfOsloDay(value) : undefined;
};
