import { illustrativeOrgNo, REAL_ORG_NUMBERS, type OrgNoSource } from "../orgNumbers.js";
import { countyName2009 } from "./counties2009.js";

/**
 * The organisations besides municipalities. The announcement gives their numbers — six county
 * municipalities (fylkeskommuner), five county governors (fylkesmenn) and Statens kartverk —
 * but not which ones; the counties chosen here are illustrative.
 */

/** An organisation with its number and where that number comes from. */
export interface NumberedOrganisation {
  readonly orgNo: string;
  readonly name: string;
  readonly orgNoSource: OrgNoSource;
}

/** A county municipality or county governor: an organisation tied to a county. */
export interface CountyBody extends NumberedOrganisation {
  readonly countyNo: string;
}

const countyMunicipality = (countyNo: string): CountyBody => ({
  countyNo,
  name: `${countyName2009(countyNo)} fylkeskommune`,
  orgNo: illustrativeOrgNo("county", countyNo),
  orgNoSource: "illustrative",
});

const countyGovernor = (countyNo: string): CountyBody => ({
  countyNo,
  name: `Fylkesmannen i ${countyName2009(countyNo)}`,
  orgNo: illustrativeOrgNo("county-governor", countyNo),
  orgNoSource: "illustrative",
});

/** Six county municipalities (the number is from the announcement; the choice is illustrative). */
export const COUNTY_MUNICIPALITIES: readonly CountyBody[] = ["07", "11", "12", "15", "16", "18"].map(countyMunicipality);

/** Five county governors (the number is from the announcement; the choice is illustrative). */
export const COUNTY_GOVERNORS: readonly CountyBody[] = ["05", "12", "14", "18", "19"].map(countyGovernor);

/** Statens kartverk, the mapping authority, named in the announcement; its number is real. */
export const STATENS_KARTVERK: NumberedOrganisation = {
  orgNo: REAL_ORG_NUMBERS.statensKartverk,
  name: "Statens kartverk",
  orgNoSource: "real",
};

/** Difi ran the scheme for the Ministry of Government Administration and Reform (FAD). */
export const DIFI: NumberedOrganisation = {
  orgNo: REAL_ORG_NUMBERS.difi,
  name: "Direktoratet for forvaltning og IKT (Difi)",
  orgNoSource: "real",
};

const findCountyBody = (bodies: readonly CountyBody[], countyNo: string, what: string): CountyBody => {
  const found = bodies.find((body) => body.countyNo === countyNo);
  if (found === undefined) throw new RangeError(`no ${what} for county ${countyNo} in the demo`);
  return found;
};

/** The county municipality of `countyNo`; throws if the demo does not include it. */
export const countyMunicipalityOf = (countyNo: string): CountyBody =>
  findCountyBody(COUNTY_MUNICIPALITIES, countyNo, "county municipality");

/** The county governor of `countyNo`; throws if the demo does not include it. */
export const countyGovernorOf = (countyNo: string): CountyBody => findCountyBody(COUNTY_GOVERNORS, countyNo, "county governor");

/** A municipality's own organisation (kommune) number: real for Oslo and Bergen, made up otherwise. */
export const municipalityOrgNo = (municipalityNo: string): { readonly orgNo: string; readonly orgNoSource: OrgNoSource } => {
  switch (municipalityNo) {
    case "0301":
      return { orgNo: REAL_ORG_NUMBERS.osloKommune, orgNoSource: "real" };
    case "1201":
      return { orgNo: REAL_ORG_NUMBERS.bergenKommune, orgNoSource: "real" };
    default:
      return { orgNo: illustrativeOrgNo("municipality", municipalityNo), orgNoSource: "illustrative" };
  }
};
