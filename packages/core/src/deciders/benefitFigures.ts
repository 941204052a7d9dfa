import type { BenefitCategory } from "../events/benefits.js";
import { MONEY_BENEFIT_CATEGORIES } from "../events/benefits.js";
import type { GrantError } from "./grantErrors.js";

/** What planned and reported benefits share: a category and up to three figures. */
interface BenefitFigures {
  readonly category: BenefitCategory;
  readonly baseline?: number;
  readonly target?: number;
  readonly actual?: number;
}

const FIGURES = ["baseline", "target", "actual"] as const;

/**
 * The first money figure that is not a whole number of øre, in a benefits plan or report.
 * Hours and quality indicators may be fractional; kroner may not (DESIGN: NOK values are øre).
 */
export const checkFiguresInOre = (grantId: string, benefits: readonly BenefitFigures[]): GrantError | undefined => {
  for (const [index, benefit] of benefits.entries()) {
    if (!MONEY_BENEFIT_CATEGORIES.includes(benefit.category)) continue;
    for (const field of FIGURES) {
      const value = benefit[field];
      if (value !== undefined && !Number.isSafeInteger(value)) return { _tag: "BenefitFigureNotInOre", grantId, index, field, value };
    }
  }
  return undefined;
};
