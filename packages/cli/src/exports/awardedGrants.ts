import type {
  AwardAmended,
  DisbursementReversed,
  DomainEvent,
  GrantAwarded,
  GrantApplied,
  GrantDisbursed,
  RepaymentClaimed,
  RepaymentReceived,
  RoundOpened,
} from "@grantledger/core";

/** One movement of money between funder and recipient, as recorded. */
export type GrantTransaction =
  /** Money paid to the recipient. */
  | { readonly kind: "payment"; readonly payment: GrantDisbursed["data"] }
  /** A payment recorded in error, taken back whole. */
  | { readonly kind: "reversal"; readonly reversal: DisbursementReversed["data"] }
  /** Money the recipient paid back against a claim. */
  | { readonly kind: "repayment"; readonly repayment: RepaymentReceived["data"]; readonly claim: RepaymentClaimed["data"] };

/** An awarded grant with everything a 360Giving record says about it. */
export interface AwardedGrant {
  readonly applied: GrantApplied["data"];
  /** The award as first decided. */
  readonly awarded: GrantAwarded["data"];
  /** Its amendments, in order; the last one's `amount` is the award now. */
  readonly amendments: readonly AwardAmended["data"][];
  readonly round: RoundOpened["data"];
  /** Every payment, reversal and repayment, in the order they were recorded. */
  readonly transactions: readonly GrantTransaction[];
}

/** The award as amended, in øre. */
export const currentAward = (grant: AwardedGrant): number => grant.amendments.at(-1)?.amount ?? grant.awarded.amount;

/** What a transaction moved to the recipient, in øre: a payment adds, a reversal or a repayment takes back. */
export const transactionValue = (transaction: GrantTransaction): number => {
  switch (transaction.kind) {
    case "payment":
      return transaction.payment.amount;
    case "reversal":
      return -transaction.reversal.amount;
    case "repayment":
      return -transaction.repayment.amount;
  }
};

/** Paid net of reversals and repayments, in øre. */
export const paidNet = (grant: AwardedGrant): number => grant.transactions.reduce((sum, transaction) => sum + transactionValue(transaction), 0);

/** A grant's events as they are collected, before its application and round are joined in. */
interface Collected {
  readonly awarded: GrantAwarded["data"];
  readonly amendments: AwardAmended["data"][];
  readonly transactions: GrantTransaction[];
  readonly claims: Map<string, RepaymentClaimed["data"]>;
}

/**
 * Collects, in one pass over the history in global order, the grants that were awarded: their
 * application, award and its amendments, round, and every payment, reversal and repayment.
 * Applications never awarded are dropped at the end, and so are awards the recipient renounced
 * (nothing of them stands: the round has its money back and nothing was paid net); a grant
 * rejected was never awarded, and a grant closed keeps its award and what it was paid.
 */
export class AwardedGrantsCollector {
  private readonly rounds = new Map<string, RoundOpened["data"]>();
  private readonly applications = new Map<string, GrantApplied["data"]>();
  private readonly grants = new Map<string, Collected>();
  private readonly renounced = new Set<string>();

  add(event: DomainEvent): void {
    switch (event.type) {
      case "RoundOpened":
        this.rounds.set(event.data.roundId, event.data);
        return;
      case "GrantApplied":
        this.applications.set(event.data.grantId, event.data);
        return;
      case "GrantAwarded":
        this.grants.set(event.data.grantId, { awarded: event.data, amendments: [], transactions: [], claims: new Map() });
        return;
      case "AwardAmended":
        this.grants.get(event.data.grantId)?.amendments.push(event.data);
        return;
      case "GrantDisbursed":
        this.grants.get(event.data.grantId)?.transactions.push({ kind: "payment", payment: event.data });
        return;
      case "DisbursementReversed":
        this.grants.get(event.data.grantId)?.transactions.push({ kind: "reversal", reversal: event.data });
        return;
      case "RepaymentClaimed":
        this.grants.get(event.data.grantId)?.claims.set(event.data.claimId, event.data);
        return;
      case "RepaymentReceived":
        this.addRepayment(event.data);
        return;
      case "AwardRenounced":
        this.renounced.add(event.data.grantId);
        return;
      default:
        return;
    }
  }

  private addRepayment(repayment: RepaymentReceived["data"]): void {
    const grant = this.grants.get(repayment.grantId);
    if (grant === undefined) return;
    const claim = grant.claims.get(repayment.claimId);
    if (claim === undefined) throw new Error(`grant ${repayment.grantId} was repaid against claim ${repayment.claimId}, which was never made`);
    grant.transactions.push({ kind: "repayment", repayment, claim });
  }

  /** The awarded grants in the order they were awarded; one whose application or round is missing is named. */
  result(): readonly AwardedGrant[] {
    return [...this.grants.values()]
      .filter(({ awarded }) => !this.renounced.has(awarded.grantId))
      .map(({ awarded, amendments, transactions }) => {
        const applied = this.applications.get(awarded.grantId);
        if (applied === undefined) throw new Error(`grant ${awarded.grantId} was awarded but never applied for`);
        const round = this.rounds.get(awarded.roundId);
        if (round === undefined) throw new Error(`grant ${awarded.grantId} was awarded in round ${awarded.roundId}, which was never opened`);
        return { applied, awarded, amendments, round, transactions };
      });
  }
}
