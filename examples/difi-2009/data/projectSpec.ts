/**
 * Where a figure in the demo comes from:
 * - `announcement`: stated in Difi's public announcement of the round (the text in the README);
 * - `brief`: stated about this round by the project's issue (the largest grant, eBygg, 3.3 MNOK
 *   for 33 municipalities), from Difi's published project list, which the announcement links to
 *   but does not reproduce;
 * - `illustrative`: made up for the demo, to be plausible, not true.
 */
export type Provenance = "announcement" | "brief" | "illustrative";

/** The responsible grant recipient (ansvarlig tilskuddsmottaker): one of the project's participants. */
export type LeadRef =
  | { readonly kind: "municipality"; readonly municipalityNo: string }
  | { readonly kind: "county"; readonly countyNo: string };

/** How far a grant's payments got by the end of 2011 (the disbursement period was 2009-2011). */
export type Progress = "completed" | "second-tranche" | "first-tranche";

/** What a project mainly improves; decides which benefits it reports. */
export type Theme = "self-service" | "case-handling" | "health" | "maps" | "building";

/** An application in round 1, with the money in whole kroner as people write it. */
export interface ApplicationSpec {
  /** A short slug, unique in the round: the readable part of the grant id and command ids. */
  readonly key: string;
  readonly title: string;
  readonly summary: string;
  readonly lead: LeadRef;
  /** Participating municipalities by 2009 number; the lead municipality, if any, first. */
  readonly municipalities: readonly string[];
  /** Participating county municipalities by county number. */
  readonly counties: readonly string[];
  /** Participating county governors by county number. */
  readonly countyGovernors: readonly string[];
  readonly kartverket: boolean;
  readonly totalCostNok: number;
  readonly requestedNok: number;
  readonly theme: Theme;
  readonly provenance: {
    readonly title: Provenance;
    readonly amount: Provenance;
    readonly participants: Provenance;
  };
}

/** An application that was awarded: how much, and how far its payments got. */
export interface AwardedProjectSpec extends ApplicationSpec {
  readonly awardedNok: number;
  readonly progress: Progress;
}

/** An application that was turned down, with the reason Difi gave (every rejection is reasoned). */
export interface RejectedApplicationSpec extends ApplicationSpec {
  readonly reason: string;
  /** Whether the evaluators had recommended it: a decision may differ from the recommendation. */
  readonly recommended: boolean;
}
