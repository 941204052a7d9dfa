import {
  getRoundBudget,
  listGrants,
  listMunicipalities,
  listOtherParticipants,
  type GrantRegisterRow,
  type MunicipalityTotalsRow,
  type RoundBudgetRow,
  type TotalsScope,
} from "@grantledger/projections";
import type { CountyBar, DayPoint } from "./charts.js";
import { countyName } from "./countyNames.js";
import { FigureLinks, type FigureAsked } from "./figureLinks.js";
import { osloDay, norwegianMoney } from "./norwegianFormat.js";
import type { BudgetMovement, OpenedRound, ReportPass } from "./reportPass.js";
import type { ReportScope } from "./reportScope.js";

/** A money figure on the page and the link to its explanation. */
export interface ShownFigure {
  /** Øre. */
  readonly ore: number;
  /** `#explain-…`. */
  readonly link: string;
}

/** A round in scope with its figures. */
export interface ReportRound {
  /** As opened: name, funder, scheme. */
  readonly opened: OpenedRound;
  /** Its budget row now (as of the report's limits). */
  readonly row: RoundBudgetRow;
  /** Its budget, committed and disbursed figures, linked. */
  readonly budget: ShownFigure;
  readonly committed: ShownFigure;
  readonly disbursed: ShownFigure;
}

/** A county's line: its municipalities' shares and its own. */
export interface ReportCounty {
  /** The county number. */
  readonly countyNo: string;
  /** Its name (Norway's counties of any year), else as the history spells it (the county takes part), else `fylke <no>`. */
  readonly name: string;
  /** How many of its municipalities take part. */
  readonly municipalities: number;
  readonly awarded: ShownFigure;
  readonly disbursed: ShownFigure;
}

/** A municipality's line. */
export interface ReportMunicipality {
  readonly row: MunicipalityTotalsRow;
  readonly awarded: ShownFigure;
  readonly disbursed: ShownFigure;
}

/** A grant's line. */
export interface ReportGrant {
  readonly row: GrantRegisterRow;
  readonly awarded: ShownFigure;
  readonly disbursed: ShownFigure;
}

/** Everything the page shows, worked out from one pass over the history. */
export interface ReportModel {
  readonly scope: ReportScope;
  readonly rounds: readonly ReportRound[];
  /** The scope's totals: the round's, or the sums over the scheme's rounds. */
  readonly totals: { readonly budget: ShownFigure; readonly committed: ShownFigure; readonly disbursed: ShownFigure; readonly remaining: number };
  /** Budget and committed after each business day that moved either. */
  readonly budgetPoints: readonly DayPoint[];
  /** Paid net after each business day that moved it. */
  readonly paymentPoints: readonly DayPoint[];
  readonly counties: readonly ReportCounty[];
  readonly countyBars: readonly CountyBar[];
  readonly municipalities: readonly ReportMunicipality[];
  /** The largest grants by amount awarded, largest first. */
  readonly largestGrants: readonly ReportGrant[];
  /** How many grants the scope holds in all. */
  readonly grantCount: number;
  /** Every linked figure. */
  readonly figures: FigureLinks;
}

/** How many grants the table of the largest lists. */
export const LARGEST_GRANTS = 15;

const toKroner = (ore: number): number => ore / 100;

/** The movements in business-time order (then global order), summed up to each Oslo day. */
export const dayPoints = (movements: readonly BudgetMovement[]): { budget: DayPoint[]; payments: DayPoint[] } => {
  const ordered = [...movements].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const byDay = new Map<string, { budget: number; committed: number; disbursed: number; paymentsMoved: boolean }>();
  let budget = 0, committed = 0, disbursed = 0;
  for (const movement of ordered) {
    budget += movement.budget;
    committed += movement.committed;
    disbursed += movement.disbursed;
    const day = osloDay(movement.at);
    const paymentsMoved = movement.disbursed !== 0 || (byDay.get(day)?.paymentsMoved ?? false);
    byDay.set(day, { budget, committed, disbursed, paymentsMoved });
  }
  const days = [...byDay];
  const budgetPoints = days.flatMap(([day, at]) => [
    { day, series: "Budget", kr: toKroner(at.budget) },
    { day, series: "Committed (bundet)", kr: toKroner(at.committed) },
  ]);
  const first = days[0];
  const last = days[days.length - 1];
  const paid = days.filter(([, at]) => at.paymentsMoved).map(([day, at]) => ({ day, series: "Disbursed (utbetalt)", kr: toKroner(at.disbursed) }));
  // The area starts at the first business day (nothing paid yet) and runs to the last.
  const payments = [
    ...(first !== undefined && paid[0]?.day !== first[0] ? [{ day: first[0], series: "Disbursed (utbetalt)", kr: 0 }] : []),
    ...paid,
    ...(last !== undefined && paid[paid.length - 1]?.day !== last[0] ? [{ day: last[0], series: "Disbursed (utbetalt)", kr: toKroner(last[1].disbursed) }] : []),
  ];
  return { budget: budgetPoints, payments };
};

const scoped = (scope: ReportScope): { totalsScope: TotalsScope; within: Pick<FigureAsked, "roundId" | "schemeId"> } =>
  scope.kind === "round" ? { totalsScope: { roundId: scope.roundId }, within: { roundId: scope.roundId } } : { totalsScope: { schemeId: scope.schemeId }, within: { schemeId: scope.schemeId } };

