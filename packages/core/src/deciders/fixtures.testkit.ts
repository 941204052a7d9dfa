import type { ReportedBenefit } from "../events/benefits.js";
import type {
  ApplicationEvaluated,
  BenefitsReported,
  GrantApplied,
  GrantDisbursed,
  GrantEvent,
  GrantRejected,
} from "../events/grantEvents.js";
import type { Applicant, Organisation, Participant } from "../events/parties.js";
import type { RoundEvent, RoundOpened } from "../events/roundEvents.js";
import { unsafeBasisPoints } from "../values/basisPoints.js";
import { unsafeIsoDate, unsafeIsoDateTime } from "../values/isoTime.js";
import { nok, unsafeMoney, type Money } from "../values/money.js";
import { unsafeOrganisationNumber } from "../values/organisationNumber.js";
import { CountyNumber, MunicipalityNumber } from "../values/regionNumbers.js";
import { unsafeEntityId, unsafeText } from "../values/text.js";
import type {
  ApplyForGrant,
  AwardGrant,
  CloseRound,
  CommitFunds,
  DisburseGrant,
  EvaluateApplication,
  OpenRound,
  RejectApplication,
  ReleaseFunds,
  ReportBenefits,
} from "./commands.js";

/*
 * The two schemes of DESIGN.md as test data: Difi's 2009 crisis-package round for
 * municipalities and counties, and the 2018 co-financing round for state agencies. Tests
 * spread these and override the one field their rule is about.
 */

export type Application = GrantApplied["data"];
export type Evaluation = ApplicationEvaluated["data"];
export type Award = AwardGrant["data"];
export type Disbursement = GrantDisbursed["data"];
export type BenefitsReport = BenefitsReported["data"];
export type RoundOpening = RoundOpened["data"];

/** An amount in øre, for the figures that are not whole kroner (boundaries one øre off). */
export const ore = (n: number): Money => unsafeMoney(n);
export const at = unsafeIsoDateTime;
export const day = unsafeIsoDate;
export const id = unsafeEntityId;
export const text = unsafeText;

// Organisations (valid mod-11 organisation numbers) and participants (2009 municipality numbers).
export const difi: Organisation = { orgNo: unsafeOrganisationNumber("991825827"), name: text("Direktoratet for forvaltning og IKT") };
export const kartverket: Applicant = { orgNo: unsafeOrganisationNumber("971040238"), name: text("Statens kartverk"), kind: "state-agency" };
export const bergenKommune: Applicant = { orgNo: unsafeOrganisationNumber("964338531"), name: text("Bergen kommune"), kind: "municipality" };

const municipalityNo = (no: string): MunicipalityNumber => {
  if (!MunicipalityNumber.is(no)) throw new RangeError(`not a municipality number: ${no}`);
  return no;
};
const countyNo = (no: string): CountyNumber => {
  if (!CountyNumber.is(no)) throw new RangeError(`not a county number: ${no}`);
  return no;
};

export const municipality = (no: string, name: string, shareBps: number): Participant => ({
  kind: "municipality",
  municipalityNo: municipalityNo(no),
  name: text(name),
  shareBps: unsafeBasisPoints(shareBps),
});
export const county = (no: string, name: string, shareBps: number): Participant => ({
  kind: "county",
  countyNo: countyNo(no),
  name: text(name),
  shareBps: unsafeBasisPoints(shareBps),
});
export const stateAgency = (org: Organisation, shareBps: number): Participant => ({
  kind: "state-agency",
  orgNo: org.orgNo,
  name: org.name,
  shareBps: unsafeBasisPoints(shareBps),
});

export const bergen = (shareBps: number): Participant => municipality("1201", "Bergen", shareBps);
export const oslo = (shareBps: number): Participant => municipality("0301", "Oslo", shareBps);
export const trondheim = (shareBps: number): Participant => municipality("1601", "Trondheim", shareBps);
export const stavanger = (shareBps: number): Participant => municipality("1103", "Stavanger", shareBps);
export const hordaland = (shareBps: number): Participant => county("12", "Hordaland", shareBps);

// --- Rounds ---------------------------------------------------------------------------------

export const CRISIS_2009 = id("crisis-2009");
export const COFINANCING_2018 = id("cofinancing-2018");

/** The 2009 crisis package: 20 MNOK, at most 20 % of a project, for municipalities and counties. */
export const crisisRound: RoundOpening = {
  roundId: CRISIS_2009,
  name: text("Tiltakspakken 2009: IKT i kommunene"),
  funder: difi,
  budget: nok(20_000_000),
  policy: {
    maxShareBps: unsafeBasisPoints(2000),
    eligibleApplicants: ["municipality", "county"],
    requiresBenefitsPlan: false,
    reportBeforeNextTranche: false,
  },
  applicationDeadline: at("2009-04-15T12:00:00+02:00"),
  disbursementWindow: { from: day("2009-05-01"), to: day("2010-12-31") },
};

