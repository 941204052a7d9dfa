import type { ReportedBenefitData } from "../commandTypes.js";
import type { AwardedProjectSpec } from "./projectSpec.js";

/**
 * Benefits reported by the projects, after the categories of the benefits-realisation guidance
 * (gevinstrealisering). All figures are illustrative: they grow with the number of participating
 * municipalities and vary a little by project, so the reports differ without being random.
 * NOK figures are øre, as the ledger requires.
 */

const ORE_PER_NOK = 100;

/** A small, fixed variation per project (0-29), so that figures differ without randomness. */
const variation = (key: string): number => [...key].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 9973, 7) % 30;

/**
 * What project `spec` reports for one period. `scale` is the share of a full year the period
 * covers, in percent (100 for a year, 50 for a half-year).
 */
export const benefitsFor = (spec: AwardedProjectSpec, owner: string, scale: number): ReportedBenefitData[] => {
  const n = spec.municipalities.length + spec.counties.length;
  const v = variation(spec.key);
  const part = (yearly: number): number => Math.round((yearly * scale) / 100);
  switch (spec.theme) {
    case "self-service":
      return [
        { category: "quality", description: "Share of applications submitted electronically", unit: "%", baseline: 0, target: 50, actual: 20 + v, owner },
        { category: "time-saving", description: "Case-worker hours saved on registering paper forms", unit: "hours", actual: part(150 * n + 10 * v), owner },
      ];
    case "case-handling":
      return [
        { category: "time-saving", description: "Hours saved on registering, copying and sending paper mail", unit: "hours", actual: part(200 * n + 10 * v), owner },
        { category: "cost-saving", description: "Postage and paper saved", unit: "NOK", actual: part((15_000 * n + 500 * v) * ORE_PER_NOK), owner },
      ];
    case "health":
      return [
        { category: "time-saving", description: "Nurse hours saved on phone and fax with GPs and hospital", unit: "hours", actual: part(300 * n + 10 * v), owner },
        { category: "quality", description: "Care messages exchanged electronically", unit: "messages", actual: part(1_200 * n + 40 * v), owner },
      ];
    case "maps":
      return [
        { category: "other-parties", description: "Saved by builders and citizens on map and plan extracts", unit: "NOK", actual: part((40_000 * n + 1_000 * v) * ORE_PER_NOK), owner },
        { category: "time-saving", description: "Hours saved answering map and plan enquiries", unit: "hours", actual: part(100 * n + 5 * v), owner },
      ];
    case "building":
      return [
        { category: "time-saving", description: "Hours saved in building-case handling", unit: "hours", actual: part(400 * n + 10 * v), owner },
        { category: "other-parties", description: "Saved by applicants on paper copies, postage and trips to the town hall", unit: "NOK", actual: part((25_000 * n + 1_000 * v) * ORE_PER_NOK), owner },
      ];
  }
};
