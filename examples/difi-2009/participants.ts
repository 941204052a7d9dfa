import { municipality2009 } from "./data/municipalities2009.js";
import { countyGovernorOf, countyMunicipalityOf, municipalityOrgNo, STATENS_KARTVERK } from "./data/parties.js";
import type { ApplicationSpec } from "./data/projectSpec.js";
import type { ApplicantData, ParticipantData } from "./commandTypes.js";
import { equalSharesBps } from "./shares.js";

/** Omit over each member of a union, so the participant kinds stay apart. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Unshared = DistributiveOmit<ParticipantData, "shareBps">;

/** Everyone a project is for, in a fixed order: the lead first, then municipalities, counties, governors, Kartverket. */
const membersOf = (spec: ApplicationSpec): readonly Unshared[] => {
  const municipalities: Unshared[] = spec.municipalities.map((no) => ({
    kind: "municipality",
    municipalityNo: no,
    name: municipality2009(no).name,
  }));
  const counties: Unshared[] = spec.counties.map((no) => {
    const county = countyMunicipalityOf(no);
    return { kind: "county", countyNo: no, name: county.name };
  });
  const governors: Unshared[] = spec.countyGovernors.map((no) => {
    const governor = countyGovernorOf(no);
    return { kind: "county-governor", orgNo: governor.orgNo, name: governor.name };
  });
  const kartverket: Unshared[] = spec.kartverket
    ? [{ kind: "state-agency", orgNo: STATENS_KARTVERK.orgNo, name: STATENS_KARTVERK.name }]
    : [];
  // A county lead goes before the municipalities, so that it, like a lead municipality, comes first.
  return spec.lead.kind === "county"
    ? [...counties, ...municipalities, ...governors, ...kartverket]
    : [...municipalities, ...counties, ...governors, ...kartverket];
};

/** A project's participants with equal shares in basis points that sum to exactly 10 000. */
export const participantsOf = (spec: ApplicationSpec): ParticipantData[] => {
  const members = membersOf(spec);
  const shares = equalSharesBps(members.length);
  return members.map((member, index) => ({ ...member, shareBps: shares[index] ?? 0 }));
};

/** The responsible grant recipient, with its organisation number. */
export const applicantOf = (spec: ApplicationSpec): ApplicantData => {
  const { lead } = spec;
  if (lead.kind === "county") {
    const county = countyMunicipalityOf(lead.countyNo);
    return { kind: "county", orgNo: county.orgNo, name: county.name };
  }
  const { orgNo } = municipalityOrgNo(lead.municipalityNo);
  return { kind: "municipality", orgNo, name: `${municipality2009(lead.municipalityNo).name} kommune` };
};
