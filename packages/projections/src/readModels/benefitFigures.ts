import type { BenefitCategory } from "@grantledger/core";

/** Planned against reported for one category and unit. NOK figures are øre. */
export interface BenefitFigure {
  /** The benefit category. */
  readonly category: BenefitCategory;
  /** The unit the figures are in, as the plan and reports wrote it (`NOK` means øre). */
  readonly unit: string;
  /** The sum of the benefits plan's targets. */
  readonly planned: number;
  /** The sum of the reported `actual` figures. */
  readonly reported: number;
}

/**
 * Figures keyed by category and unit. The unit is part of the key because a category's lines
 * need not share one (a quality indicator is measured in its own unit) and adding hours to
 * percentages would answer nothing.
 */
export type BenefitFigures = Readonly<Record<string, BenefitFigure>>;

/** One benefit line to add: its target, or its actual figure. */
export interface BenefitLine {
  /** The benefit category. */
  readonly category: BenefitCategory;
  /** The unit of the figure. */
  readonly unit: string;
  /** The target to add to `planned` (0 for a reported line). */
  readonly planned: number;
  /** The actual figure to add to `reported` (0 for a planned line). */
  readonly reported: number;
}

const CATEGORY_ORDER: readonly BenefitCategory[] = ["cost-saving", "time-saving", "quality", "other-parties"];

/** New figures with `lines` added; `figures` is left as it was. */
export const addBenefitLines = (figures: BenefitFigures, lines: readonly BenefitLine[]): BenefitFigures => {
  if (lines.length === 0) return figures;
  const next: Record<string, BenefitFigure> = { ...figures };
  for (const line of lines) {
    const key = `${line.category}\u0000${line.unit}`;
    const known = next[key];
    next[key] = known === undefined ? { ...line } : { ...known, planned: known.planned + line.planned, reported: known.reported + line.reported };
  }
  return next;
};

/** The figures as a list, by category (in the guidance's order), then unit. */
export const listBenefitFigures = (figures: BenefitFigures): readonly BenefitFigure[] =>
  Object.values(figures).sort(
    (a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0),
  );
