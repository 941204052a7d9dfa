import { ZERO, type CountyNumber, type Money, type MunicipalityNumber } from "@grantledger/core";
import { getFrom, valuesOf } from "../persistentMap.js";
import { known, plus, splitByShares } from "./amounts.js";
import { awardedParts, netPaidParts, partAt, repaidParts } from "./municipalityTotalsParts.js";
import { OTHER_KINDS, type MunicipalityTotalsState, type OtherParticipantKind, type ParticipantTotals } from "./municipalityTotalsState.js";

/** A participant's figures. Money in øre; see `municipalityTotals` for how each is split. */
export interface ParticipantFigures {
  /** How many applications it takes part in, rejected and undecided ones included. */
  readonly projects: number;
  /** Its share of the amounts requested. */
  readonly requested: Money;
  /** Its share of what its grants hold: live awards as last amended, closed grants as paid net, renounced ones 0. */
  readonly awarded: Money;
  /** Its share of the payments made, net of reversals and repayments. */
  readonly disbursed: Money;
  /** Its share of the repayments received. */
  readonly repaid: Money;
  /** Its share of what closed grants left unpaid, given back to their rounds. */
  readonly returned: Money;
  /** Its share of the money benefits reported (`cost-saving`, `other-parties`), in øre; may be negative. */
  readonly benefitsNok: number;
}

/** One municipality's totals. */
export interface MunicipalityTotalsRow extends ParticipantFigures {
  /** The municipality. */
  readonly municipalityNo: MunicipalityNumber;
  /** Its name, as the latest application spelled it. */
  readonly name: string;
  /** The county it lies in: its number's first two digits. */
  readonly countyNo: CountyNumber;
}

/** The totals of a participant that is not a municipality. */
export interface OtherParticipantTotalsRow extends ParticipantFigures {
  /** What kind of participant it is. */
  readonly kind: OtherParticipantKind;
  /** The county number of a county, else the organisation number. */
  readonly id: string;
  /** Its name, as the latest application spelled it. */
  readonly name: string;
}

/** Which totals: over all rounds (no scope), of one round, or of the rounds of one scheme. */
export type TotalsScope =
  | {
      /** The round whose grants are totalled. */
      readonly roundId: string;
    }
  | {
      /** The scheme whose rounds' grants are totalled (the rounds whose `RoundOpened` names it). */
      readonly schemeId: string;
    };

type Figures = { -readonly [K in keyof ParticipantFigures]: ParticipantFigures[K] };

const noFigures = (): Figures => ({ projects: 0, requested: ZERO, awarded: ZERO, disbursed: ZERO, repaid: ZERO, returned: ZERO, benefitsNok: 0 });

const addFigures = (sum: Figures, more: ParticipantFigures): void => {
  sum.projects += more.projects;
  sum.requested = plus(sum.requested, more.requested);
  sum.awarded = plus(sum.awarded, more.awarded);
  sum.disbursed = plus(sum.disbursed, more.disbursed);
  sum.repaid = plus(sum.repaid, more.repaid);
  sum.returned = plus(sum.returned, more.returned);
  sum.benefitsNok += more.benefitsNok;
};

// Per round, each participant's figures summed over the round's grants, from each grant's parts
// (the same parts the totals over all rounds were folded from). Worked out once per state: a
// state never changes, and the fold stays free of per-round work.
const byRoundCache = new WeakMap<MunicipalityTotalsState, ReadonlyMap<string, ReadonlyMap<string, ParticipantFigures>>>();

const figuresByRound = (state: MunicipalityTotalsState): ReadonlyMap<string, ReadonlyMap<string, ParticipantFigures>> => {
  const cached = byRoundCache.get(state);
  if (cached !== undefined) return cached;
  const rounds = new Map<string, Map<string, Figures>>();
  for (const grant of valuesOf(state.grants)) {
    let rows = rounds.get(grant.roundId);
    if (rows === undefined) rounds.set(grant.roundId, (rows = new Map()));
    const requested = splitByShares(grant.requested, grant.weights);
    const awarded = awardedParts(grant);
    const disbursed = netPaidParts(grant);
    const repaid = repaidParts(grant);
    const returned = grant.unpaid === 0 ? [] : splitByShares(grant.unpaid, grant.weights);
    for (const [index, key] of grant.keys.entries()) {
      let row = rows.get(key);
      if (row === undefined) rows.set(key, (row = noFigures()));
      addFigures(row, {
        projects: 1,
        requested: partAt(requested, index),
        awarded: partAt(awarded, index),
        disbursed: partAt(disbursed, index),
        repaid: partAt(repaid, index),
        returned: partAt(returned, index),
        benefitsNok: grant.benefits[index] ?? 0,
      });
    }
  }
  byRoundCache.set(state, rounds);
  return rounds;
};

