import { ZERO, type GrantStatus, type Money, type OrganisationKind, type OrganisationNumber } from "@grantledger/core";
import { plus } from "./amounts.js";
import { listGrants, type GrantRegisterState } from "./grantRegister.js";
import type { GrantRegisterRow } from "./grantRegisterRow.js";

/**
 * One responsible recipient (ansvarlig tilskuddsmottaker: `GrantApplied.applicant`) and the sums
 * of its grants' grant-register rows. Money in øre, each figure exactly the sum of the same field
 * of its grants' rows. Every grant is counted once, in `grants` and in exactly one of
 * `awardedGrants`, `rejectedGrants`, `pendingGrants` and `withdrawnGrants`, by its current status.
 */
export interface PayeeRow {
  /** Its number in Enhetsregisteret. */
  readonly orgNo: OrganisationNumber;
  /** Its name, as its latest application (by application time) spelled it. */
  readonly name: string;
  /** Its kind of organisation, as its latest application gave it. */
  readonly kind: OrganisationKind;
  /** The applications it is the responsible recipient of, whatever their status. */
  readonly grants: number;
  /** Of those, the grants whose award stands: status `awarded` or `closed`. */
  readonly awardedGrants: number;
  /** Refusals that stand: status `rejected` or `dismissed` (not under appeal). */
  readonly rejectedGrants: number;
  /** Not decided, or to be decided anew: status `applied`, `evaluated` or `appealed`. */
  readonly pendingGrants: number;
  /** Given up by the applicant: status `withdrawn` (before a decision) or `renounced` (after the award). */
  readonly withdrawnGrants: number;
  /** The sum of its grants' `requested`. */
  readonly requested: Money;
  /** The sum of its grants' `awarded` (the award as last amended; renounced grants 0, closed grants their final award). */
  readonly awarded: Money;
  /** The sum of its grants' `disbursed` (payments that stand). */
  readonly disbursed: Money;
  /** The sum of its grants' `repaid`. */
  readonly repaid: Money;
  /** The sum of its grants' `paidNet` (`disbursed - repaid`). */
  readonly paidNet: Money;
  /** The sum of its grants' `openClaims` (`claimed - repaid`). */
  readonly openClaims: Money;
}

/** Which grants a payee's row sums: those the predicate keeps (all of them without one). */
export type PayeeFilter = (row: GrantRegisterRow) => boolean;

type StatusCount = "awardedGrants" | "rejectedGrants" | "pendingGrants" | "withdrawnGrants";

// Every status in exactly one count: a Record over GrantStatus fails to compile when a status is added.
const COUNTED_AS: Readonly<Record<GrantStatus, StatusCount>> = {
  awarded: "awardedGrants",
  closed: "awardedGrants",
  rejected: "rejectedGrants",
  dismissed: "rejectedGrants",
  applied: "pendingGrants",
  evaluated: "pendingGrants",
  appealed: "pendingGrants",
  withdrawn: "withdrawnGrants",
  renounced: "withdrawnGrants",
};

type Sums = { -readonly [K in keyof PayeeRow]: PayeeRow[K] };

const add = (sum: Sums, row: GrantRegisterRow): void => {
  // Rows come in application order, so the last one seen names the payee as it last spelled itself.
  sum.name = row.applicant.name;
  sum.kind = row.applicant.kind;
  sum.grants += 1;
  sum[COUNTED_AS[row.status]] += 1;
  sum.requested = plus(sum.requested, row.requested);
  sum.awarded = plus(sum.awarded, row.awarded);
  sum.disbursed = plus(sum.disbursed, row.disbursed);
  sum.repaid = plus(sum.repaid, row.repaid);
  sum.paidNet = plus(sum.paidNet, row.paidNet);
  sum.openClaims = plus(sum.openClaims, row.openClaims);
};

const none = (row: GrantRegisterRow): Sums => ({
  orgNo: row.applicant.orgNo,
  name: row.applicant.name,
  kind: row.applicant.kind,
  grants: 0,
  awardedGrants: 0,
  rejectedGrants: 0,
  pendingGrants: 0,
  withdrawnGrants: 0,
  requested: ZERO,
  awarded: ZERO,
  disbursed: ZERO,
  repaid: ZERO,
  paidNet: ZERO,
  openClaims: ZERO,
});

/**
 * Totals by responsible recipient (the applicant, who receives the money for every participant):
 * one row per organisation number that applied for at least one grant the filter keeps, by
 * organisation number. Unlike `listMunicipalities`, nothing is split by share: each grant counts
 * whole, once, for its applicant, so the rows sum to the grant register's rows exactly.
 */
export const listPayees = (state: GrantRegisterState, filter?: PayeeFilter): readonly PayeeRow[] => {
  const payees = new Map<string, Sums>();
  for (const row of listGrants(state)) {
    if (filter !== undefined && !filter(row)) continue;
    let sum = payees.get(row.applicant.orgNo);
    if (sum === undefined) payees.set(row.applicant.orgNo, (sum = none(row)));
    add(sum, row);
  }
  return [...payees.values()].sort((a, b) => (a.orgNo < b.orgNo ? -1 : a.orgNo > b.orgNo ? 1 : 0));
};
