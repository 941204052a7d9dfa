import { ORGANISATIONS as ORG } from "./organisations.js";
import type { RejectedApplicationSpec } from "./projectSpec.js";

/**
 * Applications Difi evaluated and turned down, each with its reason (every rejection is
 * reasoned). Illustrative. Husbanken's was recommended, but ranked below the awarded projects,
 * and the 10.5 MNOK left after them do not cover its request: a decision may differ from the
 * recommendation.
 */
export const REJECTED_APPLICATIONS: readonly RejectedApplicationSpec[] = [
  {
    key: "ssb-publisering", applicant: ORG.ssb, score: 48, recommended: false,
    title: "Ny publiseringsløsning for Statistikkbanken",
    summary: "A new publishing platform for the statistics bank.",
    totalCostNok: 16_000_000, requestedNok: 8_000_000,
    reason: "The benefits-realisation plan names no measurable benefit outside SSB and no owner for the benefits it names.",
  },
  {
    key: "fiskeridir-fangstdagbok", applicant: ORG.fiskeridir, score: 41, recommended: false,
    title: "Videreutvikling av elektronisk fangstdagbok",
    summary: "Further work on the electronic catch logbook for fishing vessels.",
    totalCostNok: 9_000_000, requestedNok: 4_500_000,
    reason: "Most of the cost is operation and maintenance of an existing solution; the scheme co-finances development.",
  },
  {
    key: "husbanken-startlan", applicant: ORG.husbanken, score: 66, recommended: true,
    title: "Digital søknad om startlån",
    summary: "One digital application for start-up loans, shared by Husbanken and the municipalities.",
    totalCostNok: 28_000_000, requestedNok: 14_000_000,
    reason: "Ranked below the awarded projects; the 10 500 000 kr left in the round do not cover the request of 14 000 000 kr.",
  },
];
