import type { ApplicantSpec } from "./projectSpec.js";

/**
 * The organisations of the example, with their real organisation numbers in Enhetsregisteret
 * (checked against public registers: Altinn's list of service owners, data.brreg.no). The
 * organisations are real; the projects they apply with here are not.
 */

const agency = (name: string, orgNo: string): ApplicantSpec => ({ name, orgNo, kind: "state-agency" });

/** The funder: Direktoratet for forvaltning og IKT (Difi; Digitaliseringsdirektoratet since 2020, same number). */
export const DIFI = { name: "Direktoratet for forvaltning og IKT", orgNo: "991825827" } as const;

/** The applicants of the example, by a short key. */
export const ORGANISATIONS = {
  nav: agency("Arbeids- og velferdsetaten", "889640782"),
  skatteetaten: agency("Skatteetaten", "974761076"),
  vegvesen: agency("Statens vegvesen", "971032081"),
  lanekassen: agency("Statens lånekasse for utdanning", "960885406"),
  brreg: agency("Brønnøysundregistrene", "974760673"),
  mattilsynet: agency("Mattilsynet", "985399077"),
  kartverket: agency("Kartverket", "971040238"),
  udi: agency("Utlendingsdirektoratet", "974760746"),
  arkivverket: agency("Arkivverket", "961181399"),
  dibk: agency("Direktoratet for byggkvalitet", "974760223"),
  ssb: agency("Statistisk sentralbyrå", "971526920"),
  fiskeridir: agency("Fiskeridirektoratet", "971203420"),
  husbanken: agency("Husbanken", "942114184"),
  politidirektoratet: agency("Politidirektoratet", "982531950"),
  spk: agency("Statens pensjonskasse", "982583462"),
  osloKommune: { name: "Oslo kommune", orgNo: "958935420", kind: "municipality", municipalityNo: "0301" },
} as const satisfies Record<string, ApplicantSpec>;
