import { formatMoney } from "@grantledger/core";

// Norwegian dates are read on Norwegian calendar days: an award at 00:30 on 1 January Oslo time
// is a 1 January award, though it is still 31 December in UTC.
const osloParts = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" });

/** The Oslo calendar day of an instant, as `YYYY-MM-DD` (what the charts plot on). */
export const osloDay = (instant: string): string => {
  const parts = Object.fromEntries(osloParts.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${parts["year"] ?? ""}-${parts["month"] ?? ""}-${parts["day"] ?? ""}`;
};

/** An instant as the Norwegian date of its Oslo day: `31.12.2010`. */
export const norwegianDate = (instant: string): string => {
  const [year, month, day] = osloDay(instant).split("-");
  return `${day ?? ""}.${month ?? ""}.${year ?? ""}`;
};

/** Øre as Norwegian kroner, `1 234 567,89 kr`: the CLI's own money format, exact at any size. */
export const norwegianMoney = (ore: number | bigint): string => formatMoney(BigInt(ore));

/** A basis-point share as a Norwegian percentage: `33,33 %`. */
export const norwegianPercent = (bps: number): string => `${Math.trunc(bps / 100)},${String(Math.abs(bps % 100)).padStart(2, "0")} %`;
