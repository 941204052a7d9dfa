import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { raw, type Html } from "./html.js";

// Vega formats numbers and times with d3's locales: the Norwegian one groups thousands with a
// space and writes a decimal comma, as the rest of the report does.
const NORWEGIAN_LOCALE = {
  number: { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0kr"] },
  time: {
    dateTime: "%A %e. %B %Y kl. %X",
    date: "%d.%m.%Y",
    time: "%H:%M:%S",
    periods: ["", ""],
    days: ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
    shortDays: ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
    months: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
    shortMonths: ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"],
  },
};

const CONFIG = { locale: NORWEGIAN_LOCALE, font: "sans-serif", view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 } };

/**
 * A Vega-Lite spec drawn as SVG markup, at build time: compiled by vega-lite, laid out by a
 * headless vega View (no renderer, so no DOM or canvas) and written by its SVG string renderer.
 * The markup holds no scripts and loads nothing, so the page needs no network to show it.
 */
export const renderChart = async (spec: TopLevelSpec): Promise<Html> => {
  const compiled = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new View(parse(compiled), { renderer: "none" });
  try {
    return raw(await view.toSVG());
  } finally {
    view.finalize();
  }
};

/** One point of a line over business days: the value (kroner, for drawing only) after that day. */
export interface DayPoint {
  /** The Oslo calendar day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Which line it belongs to. */
  readonly series: string;
  /** The figure after that day, in kroner (a drawing position, never used as money). */
  readonly kr: number;
}

const WIDTH = 860;

const dayAxis = { field: "day", type: "temporal", title: "Business date (in effect)", scale: { type: "utc" }, axis: { format: "%d.%m.%Y", labelAngle: 0 } } as const;

/** Budget and committed over business time: one stepped line each. */
export const budgetChart = (points: readonly DayPoint[]): Promise<Html> =>
  renderChart({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Budget and committed (bundet) over business time",
    width: WIDTH,
    height: 240,
    data: { values: points.map((point) => ({ ...point })) },
    mark: { type: "line", interpolate: "step-after", point: true, strokeWidth: 2 },
    encoding: {
      x: dayAxis,
      y: { field: "kr", type: "quantitative", title: "kr", axis: { format: ",.0f" } },
      color: { field: "series", type: "nominal", title: null, legend: { orient: "top" } },
    },
  });

/** Paid net over business time, as a stepped area. */
export const paymentsChart = (points: readonly DayPoint[]): Promise<Html> =>
  renderChart({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Disbursed (utbetalt) over business time, net of reversals and repayments",
    width: WIDTH,
    height: 200,
    data: { values: points.map((point) => ({ ...point })) },
    mark: { type: "area", interpolate: "step-after", line: true, opacity: 0.6, color: "#2a7f62" },
    encoding: {
      x: dayAxis,
      y: { field: "kr", type: "quantitative", title: "kr", axis: { format: ",.0f" } },
    },
  });

/** One bar of the county chart. */
export interface CountyBar {
  /** The county's number and name, as the axis shows it. */
  readonly county: string;
  /** The amount, in kroner (a drawing position, never used as money). */
  readonly kr: number;
  /** The amount as the report writes it, for the bar's label. */
  readonly label: string;
  /** Where the bar links: its explanation, `#…`. */
  readonly link: string;
}

/** Awarded per county: exactly one bar (one `rect` mark) per county, each a link to its explanation. */
export const countyChart = (bars: readonly CountyBar[]): Promise<Html> =>
  renderChart({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Awarded (tildelt) per county, the shares of the county's municipalities and of the county itself",
    width: WIDTH - 160,
    height: { step: 22 },
    data: { values: bars.map((bar) => ({ ...bar })) },
    mark: { type: "bar", color: "#3b6ea8" },
    encoding: {
      y: { field: "county", type: "nominal", title: null, sort: null, axis: { labelLimit: 240 } },
      x: { field: "kr", type: "quantitative", title: "Awarded (tildelt), kr", axis: { format: ",.0f" } },
      href: { field: "link" },
      tooltip: { field: "label" },
    },
  });
