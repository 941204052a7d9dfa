import type { Applicant, EntityId, GrantStatus, IsoDate, IsoDateTime, Money } from "@grantledger/core";

/** The latest appeal (klage) of a grant's rejection or dismissal, and where it stands. */
export interface GrantAppeal {
  /** `pending` until decided; `upheld` (the application was then decided anew) or `dismissed` (the decision stands). */
  readonly state: "pending" | "upheld" | "dismissed";
  /** The decision appealed. */
  readonly against: "rejected" | "dismissed";
  /** The applicant's grounds. */
  readonly grounds: string;
  /** When it was lodged. */
  readonly appealedAt: IsoDateTime;
  /** When it was decided, once it is. */
  readonly decidedAt?: IsoDateTime;
  /** Why it was upheld or dismissed, once decided. */
  readonly reason?: string;
}

/** One grant as the register shows it. Money in øre; optional fields appear once they are known. */
export interface GrantRegisterRow {
  /** The grant. */
  readonly grantId: EntityId;
  /** The round applied to. */
  readonly roundId: EntityId;
  /** Where the grant stands. */
  readonly status: GrantStatus;
  /** The responsible grant recipient. */
  readonly applicant: Applicant;
  /** The project's title. */
  readonly title: string;
  /** The project's total cost. */
  readonly totalCost: Money;
  /** The grant applied for. */
  readonly requested: Money;
  /** The evaluation's score, 0 to 100 (of the application's current consideration: cleared when an appeal is upheld). */
  readonly score?: number;
  /** What the evaluator advised. */
  readonly recommendation?: "award" | "reject";
  /** The amount the evaluator advised, if one was given. */
  readonly recommendedAmount?: Money;
  /**
   * The amount awarded, as last amended: zero until the grant is awarded and once the award is
   * renounced; a closed grant keeps its final award (see `unpaidAtClosing` for what it left).
   */
  readonly awarded: Money;
  /** How many times the award was amended. */
  readonly amendments: number;
  /** The sum of the payments that stand (made and not reversed). */
  readonly disbursed: Money;
  /** The sum of the payments reversed. */
  readonly reversed: Money;
  /** The sum of the repayments received. */
  readonly repaid: Money;
  /** What the grant was paid net: `disbursed - repaid`. */
  readonly paidNet: Money;
  /** The sum of the repayment claims. */
  readonly claimed: Money;
  /** What the claims still ask for: `claimed - repaid`. */
  readonly openClaims: Money;
  /** Whether the recipient has accepted the award's conditions. */
  readonly conditionsAccepted: boolean;
  /** Who accepted them, once accepted. */
  readonly conditionsAcceptedBy?: string;
  /** When they were accepted. */
  readonly conditionsAcceptedAt?: IsoDateTime;
  /** When the application was made. */
  readonly appliedAt: IsoDateTime;
  /** When the application was evaluated. */
  readonly evaluatedAt?: IsoDateTime;
  /** When the grant was awarded, rejected or dismissed (its standing decision). */
  readonly decidedAt?: IsoDateTime;
  /** The reason given for a standing rejection. */
  readonly rejectionReason?: string;
  /** The reason given for a standing dismissal (avvisning). */
  readonly dismissalReason?: string;
  /** How many appeals were lodged. */
  readonly appeals: number;
  /** The latest appeal, once one was lodged. */
  readonly appeal?: GrantAppeal;
  /** When the applicant withdrew the application. */
  readonly withdrawnAt?: IsoDateTime;
  /** The applicant's reason for withdrawing. */
  readonly withdrawalReason?: string;
  /** When the recipient renounced the award. */
  readonly renouncedAt?: IsoDateTime;
  /** The amount renounced (the award before it was renounced). */
  readonly renouncedAmount?: Money;
  /** The recipient's reason for renouncing. */
  readonly renunciationReason?: string;
  /** When the grant was closed with its final report. */
  readonly closedAt?: IsoDateTime;
  /** What the award left unpaid at closing, given back to the round. */
  readonly unpaidAtClosing?: Money;
  /** The evaluators who declared a conflict of interest with the application, in order. */
  readonly conflictsOfInterest?: readonly string[];
  /** The latest `disbursedAt` among the grant's disbursements (reversed ones included). */
  readonly lastDisbursedAt?: IsoDateTime;
  /** The latest `valueDate` among the grant's disbursements (reversed ones included): the last day money reached the recipient. */
  readonly lastValueDate?: IsoDate;
}
