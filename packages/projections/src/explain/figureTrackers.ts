import type { DecodedEvent } from "@grantledger/core";
import { getFrom, valuesOf } from "../persistentMap.js";
import { splitByShares } from "../readModels/amounts.js";
import { getGrant } from "../readModels/grantRegister.js";
import { listMunicipalities, listOtherParticipants, type TotalsScope } from "../readModels/municipalityTotalsQueries.js";
import { awardedParts, netPaidParts, repaidParts } from "../readModels/municipalityTotalsParts.js";
import type { GrantShares, MunicipalityTotalsState } from "../readModels/municipalityTotalsState.js";
import { getRoundBudget } from "../readModels/roundBudgetQueries.js";
import type { ExplainStates } from "./explainStates.js";
import type { ExplainSubject } from "./explainTypes.js";
import { exactDecimal, floorDivide } from "./exactShare.js";
import type { GrantField, ParticipantField, RoundField } from "./figureFields.js";

/** How one event moved a figure, before the event's own facts are added. */
export interface Movement {
  /** The grant whose figure moved, if the figure is a grant's or a sum of grants'. */
  readonly grantId: string | undefined;
  /** Signed øre the figure moved by. */
  readonly part: number;
  /** See `ExplanationPart.eventAmount`. */
  readonly eventAmount: number;
  /** For a share-split figure: the participant's share and the split's exact share and rounding. */
  readonly share: { readonly shareBps: number; readonly exactShare: string; readonly rounding: number } | undefined;
}

/**
 * Reads one figure, as the read model answers it, and how an event moved it. `keys` are the
 * subjects an event can move (see `touchedKeys`); only those trackers are asked about an event.
 */
export interface FigureTracker {
  /** The subject's key among those `touchedKeys` gives. */
  readonly key: string;
  /** How `event` moved the figure from `before` to `after`; `undefined` when it did not. */
  moved(before: ExplainStates, after: ExplainStates, event: DecodedEvent): Movement | undefined;
  /** The figure in the final states, by the read model's own query. */
  figure(states: ExplainStates): number;
  /** Whether the subject exists in the final states. */
  exists(states: ExplainStates): boolean;
}

const grantIdOf = (event: DecodedEvent): string | undefined => {
  const data: object = event.event.data;
  return "grantId" in data && typeof data.grantId === "string" ? data.grantId : undefined;
};

const roundIdOf = (event: DecodedEvent): string | undefined => {
  const data: object = event.event.data;
  return "roundId" in data && typeof data.roundId === "string" ? data.roundId : undefined;
};

/** The event's grant id, if it names one. */
export const eventGrantId = grantIdOf;

/** The keys of the subjects `event` can have moved: its grant, that grant's participants and payee, its round. */
export const touchedKeys = (before: ExplainStates, after: ExplainStates, event: DecodedEvent): readonly string[] => {
  const keys: string[] = [];
  const grantId = grantIdOf(event);
  const roundId = roundIdOf(event) ?? (grantId === undefined ? undefined : (getFrom(after.budget.grants, grantId) ?? getFrom(before.budget.grants, grantId))?.roundId);
  if (roundId !== undefined) keys.push(`round:${roundId}`);
  if (grantId === undefined) return keys;
  keys.push(`grant:${grantId}`);
  const row = getGrant(after.register, grantId) ?? getGrant(before.register, grantId);
  if (row !== undefined) keys.push(`payee:${row.applicant.orgNo}`);
  const shares = getFrom(after.totals.grants, grantId) ?? getFrom(before.totals.grants, grantId);
  for (const key of shares?.keys ?? []) keys.push(`participant:${key}`);
  return keys;
};

// Each participant's part of a grant's figure, in application order, exactly as
// `listMunicipalities` sums them for a round or a scheme.
const partsOf = (grant: GrantShares, field: ParticipantField): readonly number[] => {
  switch (field) {
    case "requested":
      return splitByShares(grant.requested, grant.weights);
    case "awarded":
      return awardedParts(grant);
    case "disbursed":
      return netPaidParts(grant);
    case "repaid":
      return repaidParts(grant);
    case "returned":
      return grant.unpaid === 0 ? [] : splitByShares(grant.unpaid, grant.weights);
    case "benefitsNok":
      return grant.benefits;
  }
};

const wholeOf = (grant: GrantShares | undefined, field: ParticipantField): number =>
  grant === undefined ? 0 : partsOf(grant, field).reduce((sum, part) => sum + part, 0);

const partOf = (grant: GrantShares | undefined, index: number, field: ParticipantField): number =>
  grant === undefined || index < 0 ? 0 : (partsOf(grant, field)[index] ?? 0);

const inScope = (totals: MunicipalityTotalsState, grant: GrantShares, scope: TotalsScope | undefined): boolean => {
  if (scope === undefined) return true;
  if ("roundId" in scope) return grant.roundId === scope.roundId;
  return getFrom(totals.rounds, grant.roundId)?.schemeId === scope.schemeId;
};

const keyOfRow = (row: { readonly municipalityNo: string } | { readonly kind: string; readonly id: string }): string =>
  "municipalityNo" in row ? `municipality:${row.municipalityNo}` : row.kind === "county" ? `county:${row.id}` : `org:${row.id}`;

// The rows of a scope, by participant key: worked out once per final state and scope.
const scopedRows = new WeakMap<MunicipalityTotalsState, Map<string, ReadonlyMap<string, Readonly<Record<ParticipantField, number>>>>>();
const rowsInScope = (totals: MunicipalityTotalsState, scope: TotalsScope): ReadonlyMap<string, Readonly<Record<ParticipantField, number>>> => {
  const name = "roundId" in scope ? `round:${scope.roundId}` : `scheme:${scope.schemeId}`;
  let byScope = scopedRows.get(totals);
  if (byScope === undefined) scopedRows.set(totals, (byScope = new Map()));
  const known = byScope.get(name);
  if (known !== undefined) return known;
  const rows = new Map<string, Readonly<Record<ParticipantField, number>>>();
  for (const row of [...listMunicipalities(totals, scope), ...listOtherParticipants(totals, scope)]) rows.set(keyOfRow(row), row);
  byScope.set(name, rows);
  return rows;
};

