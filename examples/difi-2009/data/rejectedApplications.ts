import type { LeadRef, RejectedApplicationSpec, Theme } from "./projectSpec.js";

/**
 * Applications turned down in round 1. The announcement says reasoned letters went to those who
 * were refused, and that round 2 (the remaining 40 MNOK, deadline in September) is open to those
 * who need more time; the applications and reasons here are illustrative. They involve only
 * municipalities that also take part in an awarded project, so the totals still list 145.
 */

interface RejectedInput {
  readonly key: string;
  readonly title: string;
  readonly summary: string;
  readonly municipalities: readonly string[];
  readonly lead?: LeadRef;
  readonly requested: number;
  readonly theme: Theme;
  readonly reason: string;
  readonly recommended?: boolean;
}

const rejected = (input: RejectedInput): RejectedApplicationSpec => {
  const first = input.municipalities[0];
  const lead = input.lead ?? (first === undefined ? undefined : { kind: "municipality" as const, municipalityNo: first });
  if (lead === undefined) throw new RangeError(`application ${input.key} has no lead`);
  return {
    key: input.key,
    title: input.title,
    summary: input.summary,
    lead,
    municipalities: input.municipalities,
    counties: [],
    countyGovernors: [],
    kartverket: false,
    totalCostNok: input.requested * 5,
    requestedNok: input.requested,
    theme: input.theme,
    reason: input.reason,
    recommended: input.recommended ?? false,
    provenance: { title: "illustrative", amount: "illustrative", participants: "illustrative" },
  };
};

const ROUND_2 = "Difi encourages a new application in round 2 (deadline September 2009).";

export const REJECTED_APPLICATIONS: readonly RejectedApplicationSpec[] = [
  rejected({
    key: "halden-serverrom",
    title: "Nytt serverrom for Halden kommune",
    summary: "New server room and storage.",
    municipalities: ["0101"],
    requested: 400_000,
    theme: "case-handling",
    reason: "Infrastructure and hardware are not a new or improved electronic service; the scheme funds services and electronic collaboration.",
  }),
  rejected({
    key: "tynset-nettsted",
    title: "Nytt nettsted for Tynset kommune",
    summary: "Redesign of the municipality's website.",
    municipalities: ["0437"],
    requested: 120_000,
    theme: "self-service",
    reason: "A new design of the website without new services does not meet the scheme's aim of new or improved electronic services.",
  }),
  rejected({
    key: "lier-byggesoknad",
    title: "Elektronisk byggesøknad i Lier",
    summary: "Building applications online.",
    municipalities: ["0626"],
    requested: 250_000,
    theme: "building",
    reason: "Duplicates the awarded eBygg project; Lier is invited to join it, which gives the same service with reuse across municipalities.",
  }),
  rejected({
    key: "askoy-laeringsplattform",
    title: "Digital læringsplattform for grunnskolen på Askøy",
    summary: "A learning platform for primary schools.",
    municipalities: ["1247"],
    requested: 300_000,
    theme: "self-service",
    reason: "Teaching tools fall outside the scheme, which funds services to citizens and businesses and electronic collaboration within the municipal sector and with the state.",
  }),
  rejected({
    key: "hadeland-ikt-drift",
    title: "Felles IKT-drift for Hadeland",
    summary: "Shared IT operations for Gran and Lunner.",
    municipalities: ["0534", "0533"],
    requested: 500_000,
    theme: "case-handling",
    reason: "Operating costs are not eligible: the grant covers development of services, not running them.",
  }),
  rejected({
    key: "namsos-saksbehandling",
    title: "Elektronisk søknadsbehandling i Namsos",
    summary: "Applications handled electronically end to end.",
    municipalities: ["1703"],
    requested: 200_000,
    theme: "case-handling",
    reason: `The project plan has no cost estimate or milestones. ${ROUND_2}`,
  }),
  rejected({
    key: "sortland-innbyggerportal",
    title: "Innbyggerportal for Sortland",
    summary: "A citizens' portal.",
    municipalities: ["1870"],
    requested: 180_000,
    theme: "self-service",
    reason: `The municipality's own 80 % share of the cost is not documented by a council decision. ${ROUND_2}`,
  }),
  rejected({
    key: "tromso-mobilparkering",
    title: "Mobil parkeringsbetaling i Tromsø",
    summary: "Pay for parking by phone.",
    municipalities: ["1902"],
    requested: 350_000,
    theme: "self-service",
    recommended: true,
    reason: `Recommended, but ranked below the awarded projects: round 1's 20 MNOK are fully committed. ${ROUND_2}`,
  }),
  rejected({
    key: "vadso-helsestasjon",
    title: "Timebestilling på nett hos helsestasjonen i Vadsø",
    summary: "Online booking at the child health centre.",
    municipalities: ["2003"],
    requested: 90_000,
    theme: "health",
    recommended: true,
    reason: `Recommended, but ranked below the awarded projects: round 1's 20 MNOK are fully committed. ${ROUND_2}`,
  }),
];
