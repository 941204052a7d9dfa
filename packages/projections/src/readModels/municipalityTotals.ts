import { MONEY_BENEFIT_CATEGORIES, participantKey, ZERO, type DomainEvent, type GrantApplied, type Money } from "@grantledger/core";
import type { Projection } from "../projection.js";
import { known, minus, plus, splitByShares, splitSignedByShares } from "./amounts.js";
import { foldWithDrafts } from "../foldWithDrafts.js";
import { MunicipalityTotalsDraft } from "./municipalityTotalsDraft.js";
import { addParts, awardedParts, netPaidParts, partAt, repaidParts, subtractParts, sumOfParts } from "./municipalityTotalsParts.js";
import { emptyMunicipalityTotals, type GrantShares, type GrantStanding, type MunicipalityTotalsState } from "./municipalityTotalsState.js";

type Draft = MunicipalityTotalsDraft;
type MoneyField = "requested" | "awarded" | "disbursed" | "repaid" | "returned";

// Moves each participant's row from its part in `before` to its part in `after`. A row holds
// the part it is moved from, so it never goes negative.
const shiftParts = (draft: Draft, grant: GrantShares, field: MoneyField, before: readonly Money[], after: readonly Money[]): void => {
  for (let index = 0; index < grant.keys.length; index++) {
    const from = partAt(before, index);
    const to = partAt(after, index);
    if (from === to) continue;
    const key = grant.keys[index] ?? "";
    const row = draft.row(key);
    if (row === undefined) throw new Error(`participant ${key} is not known from any earlier event`);
    row[field] = plus(minus(row[field], from), to);
  }
};

const addMoneyParts = (draft: Draft, grant: GrantShares, amount: Money, field: MoneyField): readonly Money[] => {
  const parts = splitByShares(amount, grant.weights);
  shiftParts(draft, grant, field, [], parts);
  return parts;
};

const grantOf = (draft: Draft, grantId: string, type: string): GrantShares => known(draft.grants.get(grantId), `${type}: grant ${grantId}`);

const AWARDED: readonly GrantStanding[] = ["awarded"];
const AWARDED_OR_CLOSED: readonly GrantStanding[] = ["awarded", "closed"];

const awardedGrantOf = (draft: Draft, grantId: string, type: string, standings = AWARDED): GrantShares => {
  const grant = grantOf(draft, grantId, type);
  if (!standings.includes(grant.standing)) throw new Error(`${type}: grant ${grantId} is ${grant.standing}`);
  return grant;
};

// The grant's figures changed from `before` to `after`: every part that follows them moves.
const settle = (draft: Draft, grantId: string, before: GrantShares, after: GrantShares): void => {
  shiftParts(draft, after, "awarded", awardedParts(before), awardedParts(after));
  shiftParts(draft, after, "disbursed", netPaidParts(before), netPaidParts(after));
  shiftParts(draft, after, "repaid", repaidParts(before), repaidParts(after));
  draft.grants.set(grantId, after);
};

const applied = (draft: Draft, { grantId, roundId, participants, requested }: GrantApplied["data"]): void => {
  if (draft.grants.get(grantId) !== undefined) throw new Error(`grant ${grantId} was applied for twice`);
  const grant: GrantShares = {
    keys: participants.map(participantKey),
    weights: participants.map((participant) => participant.shareBps),
    roundId,
    requested,
    standing: "undecided",
    award: ZERO,
    paid: [],
    repaid: ZERO,
    unpaid: ZERO,
    benefits: [],
  };
  draft.grants.set(grantId, grant);
  for (const participant of participants) {
    const row = draft.rowOf(participant);
    // The latest application's spelling of the name wins, as the registry's would.
    row.name = participant.name;
    row.projects += 1;
  }
  addMoneyParts(draft, grant, requested, "requested");
};

const disbursed = (draft: Draft, grantId: string, amount: Money, type: string): void => {
  const grant = awardedGrantOf(draft, grantId, type);
  const parts = splitByShares(amount, grant.weights);
  const after: GrantShares = { ...grant, paid: addParts(grant.paid, parts, grant.keys.length) };
  if (grant.repaid !== 0) return settle(draft, grantId, grant, after);
  // Nothing repaid: the payment's own split is what each participant was paid net, as ever.
  shiftParts(draft, grant, "disbursed", [], parts);
  draft.grants.set(grantId, after);
};

const benefitsReported = (draft: Draft, event: Extract<DomainEvent, { type: "BenefitsReported" }>): void => {
  const grant = grantOf(draft, event.data.grantId, event.type);
  let nok = 0;
  for (const benefit of event.data.benefits) if (MONEY_BENEFIT_CATEGORIES.includes(benefit.category)) nok += benefit.actual;
  if (nok === 0) return;
  const parts = splitSignedByShares(nok, grant.weights);
  const benefits = grant.keys.map((key, index) => {
    const part = parts[index] ?? 0;
    const row = draft.row(key);
    if (row === undefined) throw new Error(`participant ${key} is not known from any earlier event`);
    row.benefitsNok += part;
    return (grant.benefits[index] ?? 0) + part;
  });
  draft.grants.set(event.data.grantId, { ...grant, benefits });
};