// The rows in scope, one per participant. Names are taken from the totals over all rounds, so a
// participant is spelled the same whatever the scope.
const rowsIn = (state: MunicipalityTotalsState, scope: TotalsScope | undefined): Iterable<ParticipantTotals> => {
  if (scope === undefined) return valuesOf(state.participants);
  const roundIds =
    "roundId" in scope ? [scope.roundId] : [...valuesOf(state.rounds)].filter((round) => round.schemeId === scope.schemeId).map((round) => round.roundId);
  const byRound = figuresByRound(state);
  const summed = new Map<string, Figures>();
  for (const roundId of roundIds) {
    for (const [key, figures] of byRound.get(roundId) ?? []) {
      let sum = summed.get(key);
      if (sum === undefined) summed.set(key, (sum = noFigures()));
      addFigures(sum, figures);
    }
  }
  return [...summed].map(([key, figures]) => {
    const { kind, id, name, countyNo } = known(getFrom(state.participants, key), `participant ${key}`);
    return { kind, id, name, countyNo, ...figures };
  });
};

const figuresOf = ({ projects, requested, awarded, disbursed, repaid, returned, benefitsNok }: ParticipantTotals): ParticipantFigures => ({
  projects,
  requested,
  awarded,
  disbursed,
  repaid,
  returned,
  benefitsNok,
});

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every municipality that takes part in at least one application (of the round or scheme, when
 * `scope` names one), by municipality number.
 */
export const listMunicipalities = (state: MunicipalityTotalsState, scope?: TotalsScope): readonly MunicipalityTotalsRow[] => {
  const rows: (MunicipalityTotalsRow & { id: string })[] = [];
  for (const row of rowsIn(state, scope)) {
    if (row.kind !== "municipality") continue;
    const { id, name, countyNo } = row;
    rows.push({ id, municipalityNo: id as MunicipalityNumber, name, countyNo: countyNo as CountyNumber, ...figuresOf(row) });
  }
  return rows.sort(byId).map(({ id: _id, ...row }) => row);
};

/**
 * Every other participant (of the round or scheme, when `scope` names one): counties, county
 * governors, state agencies and others, in that order of kind, each kind by county or
 * organisation number.
 */
export const listOtherParticipants = (state: MunicipalityTotalsState, scope?: TotalsScope): readonly OtherParticipantTotalsRow[] => {
  const rows: OtherParticipantTotalsRow[] = [];
  for (const row of rowsIn(state, scope)) {
    if (row.kind === "municipality") continue;
    const { kind, id, name } = row;
    rows.push({ kind, id, name, ...figuresOf(row) });
  }
  const rank = (kind: OtherParticipantKind): number => OTHER_KINDS.indexOf(kind);
  return rows.sort((a, b) => rank(a.kind) - rank(b.kind) || byId(a, b));
};

/**
 * The figures of every participant in scope, summed: what the grants in scope come to, to the
 * øre (`projects` counts participations: a project of three participants counts three times).
 */
export const sumParticipants = (state: MunicipalityTotalsState, scope?: TotalsScope): ParticipantFigures => {
  let sum: ParticipantFigures = { projects: 0, requested: ZERO, awarded: ZERO, disbursed: ZERO, repaid: ZERO, returned: ZERO, benefitsNok: 0 };
  for (const row of rowsIn(state, scope)) {
    sum = {
      projects: sum.projects + row.projects,
      requested: plus(sum.requested, row.requested),
      awarded: plus(sum.awarded, row.awarded),
      disbursed: plus(sum.disbursed, row.disbursed),
      repaid: plus(sum.repaid, row.repaid),
      returned: plus(sum.returned, row.returned),
      benefitsNok: sum.benefitsNok + row.benefitsNok,
    };
  }
  return sum;
};
