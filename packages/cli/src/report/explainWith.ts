import * as E from "fp-ts/lib/Either.js";
import type { EventStore } from "@grantledger/core";
import { describeExplainError, explainFigures, type AsOfOptions, type Explanation, type FigureQuery } from "@grantledger/projections";
import { CliError } from "../cliError.js";
import type { ExplainLinked } from "./buildReport.js";
import type { ExplainedFigure } from "./explanationLines.js";

const explained = (explanation: Explanation): ExplainedFigure => ({ figure: explanation.figure, events: explanation.parts });

/**
 * The events behind every linked figure, from the library's `explainFigures`: one pass over the
 * history for all of them, by the same clocks as the figures, so each figure's parts sum to it.
 */
export const explainWith =
  (store: EventStore, limits: AsOfOptions): ExplainLinked =>
  async (figures) => {
    const queries: FigureQuery[] = figures.flatMap((figure) => figure.parts);
    const answered = await explainFigures(store, queries, limits)();
    if (E.isLeft(answered)) throw new CliError(`cannot explain the report's figures: ${describeExplainError(answered.left)}`);
    const byAnchor = new Map<string, readonly ExplainedFigure[]>();
    let next = 0;
    for (const figure of figures) {
      byAnchor.set(figure.anchor, answered.right.slice(next, next + figure.parts.length).map(explained));
      next += figure.parts.length;
    }
    return byAnchor;
  };
