/* Fixtures for the example: dated by the real clock, so a live ledger (no historical mode) takes them. */
const year = new Date().getUTCFullYear();

/** A round that takes municipalities' applications until the end of next year. */
export const round = {
  roundId: "r",
  name: "Digitaliseringsrunde",
  funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
  budget: 1_000_000_00,
  policy: { maxShareBps: 10000, eligibleApplicants: ["municipality" as const], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
  applicationDeadline: `${year + 1}-12-31T23:59:59+01:00`,
  disbursementWindow: { from: `${year}-01-01`, to: `${year + 2}-12-31` },
};

/** Bergen's application, made a minute ago. */
export const application = {
  grantId: "g",
  roundId: "r",
  applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" as const },
  participants: [{ kind: "municipality" as const, municipalityNo: "1201", name: "Bergen", shareBps: 10000 }],
  project: { title: "Elektronisk byggesøknad" },
  totalCost: 500_000_00,
  requested: 100_000_00,
  appliedAt: new Date(Date.now() - 60_000).toISOString(),
};

/** When the evaluation was made: now, by the ledger's clock. */
export const evaluatedAt = new Date(Date.now() - 30_000).toISOString();
