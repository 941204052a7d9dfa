import { CountyNumber } from "@grantledger/core";
import { getFrom, valuesOf, type MunicipalityTotalsState } from "@grantledger/projections";
import { usageError } from "../cliError.js";

/** The filters of `totals` and `export --format xlsx`: `--round`, `--scheme`, `--county`. */
export interface TotalsFilter {
  /** `--round <id>`: one round. */
  readonly roundId?: string;
  /** `--scheme <id>`: the rounds of one scheme. */
  readonly schemeId?: string;
  /** `--county <nn>`: a county's municipalities and the county itself. */
  readonly countyNo?: string;
}

/** A filter's name as its flag says it. */
export type FilterName = "round" | "scheme" | "county";

/** The filter options as commander hands them. */
export interface FilterOptions {
  readonly round?: string;
  readonly scheme?: string;
  readonly county?: string;
}

/** The filters given, each checked: a county is two digits, not `00` (usage error, exit 2). */
export const filterOf = (options: FilterOptions): TotalsFilter => {
  if (options.county !== undefined && !CountyNumber.is(options.county)) {
    throw usageError(`--county "${options.county}" is not a county number (two digits, not 00, e.g. 46)`);
  }
  if (options.round !== undefined && options.scheme !== undefined) throw usageError("--round and --scheme exclude each other: give one");
  return {
    ...(options.round === undefined ? {} : { roundId: options.round }),
    ...(options.scheme === undefined ? {} : { schemeId: options.scheme }),
    ...(options.county === undefined ? {} : { countyNo: options.county }),
  };
};

/** The filters given, by name. */
export const filtersGiven = (filter: TotalsFilter): readonly FilterName[] => [
  ...(filter.roundId === undefined ? [] : ["round" as const]),
  ...(filter.schemeId === undefined ? [] : ["scheme" as const]),
  ...(filter.countyNo === undefined ? [] : ["county" as const]),
];

/** The filters in words, as a table's heading names them: `round krise-2009-1, county 12`. */
export const describeFilter = (filter: TotalsFilter): string =>
  [
    ...(filter.roundId === undefined ? [] : [`round ${filter.roundId}`]),
    ...(filter.schemeId === undefined ? [] : [`scheme ${filter.schemeId}`]),
    ...(filter.countyNo === undefined ? [] : [`county ${filter.countyNo}`]),
  ].join(", ");

/** A filter as JSON holds it: only the filters given, by the flags' names. */
export const filterJson = (filter: TotalsFilter): Readonly<Record<string, string>> => ({
  ...(filter.roundId === undefined ? {} : { round: filter.roundId }),
  ...(filter.schemeId === undefined ? {} : { scheme: filter.schemeId }),
  ...(filter.countyNo === undefined ? {} : { county: filter.countyNo }),
});

/**
 * What the filters name that the history (as folded) does not hold, in words (`round "r9"`): a
 * round never opened, a scheme no round names, a county none of whose municipalities, nor the
 * county itself, takes part in any application. Judged from `municipalityTotals`' state.
 */
export const unknownInParticipants = (state: MunicipalityTotalsState, filter: TotalsFilter): readonly string[] => {
  const { roundId, schemeId, countyNo } = filter;
  const rounds = [...valuesOf(state.rounds)];
  return [
    ...(roundId !== undefined && getFrom(state.rounds, roundId) === undefined ? [`round "${roundId}"`] : []),
    ...(schemeId !== undefined && !rounds.some((round) => round.schemeId === schemeId) ? [`scheme "${schemeId}"`] : []),
    ...(countyNo !== undefined && getFrom(state.participants, `county:${countyNo}`) === undefined && ![...valuesOf(state.participants)].some((row) => row.countyNo === countyNo)
      ? [`county ${countyNo}`]
      : []),
  ];
};
