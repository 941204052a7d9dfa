import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { businessTimeOf, type EventStore, type RecordedEvent } from "@grantledger/core";
import { scanAsOf, type AsOfOptions } from "../projectAsOf.js";
import { getFrom, valuesOf } from "../persistentMap.js";
import type { TotalsScope } from "../readModels/municipalityTotalsQueries.js";
import type { ExplainError } from "./explainError.js";
import { initialExplainStates, stepStates, type ExplainStates } from "./explainStates.js";
import type { Explanation, ExplanationPart, FigureQuery } from "./explainTypes.js";
import { FIGURE_FIELDS, isFieldOf } from "./figureFields.js";
import { grantTracker, participantKeyOf, participantTracker, payeeTracker, roundTracker, touchedKeys, type FigureTracker } from "./figureTrackers.js";

const scopeOf = (query: FigureQuery): E.Either<ExplainError, TotalsScope | undefined> => {
  const { roundId, schemeId, subject } = query;
  if (roundId === undefined && schemeId === undefined) return E.right(undefined);
  if (subject.kind !== "municipality" && subject.kind !== "participant") {
    return E.left({ _tag: "InvalidFigureQuery", query, reason: `a ${subject.kind}'s figure has no round or scheme to be taken within` });
  }
  if (roundId !== undefined && schemeId !== undefined) return E.left({ _tag: "InvalidFigureQuery", query, reason: "give a round or a scheme, not both" });
  return E.right(roundId !== undefined ? { roundId } : { schemeId: schemeId ?? "" });
};

// A query checked and turned into the tracker that reads its figure.
const trackerOf = (query: FigureQuery): E.Either<ExplainError, FigureTracker> => {
  const { subject, field } = query;
  const fields: readonly string[] = FIGURE_FIELDS[subject.kind];
  if (!fields.includes(field)) return E.left({ _tag: "UnknownFigureField", subject, field, fields });
  const scope = scopeOf(query);
  if (E.isLeft(scope)) return scope;
  switch (subject.kind) {
    case "municipality":
    case "participant":
      return isFieldOf(FIGURE_FIELDS.participant, field) ? E.right(participantTracker(participantKeyOf(subject), field, scope.right)) : E.left({ _tag: "UnknownFigureField", subject, field, fields });
    case "round":
      return isFieldOf(FIGURE_FIELDS.round, field) ? E.right(roundTracker(subject.roundId, field)) : E.left({ _tag: "UnknownFigureField", subject, field, fields });
    case "grant":
      return isFieldOf(FIGURE_FIELDS.grant, field) ? E.right(grantTracker(subject.grantId, field)) : E.left({ _tag: "UnknownFigureField", subject, field, fields });
    case "payee":
      return isFieldOf(FIGURE_FIELDS.payee, field) ? E.right(payeeTracker(subject.orgNo, field)) : E.left({ _tag: "UnknownFigureField", subject, field, fields });
  }
};

const partOf = (recorded: RecordedEvent, event: { readonly type: string; readonly data: unknown }, movement: NonNullable<ReturnType<FigureTracker["moved"]>>): ExplanationPart => ({
  streamName: recorded.streamName,
  revision: recorded.revision,
  position: recorded.position,
  eventId: recorded.id,
  type: recorded.type,
  recordedAt: recorded.recordedAt,
  businessTime: businessTimeOf(event),
  grantId: movement.grantId,
  eventAmount: movement.eventAmount,
  shareBps: movement.share?.shareBps,
  exactShare: movement.share?.exactShare,
  part: movement.part,
  rounding: movement.share?.rounding,
});

