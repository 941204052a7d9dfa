import type { DomainEvent, GrantAwarded, GrantApplied, GrantDisbursed, RoundOpened } from "@grantledger/core";

/** An awarded grant with everything a 360Giving record says about it. */
export interface AwardedGrant {
  readonly applied: GrantApplied["data"];
  readonly awarded: GrantAwarded["data"];
  readonly round: RoundOpened["data"];
  readonly disbursements: readonly GrantDisbursed["data"][];
}

/**
 * Collects, in one pass over the history in global order, the grants that were awarded: their
 * application, award, round and payments. Applications never awarded are dropped at the end;
 * a grant rejected after all was never awarded, so it cannot appear.
 */
export class AwardedGrantsCollector {
  private readonly rounds = new Map<string, RoundOpened["data"]>();
  private readonly applications = new Map<string, GrantApplied["data"]>();
  private readonly awards = new Map<string, GrantAwarded["data"]>();
  private readonly payments = new Map<string, GrantDisbursed["data"][]>();

  add(event: DomainEvent): void {
    switch (event.type) {
      case "RoundOpened":
        this.rounds.set(event.data.roundId, event.data);
        return;
      case "GrantApplied":
        this.applications.set(event.data.grantId, event.data);
        return;
      case "GrantAwarded":
        this.awards.set(event.data.grantId, event.data);
        return;
      case "GrantDisbursed": {
        const known = this.payments.get(event.data.grantId);
        if (known === undefined) this.payments.set(event.data.grantId, [event.data]);
        else known.push(event.data);
        return;
      }
      default:
        return;
    }
  }

  /** The awarded grants in the order they were awarded; one whose application or round is missing is named. */
  result(): readonly AwardedGrant[] {
    return [...this.awards.values()].map((awarded) => {
      const applied = this.applications.get(awarded.grantId);
      if (applied === undefined) throw new Error(`grant ${awarded.grantId} was awarded but never applied for`);
      const round = this.rounds.get(awarded.roundId);
      if (round === undefined) throw new Error(`grant ${awarded.grantId} was awarded in round ${awarded.roundId}, which was never opened`);
      return { applied, awarded, round, disbursements: this.payments.get(awarded.grantId) ?? [] };
    });
  }
}
