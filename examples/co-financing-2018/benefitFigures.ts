import { formatMoney, unsafeMoney } from "@grantledger/core";

/** Below this share of the plan a benefit is behind plan, in tenths of a percent. */
const BEHIND_BELOW = 900;
/** Above this share of the plan a benefit is ahead of plan, in tenths of a percent. */
const AHEAD_ABOVE = 1050;

/**
 * How much of the planned figure was reported, in tenths of a percent (985 is 98.5 %), or
 * `undefined` when nothing was planned. Tenths keep the arithmetic in integers until printing.
 */
export const realisedTenths = (planned: number, reported: number): number | undefined =>
  planned === 0 ? undefined : Math.round((reported * 1000) / planned);

/** `985` as `98,5 %`, with a decimal comma as `formatMoney` has; no plan as an empty cell. */
export const formatTenths = (tenths: number | undefined): string =>
  tenths === undefined ? "" : `${tenths < 0 ? "-" : ""}${Math.floor(Math.abs(tenths) / 10)},${Math.abs(tenths) % 10} %`;

/** Where a benefit stands against its plan. */
export type PlanStatus = "behind plan" | "on plan" | "ahead of plan" | "no plan";

/** Behind below 90 %, ahead above 105 %, on plan in between. The band is the example's choice, not Difi's. */
export const planStatus = (planned: number, reported: number): PlanStatus => {
  const tenths = realisedTenths(planned, reported);
  if (tenths === undefined) return "no plan";
  return tenths < BEHIND_BELOW ? "behind plan" : tenths > AHEAD_ABOVE ? "ahead of plan" : "on plan";
};

const grouped = (whole: number): string => whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ");

/**
 * A benefit figure for a table: NOK figures are øre, printed with core's `formatMoney`; hours
 * and indicators are grouped the Norwegian way (`12 500`), with two decimals only if fractional.
 */
export const formatFigure = (unit: string, value: number): string => {
  if (unit === "NOK") return formatMoney(unsafeMoney(value));
  if (Number.isInteger(value)) return grouped(value);
  const [whole, fraction] = Math.abs(value).toFixed(2).split(".");
  return `${value < 0 ? "-" : ""}${grouped(Number(whole))},${fraction}`;
};
