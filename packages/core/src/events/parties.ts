import * as t from "io-ts";
import { BasisPoints } from "../values/basisPoints.js";
import { OrganisationNumber } from "../values/organisationNumber.js";
import { CountyNumber, MunicipalityNumber } from "../values/regionNumbers.js";
import { NonEmptyText } from "../values/text.js";

/** The kinds of organisation that apply for grants and take part in projects. */
export const OrganisationKind = t.keyof({
  /** A municipality (kommune). */
  municipality: null,
  /** A county authority (fylkeskommune). */
  county: null,
  /** A county governor's office (fylkesmann; statsforvalter since 2021). */
  "county-governor": null,
  /** A state agency (statlig etat). */
  "state-agency": null,
  /** Any other organisation: a company, a foundation, an association. */
  other: null,
});
export type OrganisationKind = t.TypeOf<typeof OrganisationKind>;

/** An organisation known by its number in Enhetsregisteret. */
export const Organisation = t.type({
  /** Its number in Enhetsregisteret, check digit verified. */
  orgNo: OrganisationNumber,
  /** Its name. */
  name: NonEmptyText,
});
export type Organisation = t.TypeOf<typeof Organisation>;

/** The responsible grant recipient (ansvarlig tilskuddsmottaker). */
export const Applicant = t.type({
  /** Its number in Enhetsregisteret, check digit verified. */
  orgNo: OrganisationNumber,
  /** Its name. */
  name: NonEmptyText,
  /** What kind of organisation it is; the round's policy decides which kinds may apply. */
  kind: OrganisationKind,
});
export type Applicant = t.TypeOf<typeof Applicant>;

/** A municipality taking part, known by its municipality number. */
export const MunicipalityParticipant = t.type({
  /** Always `"municipality"`. */
  kind: t.literal("municipality"),
  /** Its four-digit number; no municipality takes part twice. */
  municipalityNo: MunicipalityNumber,
  /** Its name. */
  name: NonEmptyText,
  /** Its share of the grant in basis points; above 0. */
  shareBps: BasisPoints,
});
/** A county taking part, known by its county number. */
export const CountyParticipant = t.type({
  /** Always `"county"`. */
  kind: t.literal("county"),
  /** Its two-digit number; no county takes part twice. */
  countyNo: CountyNumber,
  /** Its name. */
  name: NonEmptyText,
  /** Its share of the grant in basis points; above 0. */
  shareBps: BasisPoints,
});
/** Any other organisation taking part, known by its organisation number. */
export const OrganisationParticipant = t.type({
  /** What kind of organisation it is. */
  kind: t.keyof({
    /** A county governor's office (fylkesmann; statsforvalter since 2021). */
    "county-governor": null,
    /** A state agency. */
    "state-agency": null,
    /** Any other organisation. */
    other: null,
  }),
  /** Its number in Enhetsregisteret; no organisation takes part twice. */
  orgNo: OrganisationNumber,
  /** Its name. */
  name: NonEmptyText,
  /** Its share of the grant in basis points; above 0. */
  shareBps: BasisPoints,
});

/** Whom a project is for, with the share of the grant that is theirs, in basis points. */
export const Participant = t.union([MunicipalityParticipant, CountyParticipant, OrganisationParticipant]);
export type Participant = t.TypeOf<typeof Participant>;

/** A participant's identity: the same municipality, county or organisation twice is a duplicate. */
export const participantKey = (participant: Participant): string => {
  switch (participant.kind) {
    case "municipality":
      return `municipality:${participant.municipalityNo}`;
    case "county":
      return `county:${participant.countyNo}`;
    default:
      return `org:${participant.orgNo}`;
  }
};
