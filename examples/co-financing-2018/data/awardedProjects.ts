import { ORGANISATIONS as ORG } from "./organisations.js";
import type { AwardedProjectSpec } from "./projectSpec.js";

/**
 * The ten awarded projects. Illustrative, all of them: Difi's list of the 2018 projects is not in
 * the announcement, so the titles, costs, amounts, plans and realised shares are made up to be
 * plausible. What they obey is real: state agencies, project cost 5-50 MNOK, the grant at most
 * 50 % of the cost and at most 15 MNOK. Together they take 109.5 of the 120 MNOK.
 *
 * Targets are per year (2018, 2019, 2020) and grow as the solutions come into use; NOK figures
 * are whole kroner. Three projects fall clearly behind their plan (Statens vegvesen,
 * Mattilsynet, UDI) and two do better than planned (Skatteetaten, Brønnøysundregistrene).
 */
export const AWARDED_PROJECTS: readonly AwardedProjectSpec[] = [
  {
    key: "nav-sykefravaer", applicant: ORG.nav, score: 92,
    title: "Digital dialog med arbeidsgivere om sykefravær",
    summary: "Employers follow up sick leave in one digital dialogue instead of letters and forms.",
    totalCostNok: 36_000_000, requestedNok: 15_000_000, awardedNok: 15_000_000,
    benefits: [
      { category: "time-saving", description: "Case-worker hours saved on sick-leave follow-up", unit: "hours", yearlyTargets: [20_000, 60_000, 80_000] },
      { category: "other-parties", description: "Saved by employers on forms and letters", unit: "NOK", yearlyTargets: [5_000_000, 15_000_000, 20_000_000] },
    ],
    realisedPercent: [90, 95, 100],
  },
  {
    key: "skatt-skattekort", applicant: ORG.skatteetaten, score: 88,
    title: "Selvbetjent skattekort for utenlandske arbeidstakere",
    summary: "Foreign workers apply for a tax card online, identified without a visit to a tax office.",
    totalCostNok: 24_000_000, requestedNok: 12_000_000, awardedNok: 12_000_000,
    benefits: [
      { category: "cost-saving", description: "Tax-office counter and postage costs saved", unit: "NOK", yearlyTargets: [2_000_000, 6_000_000, 8_000_000] },
      { category: "quality", description: "Tax-card applications submitted digitally", unit: "applications", yearlyTargets: [40_000, 120_000, 150_000] },
    ],
    realisedPercent: [100, 105, 110],
  },
  {
    key: "vegvesen-forerkort", applicant: ORG.vegvesen, score: 81,
    title: "Digital fornyelse av førerkort",
    summary: "Drivers renew their licence online, with the photo and health certificate sent digitally.",
    // Awarded less than requested: part of the cost is operation of the traffic stations.
    totalCostNok: 30_000_000, requestedNok: 15_000_000, awardedNok: 13_500_000,
    benefits: [
      { category: "time-saving", description: "Traffic-station hours saved on licence renewals", unit: "hours", yearlyTargets: [15_000, 45_000, 50_000] },
      { category: "other-parties", description: "Saved by drivers on trips to traffic stations", unit: "NOK", yearlyTargets: [10_000_000, 30_000_000, 35_000_000] },
    ],
    realisedPercent: [60, 65, 70],
  },
  {
    key: "lanekassen-betalingsutsettelse", applicant: ORG.lanekassen, score: 84,
    title: "Automatisk behandling av søknader om betalingsutsettelse",
    summary: "Applications for deferred repayment are decided automatically from data already held.",
    totalCostNok: 18_000_000, requestedNok: 9_000_000, awardedNok: 9_000_000,
    benefits: [
      { category: "cost-saving", description: "Case-handling costs saved", unit: "NOK", yearlyTargets: [1_500_000, 4_000_000, 4_500_000] },
      { category: "time-saving", description: "Case-worker hours saved on manual decisions", unit: "hours", yearlyTargets: [8_000, 20_000, 22_000] },
    ],
    realisedPercent: [95, 100, 100],
  },
  {
    key: "brreg-stiftelse", applicant: ORG.brreg, score: 86,
    title: "Digital stiftelse av aksjeselskap",
    summary: "Founders set up a limited company online, from articles of association to registration.",
    totalCostNok: 14_000_000, requestedNok: 7_000_000, awardedNok: 7_000_000,
    benefits: [
      { category: "other-parties", description: "Saved by founders on lawyers, forms and waiting", unit: "NOK", yearlyTargets: [8_000_000, 20_000_000, 25_000_000] },
      { category: "quality", description: "Companies founded entirely digitally", unit: "companies", yearlyTargets: [10_000, 25_000, 30_000] },
    ],
    realisedPercent: [100, 110, 115],
  },
  {
    key: "mattilsynet-tilsynsrapporter", applicant: ORG.mattilsynet, score: 74,
    title: "Digitale tilsynsrapporter til virksomhetene",
    summary: "Inspectors file reports on a tablet and businesses receive them digitally the same day.",
    totalCostNok: 22_000_000, requestedNok: 11_000_000, awardedNok: 10_000_000,
    benefits: [
      { category: "time-saving", description: "Inspector hours saved on writing up and posting reports", unit: "hours", yearlyTargets: [10_000, 25_000, 30_000] },
      { category: "quality", description: "Inspection reports delivered digitally", unit: "reports", yearlyTargets: [20_000, 50_000, 60_000] },
    ],
    realisedPercent: [50, 55, 60],
  },
  {
    key: "kartverket-borettslag", applicant: ORG.kartverket, score: 90,
    title: "Digital tinglysing av borettslagsandeler",
    summary: "Banks and estate agents register the sale and mortgage of housing-cooperative shares digitally.",
    totalCostNok: 40_000_000, requestedNok: 15_000_000, awardedNok: 15_000_000,
    benefits: [
      { category: "cost-saving", description: "Registration costs saved by Kartverket", unit: "NOK", yearlyTargets: [3_000_000, 9_000_000, 12_000_000] },
      { category: "other-parties", description: "Saved by banks and estate agents", unit: "NOK", yearlyTargets: [6_000_000, 18_000_000, 24_000_000] },
    ],
    realisedPercent: [85, 90, 95],
  },
  {
    key: "udi-familieinnvandring", applicant: ORG.udi, score: 77,
    title: "Selvbetjening for familieinnvandring",
    summary: "Applicants for family immigration apply, upload documents and follow their case online.",
    totalCostNok: 26_000_000, requestedNok: 13_000_000, awardedNok: 12_000_000,
    benefits: [
      { category: "time-saving", description: "Case-worker hours saved on registering paper applications", unit: "hours", yearlyTargets: [12_000, 30_000, 36_000] },
      { category: "quality", description: "Applications submitted digitally", unit: "applications", yearlyTargets: [8_000, 20_000, 24_000] },
    ],
    realisedPercent: [70, 75, 80],
  },
  {
    key: "arkivverket-arkivmottak", applicant: ORG.arkivverket, score: 79,
    title: "Digitalt arkivmottak fra statlige virksomheter",
    summary: "State agencies deposit their digital archives through one validated channel.",
    totalCostNok: 12_000_000, requestedNok: 6_000_000, awardedNok: 6_000_000,
    benefits: [
      { category: "cost-saving", description: "Deposit-handling costs saved", unit: "NOK", yearlyTargets: [1_000_000, 2_500_000, 3_000_000] },
      { category: "time-saving", description: "Archivist hours saved on manual validation", unit: "hours", yearlyTargets: [3_000, 6_000, 7_000] },
    ],
    realisedPercent: [100, 100, 100],
  },
  {
    key: "dibk-byggesoknad", applicant: ORG.dibk, score: 83,
    title: "Felles løsning for digitale byggesøknader",
    summary: "Builders submit building applications to any municipality through one national service.",
    totalCostNok: 20_000_000, requestedNok: 10_000_000, awardedNok: 10_000_000,
    benefits: [
      { category: "other-parties", description: "Saved by builders and municipalities on paper applications", unit: "NOK", yearlyTargets: [4_000_000, 12_000_000, 18_000_000] },
      { category: "time-saving", description: "Hours saved answering building-application enquiries", unit: "hours", yearlyTargets: [6_000, 18_000, 24_000] },
    ],
    realisedPercent: [80, 95, 105],
  },
];
