import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { getFrom, type PersistentMap } from "../persistentMap.js";
import { entriesOf } from "../persistentMapDiff.js";
import type { GrantRegisterState } from "../readModels/grantRegister.js";
import type { MunicipalityTotalsState } from "../readModels/municipalityTotalsState.js";
import type { RoundBudgetState } from "../readModels/roundBudget.js";
import { roundBudgetRowOf } from "../readModels/roundBudgetQueries.js";
import { checkPageRequest, pageOf, type Page, type PageRequest } from "./pageRequest.js";
import type { ReadModelQueries, ReadModelQueryError } from "./readModelQueries.js";

/** The states the queries read: the engine's `readModels()` gives them. */
export interface QueriedStates {
  /** The grant register's state. */
  readonly grantRegister: GrantRegisterState;
  /** The round budgets' state. */
  readonly roundBudget: RoundBudgetState;
  /** The municipality totals' state. */
  readonly municipalityTotals: MunicipalityTotalsState;
}

type Entries<V> = readonly (readonly [string, V])[];

// A map's entries in key order, sorted once per version of the map (maps are immutable).
const sortedCache = new WeakMap<object, Entries<unknown>>();
const sortedEntries = <V>(map: PersistentMap<V>): Entries<V> => {
  const known = sortedCache.get(map);
  if (known !== undefined) return known as Entries<V>;
  const sorted = [...entriesOf(map)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  sortedCache.set(map, sorted);
  return sorted;
};

// The first index whose key is after `after`.
const firstAfter = <V>(entries: Entries<V>, after: string): number => {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle] as readonly [string, V])[0] <= after) low = middle + 1;
    else high = middle;
  }
  return low;
};

const listed = <V, Row>(map: PersistentMap<V>, request: PageRequest, keep: (value: V) => boolean, rowOf: (value: V) => Row): TE.TaskEither<ReadModelQueryError, Page<Row>> =>
  TE.fromEither(
    E.map(({ after, limit }: { after: string; limit: number }) => {
      const entries = sortedEntries(map);
      const fetched: (readonly [string, V])[] = [];
      for (let index = firstAfter(entries, after); index < entries.length && fetched.length <= limit; index++) {
        const entry = entries[index] as readonly [string, V];
        if (keep(entry[1])) fetched.push(entry);
      }
      return pageOf(fetched, limit, rowOf);
    })(checkPageRequest(request)),
  );

const same = <V>(value: V): V => value;

/**
 * {@link ReadModelQueries} over in-memory states, read afresh from `states` at every query (pass
 * `() => engine.readModels()` to follow a running engine). The reference the PostgreSQL
 * implementation is tested against: both answer every query alike.
 */
export const readModelQueriesOfStates = (states: () => QueriedStates): ReadModelQueries => ({
  getGrant: (grantId) => TE.right(getFrom(states().grantRegister.grants, grantId)),
  listGrants: (request = {}) =>
    listed(
      states().grantRegister.grants,
      request,
      (row) => (request.roundId === undefined || row.roundId === request.roundId) && (request.status === undefined || row.status === request.status),
      same,
    ),
  getParticipant: (key) => TE.right(getFrom(states().municipalityTotals.participants, key)),
  listParticipants: (request = {}) => listed(states().municipalityTotals.participants, request, (row) => request.kind === undefined || row.kind === request.kind, same),
  getRound: (roundId) => {
    const round = getFrom(states().roundBudget.rounds, roundId);
    return TE.right(round === undefined ? undefined : roundBudgetRowOf(round));
  },
  listRounds: (request = {}) => listed(states().roundBudget.rounds, request, (round) => request.schemeId === undefined || round.schemeId === request.schemeId, roundBudgetRowOf),
});
