import type { Participant } from "@grantledger/core";
import { currentAward, paidNet, type AwardedGrant } from "./awardedGrants.js";
import { commitmentTransactions, disbursementTransactions, nok } from "./threeSixtyGivingTransactions.js";

/*
 * The 360Giving Data Standard (schema 1.4.3): one record per awarded grant. Organisations are
 * identified the org-id.guide way, `NO-BRC-<organisation number>` (Brønnøysundregistrene);
 * amounts are NOK as decimal numbers (øre / 100), net: the award as amended, and what was paid
 * less what was reversed or repaid; beneficiary locations are the participating municipalities
 * and counties with their official numbers as geo codes. Every award, amendment, payment,
 * reversal and repayment is a transaction of its own, so the amounts are the sums of their
 * transactions, as the standard asks.
 */

/** The org-id.guide identifier of a Norwegian organisation number. */
export const norwegianOrgId = (orgNo: string): string => `NO-BRC-${orgNo}`;

const location = (participant: Participant): Record<string, string> | undefined => {
  if (participant.kind === "municipality") {
    return { id: `NO-kommune-${participant.municipalityNo}`, name: participant.name, countryCode: "NO", geoCode: participant.municipalityNo, geoCodeType: "kommunenummer" };
  }
  if (participant.kind === "county") {
    return { id: `NO-fylke-${participant.countyNo}`, name: participant.name, countryCode: "NO", geoCode: participant.countyNo, geoCodeType: "fylkesnummer" };
  }
  return undefined;
};

/** One awarded grant as a 360Giving grant record. */
export const threeSixtyGivingGrant = (grant: AwardedGrant): Record<string, unknown> => {
  const { applied, awarded, round } = grant;
  const funderId = norwegianOrgId(round.funder.orgNo);
  const summary = applied.project.summary?.trim();
  return {
    id: `360G-${funderId}-${applied.grantId}`,
    title: applied.project.title,
    description: summary === undefined || summary === "" ? applied.project.title : summary,
    currency: "NOK",
    amountAppliedFor: nok(applied.requested),
    amountAwarded: nok(currentAward(grant)),
    amountDisbursed: nok(paidNet(grant)),
    awardDate: awarded.awardedAt,
    recipientOrganization: [{ id: norwegianOrgId(applied.applicant.orgNo), name: applied.applicant.name, companyNumber: applied.applicant.orgNo, addressCountry: "NO" }],
    fundingOrganization: [{ id: funderId, name: round.funder.name }],
    grantProgramme: [{ code: round.roundId, title: round.name }],
    fromOpenCall: "Yes",
    beneficiaryLocation: applied.participants.map(location).filter((l) => l !== undefined),
    commitmentTransaction: commitmentTransactions(grant),
    disbursementTransaction: disbursementTransactions(grant),
  };
};

/**
 * A 360Giving package of the awarded grants (the standard wants at least one). Nothing in it
 * depends on when or from where it was exported, so the same history always gives the same file.
 */
export const threeSixtyGivingPackage = (grants: readonly AwardedGrant[]): Record<string, unknown> => {
  const funders = [...new Set(grants.map((grant) => grant.round.funder.name))].sort();
  return { version: "1.4", title: `Grants awarded by ${funders.join(", ")}`, grants: grants.map(threeSixtyGivingGrant) };
};