/** The 2018 co-financing round: 120 MNOK, half of a 5-50 MNOK project, at most 15 MNOK, state agencies. */
export const cofinancingRound: RoundOpening = {
  roundId: COFINANCING_2018,
  name: text("Medfinansieringsordningen 2018"),
  funder: difi,
  budget: nok(120_000_000),
  policy: {
    maxShareBps: unsafeBasisPoints(5000),
    maxGrant: nok(15_000_000),
    minProjectCost: nok(5_000_000),
    maxProjectCost: nok(50_000_000),
    eligibleApplicants: ["state-agency"],
    requiresBenefitsPlan: true,
    reportBeforeNextTranche: true,
  },
  applicationDeadline: at("2018-03-01T12:00:00+01:00"),
  disbursementWindow: { from: day("2018-06-01"), to: day("2021-12-31") },
};

export const roundOpened = (data: RoundOpening): RoundEvent => ({ type: "RoundOpened", data });
export const fundsCommitted = (roundId: string, grantId: string, amount: Money): RoundEvent => ({
  type: "FundsCommitted",
  data: { roundId: id(roundId), grantId: id(grantId), amount },
});
export const fundsReleased = (roundId: string, grantId: string, amount: Money): RoundEvent => ({
  type: "FundsReleased",
  data: { roundId: id(roundId), grantId: id(grantId), amount, reason: text("the award could not be recorded") },
});
export const roundClosed = (roundId: string, closedAt = "2010-12-31T16:00:00+01:00"): RoundEvent => ({
  type: "RoundClosed",
  data: { roundId: id(roundId), closedAt: at(closedAt) },
});

export const openRound = (data: RoundOpening): OpenRound => ({ type: "OpenRound", data });
export const closeRound = (roundId: string, closedAt = "2010-12-31T16:00:00+01:00"): CloseRound => ({
  type: "CloseRound",
  data: { roundId: id(roundId), closedAt: at(closedAt) },
});
export const commitFunds = (roundId: string, grantId: string, amount: Money): CommitFunds => ({
  type: "CommitFunds",
  data: { roundId: id(roundId), grantId: id(grantId), amount },
});
export const releaseFunds = (roundId: string, grantId: string, amount: Money): ReleaseFunds => ({
  type: "ReleaseFunds",
  data: { roundId: id(roundId), grantId: id(grantId), amount, reason: text("the award could not be recorded") },
});

// --- Grants ---------------------------------------------------------------------------------

export const BERGEN_2009 = id("bergen-2009");
export const KARTVERKET_2018 = id("kartverket-2018");

/** Bergen's 2009 application: 2.5 MNOK project, asks for 400 000 NOK (the cap is 500 000). */
export const bergenApplication: Application = {
  grantId: BERGEN_2009,
  roundId: CRISIS_2009,
  applicant: bergenKommune,
  participants: [bergen(5000), oslo(3000), hordaland(2000)],
  project: { title: text("Felles innbyggerportal"), summary: "Selvbetjening for innbyggerne i tre kommuner" },
  totalCost: nok(2_500_000),
  requested: nok(400_000),
  appliedAt: at("2009-03-20T10:00:00+01:00"),
};

/** Kartverket's 2018 application: 24 MNOK project, asks for exactly half, 12 MNOK. */
export const kartverketApplication: Application = {
  grantId: KARTVERKET_2018,
  roundId: COFINANCING_2018,
  applicant: kartverket,
  participants: [stateAgency(kartverket, 10_000)],
  project: { title: text("Felles matrikkeltjenester") },
  totalCost: nok(24_000_000),
  requested: nok(12_000_000),
  appliedAt: at("2018-02-20T09:00:00+01:00"),
};

export const evaluation = (grantId: string, overrides: Partial<Evaluation> = {}): Evaluation => ({
  grantId: id(grantId),
  score: 82,
  recommendation: "award",
  evaluator: text("Difi, seksjon for digitalisering"),
  evaluatedAt: at("2009-05-02T14:00:00+02:00"),
  ...overrides,
});

/** Bergen's award: the 400 000 NOK asked for, in two instalments inside the 2009-2010 window. */
export const bergenAward: Award = {
  grantId: BERGEN_2009,
  amount: nok(400_000),
  disbursementPlan: [
    { due: day("2009-06-01"), amount: nok(250_000) },
    { due: day("2010-06-01"), amount: nok(150_000) },
  ],
  conditions: ["Kommunene dekker selv 80 % av prosjektkostnaden"],
  awardedAt: at("2009-05-10T10:00:00+02:00"),
};

export const costSavingPlan = {
  category: "cost-saving" as const,
  description: text("Færre manuelle oppslag i matrikkelen"),
  unit: text("NOK"),
  owner: text("Kartverket"),
  baseline: 0,
  target: nok(3_000_000),
};

