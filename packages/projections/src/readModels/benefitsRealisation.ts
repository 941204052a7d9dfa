import type { DomainEvent, EntityId, IsoDateTime } from "@grantledger/core";
import { editorOf, emptyMap, getFrom, valuesOf, type MapEditor, type PersistentMap } from "../persistentMap.js";
import type { Projection } from "../projection.js";
import { known } from "./amounts.js";
import { foldWithDrafts } from "../foldWithDrafts.js";
import { addBenefitLines, listBenefitFigures, type BenefitFigure, type BenefitFigures, type BenefitLine } from "./benefitFigures.js";

/** What the state keeps per awarded grant. */
export interface GrantBenefits {
  /** The grant. */
  readonly grantId: EntityId;
  /** Its round. */
  readonly roundId: EntityId;
  /** How many benefits reports it has had. */
  readonly reports: number;
  /** When the latest report was made; `undefined` before the first. */
  readonly lastReportedAt: IsoDateTime | undefined;
  /** Planned against reported, by category and unit. */
  readonly figures: BenefitFigures;
}

/** What the state keeps per round: the sum over its awarded grants. */
export interface RoundBenefits {
  /** The round. */
  readonly roundId: EntityId;
  /** Awarded grants. */
  readonly grants: number;
  /** Benefits reports over all its grants. */
  readonly reports: number;
  /** Planned against reported over all its grants, by category and unit. */
  readonly figures: BenefitFigures;
}

/** The state of {@link benefitsRealisation}: read it through the query functions. */
export interface BenefitsRealisationState {
  /** Per awarded grant, by grant id. */
  readonly grants: PersistentMap<GrantBenefits>;
  /** Per round with an awarded grant, by round id. */
  readonly rounds: PersistentMap<RoundBenefits>;
}

const emptyRound = (roundId: EntityId): RoundBenefits => ({ roundId, grants: 0, reports: 0, figures: {} });

interface Draft {
  readonly grants: MapEditor<GrantBenefits>;
  readonly rounds: MapEditor<RoundBenefits>;
}

const step = (draft: Draft, event: DomainEvent): void => {
  if (event.type === "GrantAwarded") {
    const { grantId, roundId, benefitsPlan } = event.data;
    if (draft.grants.get(grantId) !== undefined) throw new Error(`grant ${grantId} was awarded twice`);
    const lines: BenefitLine[] = (benefitsPlan ?? []).map(({ category, unit, target }) => ({ category, unit, planned: target, reported: 0 }));
    draft.grants.set(grantId, { grantId, roundId, reports: 0, lastReportedAt: undefined, figures: addBenefitLines({}, lines) });
    const round = draft.rounds.get(roundId) ?? emptyRound(roundId);
    draft.rounds.set(roundId, { ...round, grants: round.grants + 1, figures: addBenefitLines(round.figures, lines) });
  } else if (event.type === "BenefitsReported") {
    const { grantId, benefits, reportedAt } = event.data;
    const grant = known(draft.grants.get(grantId), `${event.type}: awarded grant ${grantId}`);
    const round = known(draft.rounds.get(grant.roundId), `${event.type}: round ${grant.roundId}`);
    const lines: BenefitLine[] = benefits.map(({ category, unit, actual }) => ({ category, unit, planned: 0, reported: actual }));
    draft.grants.set(grantId, { ...grant, reports: grant.reports + 1, lastReportedAt: reportedAt, figures: addBenefitLines(grant.figures, lines) });
    draft.rounds.set(grant.roundId, { ...round, reports: round.reports + 1, figures: addBenefitLines(round.figures, lines) });
  }
};

/**
 * Benefits realisation (gevinstrealisering): per awarded grant and per round, the benefits
 * planned at award (`benefitsPlan` targets) against those reported (`actual`, summed over all
 * reports), by category and unit. Query it with `getGrantBenefits`, `listGrantBenefits`,
 * `getRoundBenefits` and `listRoundBenefits`.
 */
export const benefitsRealisation: Projection<BenefitsRealisationState> = {
  name: "benefits-realisation",
  version: 1,
  handles: ["GrantAwarded", "BenefitsReported"],
  initialState: { grants: emptyMap(), rounds: emptyMap() },
  ...foldWithDrafts(
    (state: BenefitsRealisationState): Draft => ({ grants: editorOf(state.grants), rounds: editorOf(state.rounds) }),
    step,
    (draft): BenefitsRealisationState => ({ grants: draft.grants.finish(), rounds: draft.rounds.finish() }),
  ),
};

/** One awarded grant's benefits, planned against reported. */
export interface GrantBenefitsRow {
  /** The grant. */
  readonly grantId: EntityId;
  /** Its round. */
  readonly roundId: EntityId;
  /** How many benefits reports it has had. */
  readonly reports: number;
  /** When the latest report was made; absent before the first. */
  readonly lastReportedAt?: IsoDateTime;
  /** Planned against reported, by category (in the guidance's order), then unit. */
  readonly figures: readonly BenefitFigure[];
}

/** One round's benefits: the sums over its awarded grants. */
export interface RoundBenefitsRow {
  /** The round. */
  readonly roundId: EntityId;
  /** How many of its grants are awarded. */
  readonly grants: number;
  /** Benefits reports over all its grants. */
  readonly reports: number;
  /** Planned against reported, by category (in the guidance's order), then unit. */
  readonly figures: readonly BenefitFigure[];
}

const grantRow = ({ lastReportedAt, figures, ...grant }: GrantBenefits): GrantBenefitsRow => ({
  ...grant,
  ...(lastReportedAt === undefined ? {} : { lastReportedAt }),
  figures: listBenefitFigures(figures),
});

const roundRow = (round: RoundBenefits): RoundBenefitsRow => ({ ...round, figures: listBenefitFigures(round.figures) });

const byKey = <T>(key: (row: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** One awarded grant's benefits, or `undefined` if the grant is not (yet) awarded. */
export const getGrantBenefits = (state: BenefitsRealisationState, grantId: string): GrantBenefitsRow | undefined => {
  const grant = getFrom(state.grants, grantId);
  return grant === undefined ? undefined : grantRow(grant);
};

/** Every awarded grant's benefits, by grant id. */
export const listGrantBenefits = (state: BenefitsRealisationState): readonly GrantBenefitsRow[] =>
  [...valuesOf(state.grants)].map(grantRow).sort(byKey((row) => row.grantId));

/** One round's benefits, or `undefined` if none of its grants is awarded yet. */
export const getRoundBenefits = (state: BenefitsRealisationState, roundId: string): RoundBenefitsRow | undefined => {
  const round = getFrom(state.rounds, roundId);
  return round === undefined ? undefined : roundRow(round);
};

/** Every round with an awarded grant, by round id. */
export const listRoundBenefits = (state: BenefitsRealisationState): readonly RoundBenefitsRow[] =>
  [...valuesOf(state.rounds)].map(roundRow).sort(byKey((row) => row.roundId));
