/** What a figure is about, as the explain helper's `ExplainSubject` names it. */
export type FigureSubject =
  | { readonly kind: "municipality"; readonly municipalityNo: string }
  | { readonly kind: "participant"; readonly key: string }
  | { readonly kind: "round"; readonly roundId: string }
  | { readonly kind: "grant"; readonly grantId: string };

/** One figure of a read model, as the explain helper's `FigureQuery` asks for it. */
export interface FigureAsked {
  /** Whose figure. */
  readonly subject: FigureSubject;
  /** Which money field of its row. */
  readonly field: string;
  /** Municipalities and participants: the figure within one round. */
  readonly roundId?: string;
  /** Or within one scheme. */
  readonly schemeId?: string;
}

/** A figure the report shows, linked to its explanation: the sum of one or more read-model figures. */
export interface LinkedFigure {
  /** The id of its explanation section (the link is `#` and this). */
  readonly anchor: string;
  /** What the explanation is headed with. */
  readonly title: string;
  /** The figure as the page shows it, in øre. */
  readonly figure: number;
  /** The read-model figures it sums (one, or a county's municipalities). */
  readonly parts: readonly FigureAsked[];
}

/**
 * Every figure the report links, in the order first shown. Ids are numbered, not made from the
 * history's ids, so no id from the history ends up in an attribute as an id, and two figures
 * that differ only in characters an id cannot hold cannot clash.
 */
export class FigureLinks {
  private readonly figures: LinkedFigure[] = [];
  private readonly byKey = new Map<string, LinkedFigure>();

  /** Registers a figure (once per distinct set of parts) and returns the link to its explanation. */
  link(title: string, figure: number, parts: readonly FigureAsked[]): string {
    const key = JSON.stringify(parts);
    const known = this.byKey.get(key);
    if (known !== undefined) return `#${known.anchor}`;
    const linked: LinkedFigure = { anchor: `explain-${this.figures.length + 1}`, title, figure, parts };
    this.figures.push(linked);
    this.byKey.set(key, linked);
    return `#${linked.anchor}`;
  }

  /** The figures linked so far, in order. */
  all(): readonly LinkedFigure[] {
    return this.figures;
  }
}
