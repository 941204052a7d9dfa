/*
 * Request bodies for the tests, as a client would send them: the README's 2009 round, with
 * eByggesak shared by Bergen and Askøy. Money in øre.
 */

/**
 * The rounds' application deadline. The service's ledger runs on the system clock, which
 * refuses an application received after its round's deadline whatever `appliedAt` it claims;
 * the 2009 story is told in a round whose deadline no test run reaches.
 */
export const OPEN_DEADLINE = "2099-12-31T23:59:59+01:00";

/** POST /rounds: 20 MNOK, at most 20 % of a project's cost, municipalities and counties. */
export const openRound = (roundId = "krise-2009-1", budget = 2_000_000_000) => ({
  roundId,
  name: "Krisepakke 2009, runde 1",
  funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
  budget,
  policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
  applicationDeadline: OPEN_DEADLINE,
  disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
});

/** POST /grants: 3,3 MNOK asked for a 16,5 MNOK project, shared equally. */
export const apply = (grantId = "ebygg", roundId = "krise-2009-1") => ({
  grantId,
  roundId,
  applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
  participants: [
    { kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 5000 },
    { kind: "municipality", municipalityNo: "1247", name: "Askøy", shareBps: 5000 },
  ],
  project: { title: "eByggesak" },
  totalCost: 1_650_000_000,
  requested: 330_000_000,
  appliedAt: "2009-04-01T10:00:00+02:00",
});

/** POST /grants/:grantId/evaluation */
export const evaluate = (recommendedAmount = 330_000_000) => ({
  score: 90,
  recommendation: "award",
  recommendedAmount,
  evaluator: "Difi fagpanel",
  evaluatedAt: "2009-05-20T10:00:00+02:00",
});

/** POST /grants/:grantId/award: the whole request, in two instalments of 60 % and 40 %. */
export const award = (amount = 330_000_000) => ({
  amount,
  disbursementPlan: [
    { due: "2009-09-01", amount: Math.round(amount * 0.6) },
    { due: "2010-09-01", amount: amount - Math.round(amount * 0.6) },
  ],
  conditions: ["Sluttrapport innen 2011-12-31"],
  awardedAt: "2009-06-19T12:00:00+02:00",
});

/** POST /grants/:grantId/disbursements: the first instalment. */
export const disburse = (paymentRef = "DIFI-2009-0001") => ({
  amount: 198_000_000,
  paymentRef,
  disbursedAt: "2009-09-01T12:00:00+02:00",
});

/** POST /grants/:grantId/benefit-reports: 2009, 500 000 kr saved and 1 200 hours. */
export const reportBenefits = () => ({
  period: { from: "2009-01-01", to: "2009-12-31" },
  benefits: [
    { category: "cost-saving", description: "Færre papirsøknader", unit: "NOK", actual: 50_000_000, owner: "Bergen kommune" },
    { category: "time-saving", description: "Kortere saksbehandling", unit: "hours", actual: 1_200, owner: "Bergen kommune" },
  ],
  reportedAt: "2010-01-15T10:00:00+01:00",
});
