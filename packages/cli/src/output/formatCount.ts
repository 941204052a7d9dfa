/** A count with its thousands grouped by spaces, as `formatMoney` groups kroner: `1 000 000`. */
export const formatCount = (n: number | bigint): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ");

/** A rate per second, rounded to a whole number and grouped: `412 337 events/s`. */
export const formatRate = (count: number, milliseconds: number, unit: string): string =>
  `${formatCount(Math.round(count / Math.max(milliseconds, 1) * 1000))} ${unit}/s`;