/** A participant's figure over all rounds, or within a round or a scheme. */
export const participantTracker = (participantKey: string, field: ParticipantField, scope: TotalsScope | undefined): FigureTracker => ({
  key: `participant:${participantKey}`,
  moved: (before, after, event) => {
    const grantId = grantIdOf(event);
    if (grantId === undefined) return undefined;
    const from = getFrom(before.totals.grants, grantId);
    const to = getFrom(after.totals.grants, grantId);
    const grant = to ?? from;
    if (grant === undefined || !inScope(after.totals, grant, scope)) return undefined;
    const index = grant.keys.indexOf(participantKey);
    if (index < 0) return undefined;
    // Over all rounds the figure is the participant's running total in the state itself;
    // within a scope it is the sum of its grants' parts, as the scoped query sums them.
    const part =
      scope === undefined
        ? (getFrom(after.totals.participants, participantKey)?.[field] ?? 0) - (getFrom(before.totals.participants, participantKey)?.[field] ?? 0)
        : partOf(to, index, field) - partOf(from, index, field);
    if (part === 0) return undefined;
    const eventAmount = wholeOf(to, field) - wholeOf(from, field);
    const shareBps = grant.weights[index] ?? 0;
    const weights = BigInt(grant.weights.reduce((sum, weight) => sum + weight, 0));
    const numerator = BigInt(eventAmount) * BigInt(shareBps);
    const rounding = part - Number(floorDivide(numerator, weights));
    return { grantId, part, eventAmount, share: { shareBps, exactShare: exactDecimal(numerator, weights), rounding } };
  },
  figure: (states) => {
    if (scope === undefined) return getFrom(states.totals.participants, participantKey)?.[field] ?? 0;
    return rowsInScope(states.totals, scope).get(participantKey)?.[field] ?? 0;
  },
  exists: (states) => getFrom(states.totals.participants, participantKey) !== undefined,
});

const roundFigure = (states: ExplainStates, roundId: string, field: RoundField): number => getRoundBudget(states.budget, roundId)?.[field] ?? 0;

/** A round's figure in `roundBudget`. */
export const roundTracker = (roundId: string, field: RoundField): FigureTracker => ({
  key: `round:${roundId}`,
  moved: (before, after, event) => {
    const part = roundFigure(after, roundId, field) - roundFigure(before, roundId, field);
    return part === 0 ? undefined : { grantId: grantIdOf(event), part, eventAmount: part, share: undefined };
  },
  figure: (states) => roundFigure(states, roundId, field),
  exists: (states) => getRoundBudget(states.budget, roundId) !== undefined,
});

const grantFigure = (states: ExplainStates, grantId: string, field: GrantField): number => getGrant(states.register, grantId)?.[field] ?? 0;

/** A grant's figure in `grantRegister`. */
export const grantTracker = (grantId: string, field: GrantField): FigureTracker => ({
  key: `grant:${grantId}`,
  moved: (before, after) => {
    const part = grantFigure(after, grantId, field) - grantFigure(before, grantId, field);
    return part === 0 ? undefined : { grantId, part, eventAmount: part, share: undefined };
  },
  figure: (states) => grantFigure(states, grantId, field),
  exists: (states) => getGrant(states.register, grantId) !== undefined,
});

// Each payee's figures, the sums of its grants' rows: worked out once per final state.
const payeeSums = new WeakMap<ExplainStates["register"], Map<string, Record<GrantField, number>>>();
const sumsOfPayees = (register: ExplainStates["register"]): ReadonlyMap<string, Readonly<Record<GrantField, number>>> => {
  const known = payeeSums.get(register);
  if (known !== undefined) return known;
  const sums = new Map<string, Record<GrantField, number>>();
  for (const row of valuesOf(register.grants)) {
    let sum = sums.get(row.applicant.orgNo);
    if (sum === undefined) {
      sum = { totalCost: 0, requested: 0, awarded: 0, disbursed: 0, reversed: 0, repaid: 0, paidNet: 0, claimed: 0, openClaims: 0 };
      sums.set(row.applicant.orgNo, sum);
    }
    for (const field of Object.keys(sum) as GrantField[]) sum[field] += row[field];
  }
  payeeSums.set(register, sums);
  return sums;
};

/** A payee's figure: the sum of the figures of the grants it applied for, as `grantRegister` rows give them. */
export const payeeTracker = (orgNo: string, field: GrantField): FigureTracker => ({
  key: `payee:${orgNo}`,
  moved: (before, after, event) => {
    const grantId = grantIdOf(event);
    if (grantId === undefined) return undefined;
    const row = getGrant(after.register, grantId) ?? getGrant(before.register, grantId);
    if (row?.applicant.orgNo !== orgNo) return undefined;
    const part = grantFigure(after, grantId, field) - grantFigure(before, grantId, field);
    return part === 0 ? undefined : { grantId, part, eventAmount: part, share: undefined };
  },
  figure: (states) => sumsOfPayees(states.register).get(orgNo)?.[field] ?? 0,
  exists: (states) => sumsOfPayees(states.register).has(orgNo),
});

/** The participant key of a municipality or participant subject. */
export const participantKeyOf = (subject: Extract<ExplainSubject, { kind: "municipality" | "participant" }>): string =>
  subject.kind === "municipality" ? `municipality:${subject.municipalityNo}` : subject.key;