/**
 * Every figure asked for, with the events behind it, in one pass over the history (up to
 * the cut of `options`: `position`, `knownAt`, `inEffectOn`, as `scanAsOf` reads them for `projectAsOf`). It folds the three
 * read models `municipalityTotals`, `roundBudget` and `grantRegister` one event at a time, reads
 * each figure before and after each event that can move it, and keeps each change as a part; so
 * the parts sum exactly to the figure the read model's own query gives (it says so, as
 * `PartsDoNotSum`, if they ever did not). A participant's part also says how the amount was split:
 * its `shareBps`, the exact share and the largest-remainder rounding. The explanations come in the
 * order of `queries`; the first query that is bad or names what the history does not hold is the
 * error.
 */
export const explainFigures =
  (store: EventStore, queries: readonly FigureQuery[], options?: AsOfOptions): TaskEither<ExplainError, readonly Explanation[]> =>
  async () => {
    const trackers: FigureTracker[] = [];
    for (const query of queries) {
      const tracker = trackerOf(query);
      if (E.isLeft(tracker)) return tracker;
      trackers.push(tracker.right);
    }
    const byKey = new Map<string, number[]>();
    for (const [index, tracker] of trackers.entries()) byKey.set(tracker.key, [...(byKey.get(tracker.key) ?? []), index]);
    const parts: ExplanationPart[][] = trackers.map(() => []);
    let states: ExplainStates = initialExplainStates;
    const scanned = await scanAsOf(store, "explain", options, (page) => {
      for (const recorded of page) {
        const step = stepStates(states, recorded);
        if (E.isLeft(step)) return step.left;
        const { decoded, after } = step.right;
        if (decoded !== undefined) {
          for (const key of new Set(touchedKeys(states, after, decoded))) {
            for (const index of byKey.get(key) ?? []) {
              const movement = trackers[index]?.moved(states, after, decoded);
              if (movement !== undefined) parts[index]?.push(partOf(recorded, decoded.event, movement));
            }
          }
        }
        states = after;
      }
      return undefined;
    })();
    if (E.isLeft(scanned)) return scanned;
    const { position } = scanned.right;
    return assemble(queries, trackers, parts, states, position);
  };

const scopeMissing = (states: ExplainStates, query: FigureQuery, position: bigint | undefined): ExplainError | undefined => {
  const { roundId, schemeId } = query;
  if (roundId !== undefined && getFrom(states.totals.rounds, roundId) === undefined) return { _tag: "ScopeNotFound", scope: "round", id: roundId, position };
  if (schemeId !== undefined && ![...valuesOf(states.totals.rounds)].some((round) => round.schemeId === schemeId)) {
    return { _tag: "ScopeNotFound", scope: "scheme", id: schemeId, position };
  }
  return undefined;
};

const assemble = (
  queries: readonly FigureQuery[],
  trackers: readonly FigureTracker[],
  parts: readonly (readonly ExplanationPart[])[],
  states: ExplainStates,
  position: bigint | undefined,
): E.Either<ExplainError, readonly Explanation[]> => {
  const explanations: Explanation[] = [];
  for (const [index, query] of queries.entries()) {
    const tracker = trackers[index];
    const found = parts[index] ?? [];
    if (tracker === undefined) continue;
    if (!tracker.exists(states)) return E.left({ _tag: "SubjectNotFound", subject: query.subject, position });
    const missing = scopeMissing(states, query, position);
    if (missing !== undefined) return E.left(missing);
    const figure = tracker.figure(states);
    const sum = found.reduce((total, part) => total + part.part, 0);
    if (sum !== figure) return E.left({ _tag: "PartsDoNotSum", query, figure, sum });
    explanations.push({ query, figure, parts: found, position });
  }
  return E.right(explanations);
};

/** One figure and the events behind it: {@link explainFigures} for a single query. */
export const explainFigure =
  (store: EventStore, query: FigureQuery, options?: AsOfOptions): TaskEither<ExplainError, Explanation> =>
  async () => {
    const explained = await explainFigures(store, [query], options)();
    if (E.isLeft(explained)) return explained;
    const [explanation] = explained.right;
    return explanation === undefined ? E.left({ _tag: "SubjectNotFound", subject: query.subject, position: undefined }) : E.right(explanation);
  };