/** Works out the page's figures from the pass, registering a link to each figure's explanation. */
export const buildReportModel = (scope: ReportScope, pass: ReportPass): ReportModel => {
  const figures = new FigureLinks();
  const roundField = (title: string, field: string, rounds: readonly OpenedRound[], ore: number): ShownFigure => ({
    ore,
    link: figures.link(title, ore, rounds.map((round) => ({ subject: { kind: "round", roundId: round.roundId }, field }))),
  });
  const rounds: ReportRound[] = pass.rounds.flatMap((opened) => {
    const row = getRoundBudget(pass.roundBudget, opened.roundId);
    if (row === undefined) return [];
    return [
      {
        opened,
        row,
        budget: roundField(`Budget of round ${opened.roundId}`, "budget", [opened], row.budget),
        committed: roundField(`Committed (bundet) in round ${opened.roundId}`, "committed", [opened], row.committed),
        disbursed: roundField(`Disbursed (utbetalt) in round ${opened.roundId}`, "disbursed", [opened], row.disbursed),
      },
    ];
  });
  const sum = (pick: (round: ReportRound) => number): number => rounds.reduce((total, round) => total + pick(round), 0);
  const scopeName = scope.kind === "round" ? `round ${scope.roundId}` : `scheme ${scope.schemeId}`;
  const totals = {
    budget: roundField(`Budget of ${scopeName}`, "budget", pass.rounds, sum((round) => round.row.budget)),
    committed: roundField(`Committed (bundet) in ${scopeName}`, "committed", pass.rounds, sum((round) => round.row.committed)),
    disbursed: roundField(`Disbursed (utbetalt) in ${scopeName}`, "disbursed", pass.rounds, sum((round) => round.row.disbursed)),
    remaining: sum((round) => round.row.remaining),
  };
  const points = dayPoints(pass.movements);

  const { totalsScope, within } = scoped(scope);
  const municipalityRows = listMunicipalities(pass.municipalityTotals, totalsScope);
  const municipalities = municipalityRows.map((row) => {
    const asked = (field: string): FigureAsked[] => [{ subject: { kind: "municipality", municipalityNo: row.municipalityNo }, field, ...within }];
    return {
      row,
      awarded: { ore: row.awarded, link: figures.link(`Awarded (tildelt) to ${row.name} (${row.municipalityNo}) in ${scopeName}`, row.awarded, asked("awarded")) },
      disbursed: { ore: row.disbursed, link: figures.link(`Disbursed (utbetalt) to ${row.name} (${row.municipalityNo}) in ${scopeName}`, row.disbursed, asked("disbursed")) },
    };
  });
  const countyParticipants = new Map(listOtherParticipants(pass.municipalityTotals, totalsScope).filter((row) => row.kind === "county").map((row) => [row.id, row]));
  const countyNos = [...new Set([...municipalityRows.map((row) => row.countyNo as string), ...countyParticipants.keys()])].sort();
  const counties = countyNos.map((countyNo): ReportCounty => {
    const members = municipalityRows.filter((row) => row.countyNo === countyNo);
    const own = countyParticipants.get(countyNo);
    const name = countyName(countyNo) ?? own?.name ?? `fylke ${countyNo}`;
    const asked = (field: string): FigureAsked[] => [
      ...members.map((row): FigureAsked => ({ subject: { kind: "municipality", municipalityNo: row.municipalityNo }, field, ...within })),
      ...(own === undefined ? [] : [{ subject: { kind: "participant", key: `county:${countyNo}` }, field, ...within } as const]),
    ];
    const total = (pick: (row: { awarded: number; disbursed: number }) => number): number => members.reduce((sum, row) => sum + pick(row), own === undefined ? 0 : pick(own));
    const awarded = total((row) => row.awarded);
    const disbursed = total((row) => row.disbursed);
    return {
      countyNo,
      name,
      municipalities: members.length,
      awarded: { ore: awarded, link: figures.link(`Awarded (tildelt) in county ${countyNo} ${name} in ${scopeName}`, awarded, asked("awarded")) },
      disbursed: { ore: disbursed, link: figures.link(`Disbursed (utbetalt) in county ${countyNo} ${name} in ${scopeName}`, disbursed, asked("disbursed")) },
    };
  });
  const countyBars = counties.map((county) => ({ county: `${county.countyNo} ${county.name}`, kr: toKroner(county.awarded.ore), label: norwegianMoney(county.awarded.ore), link: county.awarded.link }));

  const roundIds = new Set(pass.rounds.map((round) => round.roundId));
  const grants = listGrants(pass.grantRegister).filter((row) => roundIds.has(row.roundId));
  const largestGrants = [...grants]
    .filter((row) => row.awarded > 0 || row.disbursed > 0)
    .sort((a, b) => b.awarded - a.awarded || b.disbursed - a.disbursed || (a.grantId < b.grantId ? -1 : 1))
    .slice(0, LARGEST_GRANTS)
    .map((row) => {
      const asked = (field: string): FigureAsked[] => [{ subject: { kind: "grant", grantId: row.grantId }, field }];
      return {
        row,
        awarded: { ore: row.awarded, link: figures.link(`Awarded (tildelt) to grant ${row.grantId}`, row.awarded, asked("awarded")) },
        disbursed: { ore: row.disbursed, link: figures.link(`Disbursed (utbetalt) to grant ${row.grantId}`, row.disbursed, asked("disbursed")) },
      };
    });
  return { scope, rounds, totals, budgetPoints: points.budget, paymentPoints: points.payments, counties, countyBars, municipalities, largestGrants, grantCount: grants.length, figures };
};
