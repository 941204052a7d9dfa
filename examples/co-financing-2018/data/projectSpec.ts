import type { BenefitCategory, OrganisationKind } from "@grantledger/core";

/** Who applies: the responsible grant recipient (ansvarlig tilskuddsmottaker). */
export interface ApplicantSpec {
  readonly name: string;
  readonly orgNo: string;
  readonly kind: OrganisationKind;
  /** The municipality number, where the applicant is a municipality (a participant needs it). */
  readonly municipalityNo?: string;
}

/** An application, with money in whole kroner as people write it. */
export interface ApplicationSpec {
  /** A short slug, unique in the round: the readable part of the grant id and of command ids. */
  readonly key: string;
  readonly applicant: ApplicantSpec;
  readonly title: string;
  readonly summary: string;
  readonly totalCostNok: number;
  readonly requestedNok: number;
}

/** The three years the benefits are planned and reported for: 2018, 2019, 2020. */
export type PerYear = readonly [number, number, number];

/**
 * One benefit of a benefits-realisation plan (gevinstrealiseringsplan), with a target for each
 * year. Targets of `NOK` benefits are whole kroner here; the plan turns them into øre.
 */
export interface BenefitSpec {
  readonly category: BenefitCategory;
  readonly description: string;
  /** `NOK`, `hours`, or what a quality indicator counts. */
  readonly unit: string;
  readonly yearlyTargets: PerYear;
}

/** An awarded project: the award, its plan, and how much of each year's targets it realised. */
export interface AwardedProjectSpec extends ApplicationSpec {
  readonly awardedNok: number;
  readonly score: number;
  readonly benefits: readonly BenefitSpec[];
  /** Percent of each year's targets reported as realised, for every benefit of the project. */
  readonly realisedPercent: PerYear;
}

/** An application Difi turned down after evaluating it, with the reason it gave. */
export interface RejectedApplicationSpec extends ApplicationSpec {
  readonly score: number;
  /** Whether the evaluators had recommended it: a decision may differ from the recommendation. */
  readonly recommended: boolean;
  readonly reason: string;
}

/** An application that breaks a rule of the round, which the ledger refuses to record. */
export interface RefusedApplicationSpec extends ApplicationSpec {
  /** The typed error the ledger is expected to answer with. */
  readonly expectedRefusal: "ProjectCostAboveMaximum" | "ApplicantNotEligible" | "RequestExceedsMaxGrant";
}
