import { MONEY_BENEFIT_CATEGORIES, participantKey, type DomainEvent, type GrantApplied, type Money } from "@grantledger/core";
import type { Projection } from "../projection.js";
import { known, plus, splitByShares, splitSignedByShares } from "./amounts.js";
import { foldWithDrafts } from "../foldWithDrafts.js";
import { MunicipalityTotalsDraft, type RowDraft } from "./municipalityTotalsDraft.js";
import { emptyMunicipalityTotals, type GrantShares, type MunicipalityTotalsState } from "./municipalityTotalsState.js";

type Draft = MunicipalityTotalsDraft;
type MoneyField = "requested" | "awarded" | "disbursed";

const rowOf = (draft: Draft, key: string): RowDraft => {
  const row = draft.row(key);
  if (row === undefined) throw new Error(`participant ${key} is not known from any earlier event`);
  return row;
};

// Adds each participant's part of one amount of a grant to that participant's row.
const addMoneyParts = (draft: Draft, shares: GrantShares, amount: Money, field: MoneyField): void => {
  const parts = splitByShares(amount, shares.weights);
  for (let index = 0; index < shares.keys.length; index++) {
    const row = rowOf(draft, shares.keys[index] ?? "");
    row[field] = plus(row[field], parts[index] ?? (0 as Money));
  }
};

const sharesOf = (draft: Draft, grantId: string, type: string): GrantShares => known(draft.grants.get(grantId), `${type}: grant ${grantId}`);

const applied = (draft: Draft, { grantId, participants, requested }: GrantApplied["data"]): void => {
  if (draft.grants.get(grantId) !== undefined) throw new Error(`grant ${grantId} was applied for twice`);
  const shares: GrantShares = { keys: participants.map(participantKey), weights: participants.map((participant) => participant.shareBps) };
  draft.grants.set(grantId, shares);
  for (const participant of participants) {
    const row = draft.rowOf(participant);
    // The latest application's spelling of the name wins, as the registry's would.
    row.name = participant.name;
    row.projects += 1;
  }
  addMoneyParts(draft, shares, requested, "requested");
};

const step = (draft: Draft, event: DomainEvent): void => {
  switch (event.type) {
    case "GrantApplied":
      return applied(draft, event.data);
    case "GrantAwarded":
      return addMoneyParts(draft, sharesOf(draft, event.data.grantId, event.type), event.data.amount, "awarded");
    case "GrantDisbursed":
      return addMoneyParts(draft, sharesOf(draft, event.data.grantId, event.type), event.data.amount, "disbursed");
    case "BenefitsReported": {
      const shares = sharesOf(draft, event.data.grantId, event.type);
      let nok = 0;
      for (const benefit of event.data.benefits) if (MONEY_BENEFIT_CATEGORIES.includes(benefit.category)) nok += benefit.actual;
      if (nok === 0) return;
      const parts = splitSignedByShares(nok, shares.weights);
      for (let index = 0; index < shares.keys.length; index++) rowOf(draft, shares.keys[index] ?? "").benefitsNok += parts[index] ?? 0;
      return;
    }
    default:
      return;
  }
};

/**
 * Per municipality, and per county, county governor, state agency or other participant: the
 * projects it takes part in and its share of what they requested, were awarded and disbursed,
 * and of the money benefits reported for them (categories `cost-saving` and `other-parties`,
 * `actual`). Query it with `listMunicipalities` and `listOtherParticipants`.
 *
 * Every amount of a grant (its request, its award, each disbursement, each report) is split over
 * the grant's participants by their `shareBps`, in application order, with core's
 * largest-remainder `apportion`, so the parts of each amount sum to it exactly, to the øre.
 * `projects` and `requested` count every application, rejected and undecided ones included;
 * `awarded` comes only from awards and `disbursed` only from disbursements. Releases of committed
 * money (`FundsReleased`) concern a round's budget, not what a participant was awarded, and are
 * not counted here.
 */
export const municipalityTotals: Projection<MunicipalityTotalsState> = {
  name: "municipality-totals",
  version: 1,
  handles: ["GrantApplied", "GrantAwarded", "GrantDisbursed", "BenefitsReported"],
  initialState: emptyMunicipalityTotals,
  ...foldWithDrafts((state: MunicipalityTotalsState) => new MunicipalityTotalsDraft(state), step, (draft) => draft.finish()),
};
