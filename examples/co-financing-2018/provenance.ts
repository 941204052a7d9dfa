/** Said on every run, so that nobody takes the illustrative figures for Difi's. */
export const PROVENANCE_NOTE: readonly string[] = [
  "Real, from Difi's announcement and the scheme's rules: a budget of 120 000 000 NOK for 2018; state agencies",
  "  apply; the grant covers up to 50 % of the project cost and at most 15 000 000 NOK; projects cost 5-50 MNOK;",
  "  a binding benefits-realisation plan comes with the award; the deadline was 17 January 2018.",
  "Real too: the agencies and their organisation numbers. Illustrative: that they applied with these projects,",
  "  and every project, amount, score, date (but the deadline), payment and benefit figure (see README).",
];
