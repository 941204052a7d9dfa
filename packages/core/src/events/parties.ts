import * as t from "io-ts";
import { BasisPoints } from "../values/basisPoints.js";
import { OrganisationNumber } from "../values/organisationNumber.js";
import { CountyNumber, MunicipalityNumber } from "../values/regionNumbers.js";
import { NonEmptyText } from "../values/text.js";

/** The kinds of organisation that apply for grants and take part in projects. */
export const OrganisationKind = t.keyof({
  municipality: null,
  county: null,
  "county-governor": null,
  "state-agency": null,
  other: null,
});
export type OrganisationKind = t.TypeOf<typeof OrganisationKind>;

/** An organisation known by its number in Enhetsregisteret. */
export const Organisation = t.type({ orgNo: OrganisationNumber, name: NonEmptyText });
export type Organisation = t.TypeOf<typeof Organisation>;

/** The responsible grant recipient (ansvarlig tilskuddsmottaker). */
export const Applicant = t.type({ orgNo: OrganisationNumber, name: NonEmptyText, kind: OrganisationKind });
export type Applicant = t.TypeOf<typeof Applicant>;

export const MunicipalityParticipant = t.type({
  kind: t.literal("municipality"),
  municipalityNo: MunicipalityNumber,
  name: NonEmptyText,
  shareBps: BasisPoints,
});
export const CountyParticipant = t.type({
  kind: t.literal("county"),
  countyNo: CountyNumber,
  name: NonEmptyText,
  shareBps: BasisPoints,
});
export const OrganisationParticipant = t.type({
  kind: t.keyof({ "county-governor": null, "state-agency": null, other: null }),
  orgNo: OrganisationNumber,
  name: NonEmptyText,
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