/** Kartverket's award: 12 MNOK in three yearly tranches, against a benefits plan. */
export const kartverketAward: Award = {
  grantId: KARTVERKET_2018,
  amount: nok(12_000_000),
  disbursementPlan: [
    { due: day("2018-09-01"), amount: nok(4_000_000) },
    { due: day("2019-09-01"), amount: nok(4_000_000) },
    { due: day("2020-09-01"), amount: nok(4_000_000) },
  ],
  conditions: ["Gevinstrealiseringsplanen er bindende", "Årlig rapport før neste utbetaling"],
  awardedAt: at("2018-05-15T10:00:00+02:00"),
  benefitsPlan: [costSavingPlan],
};

export const disbursement = (grantId: string, amount: Money, paymentRef: string, disbursedAt: string): Disbursement => ({
  grantId: id(grantId),
  amount,
  paymentRef: text(paymentRef),
  disbursedAt: at(disbursedAt),
  valueDate: unsafeIsoDate(disbursedAt.slice(0, 10)),
});

export const costSaving = (actual: number, overrides: Partial<ReportedBenefit> = {}): ReportedBenefit => ({
  category: "cost-saving",
  description: text("Færre manuelle oppslag i matrikkelen"),
  unit: text("NOK"),
  owner: text("Kartverket"),
  actual,
  ...overrides,
});

export const benefitsReport = (
  grantId: string,
  from: string,
  to: string,
  benefits: readonly ReportedBenefit[] = [costSaving(nok(750_000))],
): BenefitsReport => ({
  grantId: id(grantId),
  period: { from: day(from), to: day(to) },
  benefits: [...benefits],
  reportedAt: at(`${to}T12:00:00+01:00`),
});

export const applied = (data: Application): GrantEvent => ({ type: "GrantApplied", data });
export const evaluated = (data: Evaluation): GrantEvent => ({ type: "ApplicationEvaluated", data });
export const awarded = (data: Award, roundId: string): GrantEvent => ({ type: "GrantAwarded", data: { ...data, roundId: id(roundId) } });
export const rejected = (grantId: string, reason = "Prosjektet er ikke innenfor ordningen"): GrantEvent => ({
  type: "GrantRejected",
  data: rejection(grantId, reason),
});
export const disbursed = (data: Disbursement): GrantEvent => ({ type: "GrantDisbursed", data });
export const reported = (data: BenefitsReport): GrantEvent => ({ type: "BenefitsReported", data });

export const rejection = (grantId: string, reason = "Prosjektet er ikke innenfor ordningen"): GrantRejected["data"] => ({
  grantId: id(grantId),
  reason: text(reason),
  rejectedAt: at("2009-05-05T12:00:00+02:00"),
});

export const apply = (data: Application): ApplyForGrant => ({ type: "ApplyForGrant", data });
export const evaluate = (data: Evaluation): EvaluateApplication => ({ type: "EvaluateApplication", data });
export const award = (data: Award): AwardGrant => ({ type: "AwardGrant", data });
export const reject = (data: GrantRejected["data"]): RejectApplication => ({ type: "RejectApplication", data });
export const disburse = (data: Disbursement): DisburseGrant => ({ type: "DisburseGrant", data });
export const report = (data: BenefitsReport): ReportBenefits => ({ type: "ReportBenefits", data });

// Histories, as the streams hold them.
export const crisisRoundOpen: readonly RoundEvent[] = [roundOpened(crisisRound)];
export const cofinancingRoundOpen: readonly RoundEvent[] = [roundOpened(cofinancingRound)];

export const bergenApplied: readonly GrantEvent[] = [applied(bergenApplication)];
export const bergenEvaluated: readonly GrantEvent[] = [...bergenApplied, evaluated(evaluation(BERGEN_2009))];
export const bergenAwarded: readonly GrantEvent[] = [...bergenEvaluated, awarded(bergenAward, CRISIS_2009)];
export const bergenRejected: readonly GrantEvent[] = [...bergenEvaluated, rejected(BERGEN_2009)];

export const kartverketApplied: readonly GrantEvent[] = [applied(kartverketApplication)];
export const kartverketEvaluated: readonly GrantEvent[] = [
  ...kartverketApplied,
  evaluated(evaluation(KARTVERKET_2018, { evaluatedAt: at("2018-04-10T12:00:00+02:00") })),
];
export const kartverketAwarded: readonly GrantEvent[] = [...kartverketEvaluated, awarded(kartverketAward, COFINANCING_2018)];

/** The round after Bergen's award: its commitment is on the books. */
export const crisisRoundWithBergen: readonly RoundEvent[] = [...crisisRoundOpen, fundsCommitted(CRISIS_2009, BERGEN_2009, bergenAward.amount)];
export const cofinancingRoundWithKartverket: readonly RoundEvent[] = [
  ...cofinancingRoundOpen,
  fundsCommitted(COFINANCING_2018, KARTVERKET_2018, kartverketAward.amount),
];
