import { ORGANISATIONS as ORG } from "./organisations.js";
import type { RefusedApplicationSpec } from "./projectSpec.js";

/**
 * Applications that break a rule of the round, so the ledger refuses to record them: the
 * refusal is a typed error with the figures, and no event is written. Illustrative.
 */
export const REFUSED_APPLICATIONS: readonly RefusedApplicationSpec[] = [
  {
    key: "politiet-straffesak", applicant: ORG.politidirektoratet, expectedRefusal: "ProjectCostAboveMaximum",
    title: "Digital straffesaksflyt mellom politi og påtalemyndighet",
    summary: "A digital flow of criminal cases from the police to the prosecuting authority.",
    // 85 MNOK: above the scheme's 50 MNOK, where a project belongs in the ministry's own budget.
    totalCostNok: 85_000_000, requestedNok: 15_000_000,
  },
  {
    key: "oslo-byggesaksarkiv", applicant: ORG.osloKommune, expectedRefusal: "ApplicantNotEligible",
    title: "Digitalt byggesaksarkiv",
    summary: "Scanning and indexing the municipality's building-case archive.",
    // The scheme is for state agencies; municipalities are not eligible.
    totalCostNok: 12_000_000, requestedNok: 6_000_000,
  },
  {
    key: "spk-pensjonsportal", applicant: ORG.spk, expectedRefusal: "RequestExceedsMaxGrant",
    title: "Ny pensjonsportal for medlemmene",
    summary: "A self-service portal where members see and plan their public-service pension.",
    // 20 MNOK is within 50 % of 44 MNOK, but above the 15 MNOK any one project may get.
    totalCostNok: 44_000_000, requestedNok: 20_000_000,
  },
];