const step = (draft: Draft, event: DomainEvent): void => {
  switch (event.type) {
    case "RoundOpened":
      return draft.rounds.set(event.data.roundId, { roundId: event.data.roundId, schemeId: event.data.schemeId });
    case "GrantApplied":
      return applied(draft, event.data);
    case "GrantAwarded": {
      const grant = grantOf(draft, event.data.grantId, event.type);
      if (grant.standing !== "undecided") throw new Error(`grant ${event.data.grantId} was awarded twice`);
      draft.grants.set(event.data.grantId, { ...grant, standing: "awarded", award: event.data.amount });
      addMoneyParts(draft, grant, event.data.amount, "awarded");
      return;
    }
    case "AwardAmended": {
      const { grantId, previousAmount, amount } = event.data;
      const grant = awardedGrantOf(draft, grantId, event.type);
      if (previousAmount !== grant.award) throw new RangeError(`${event.type}: grant ${grantId} amended from ${previousAmount} øre, awarded ${grant.award}`);
      return settle(draft, grantId, grant, { ...grant, award: amount });
    }
    case "GrantDisbursed":
      return disbursed(draft, event.data.grantId, event.data.amount, event.type);
    case "DisbursementReversed": {
      // The whole payment is reversed: each participant gives back that payment's own split.
      const grant = awardedGrantOf(draft, event.data.grantId, event.type);
      const paid = subtractParts(grant.paid, splitByShares(event.data.amount, grant.weights), grant.keys.length);
      return settle(draft, event.data.grantId, grant, { ...grant, paid });
    }
    case "RepaymentReceived": {
      const grant = awardedGrantOf(draft, event.data.grantId, event.type, AWARDED_OR_CLOSED);
      return settle(draft, event.data.grantId, grant, { ...grant, repaid: plus(grant.repaid, event.data.amount) });
    }
    case "GrantClosed": {
      const { grantId, unpaid } = event.data;
      const grant = awardedGrantOf(draft, grantId, event.type);
      const paidNet = sumOfParts(netPaidParts(grant));
      if (plus(paidNet, unpaid) !== grant.award) throw new RangeError(`${event.type}: grant ${grantId} left ${unpaid} øre unpaid of ${grant.award}, paid ${paidNet} net`);
      settle(draft, grantId, grant, { ...grant, standing: "closed", unpaid });
      addMoneyParts(draft, grant, unpaid, "returned");
      return;
    }
    case "AwardRenounced": {
      const grant = awardedGrantOf(draft, event.data.grantId, event.type);
      return settle(draft, event.data.grantId, grant, { ...grant, standing: "renounced" });
    }
    case "BenefitsReported":
      return benefitsReported(draft, event);
    default:
      return;
  }
};

/**
 * Per municipality, and per county, county governor, state agency or other participant: the
 * projects it takes part in and its share of what they requested, hold as awards, were paid
 * net, repaid and gave back at closing, and of the money benefits reported for them (categories
 * `cost-saving` and `other-parties`, `actual`); over all rounds, per round and per scheme.
 * Query it with `listMunicipalities` and `listOtherParticipants`, given a round or a scheme or
 * neither.
 *
 * Every amount of a grant is split over its participants by their `shareBps`, in application
 * order, with core's largest-remainder `apportion`, so the parts of each amount sum to it
 * exactly, to the øre:
 * - `projects` and `requested` count every application, rejected and undecided ones included.
 * - `awarded` is what the grant holds from its round: the award's amount split by the shares,
 *   re-split whole when the award is amended; 0 for a renounced award; and for a closed grant
 *   what it was paid net (its `disbursed` parts), since the rest went back to the round. So the
 *   `awarded` of all participants of a round sums to what the round has committed.
 * - `disbursed` is each payment's split, less the split of a payment reversed, less the
 *   participant's part of the repayments (see `repaidParts`); `repaid` is that part.
 * - `returned` is the split of what a closed grant left unpaid (`GrantClosed.unpaid`).
 */
export const municipalityTotals: Projection<MunicipalityTotalsState> = {
  name: "municipality-totals",
  version: 2,
  handles: [
    "RoundOpened",
    "GrantApplied",
    "GrantAwarded",
    "AwardAmended",
    "GrantDisbursed",
    "DisbursementReversed",
    "RepaymentReceived",
    "GrantClosed",
    "AwardRenounced",
    "BenefitsReported",
  ],
  initialState: emptyMunicipalityTotals,
  ...foldWithDrafts((state: MunicipalityTotalsState) => new MunicipalityTotalsDraft(state), step, (draft) => draft.finish()),
};
