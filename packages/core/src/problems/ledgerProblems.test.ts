import { describe, expect, it } from "vitest";
import { unsafeIsoDate, unsafeIsoDateTime } from "../values/isoTime.js";
import { unsafeMoney } from "../values/money.js";
import { DEFAULT_PROBLEM_TYPE_BASE, problemTitleOf, problemTypeOf, toProblem } from "./problem.js";
import { LEDGER_PROBLEMS, ledgerProblem, type LedgerProblemError, type LedgerProblemTag } from "./ledgerProblems.js";
import { statusOf } from "./problemRule.js";

const kr = unsafeMoney;
const day = unsafeIsoDate;
const at = unsafeIsoDateTime;
const window = { from: day("2009-01-01"), to: day("2011-12-31") };
const grantId = "ebygg";
const roundId = "krise-2009-1";

/*
 * One error of every tag the ledger and the store return, keyed by tag: the compiler refuses a
 * tag of the decider or handler unions left out here (or one that is not in them), so every tag
 * below is checked for a mapping, a distinct type and a sentence with its figures.
 */
const SAMPLES: { readonly [K in LedgerProblemTag]: Extract<LedgerProblemError, { readonly _tag: K }> } = {
  GrantAlreadyApplied: { _tag: "GrantAlreadyApplied", grantId },
  ApplicationAfterDeadline: { _tag: "ApplicationAfterDeadline", grantId, appliedAt: at("2009-04-16T10:00:00+02:00"), deadline: at("2009-04-15T23:59:59+02:00") },
  ApplicantNotEligible: { _tag: "ApplicantNotEligible", grantId, kind: "county", eligible: ["municipality"] },
  RequestedAmountNotPositive: { _tag: "RequestedAmountNotPositive", grantId },
  RequestExceedsShareCap: { _tag: "RequestExceedsShareCap", grantId, requested: kr(400_000_000), totalCost: kr(1_650_000_000), maxShareBps: 2000, cap: kr(330_000_000) },
  RequestExceedsMaxGrant: { _tag: "RequestExceedsMaxGrant", grantId, requested: kr(400_000_000), maxGrant: kr(300_000_000) },
  ProjectCostBelowMinimum: { _tag: "ProjectCostBelowMinimum", grantId, totalCost: kr(10_000), minProjectCost: kr(100_000) },
  ProjectCostAboveMaximum: { _tag: "ProjectCostAboveMaximum", grantId, totalCost: kr(900_000_000), maxProjectCost: kr(800_000_000) },
  NoParticipants: { _tag: "NoParticipants", grantId },
  DuplicateParticipant: { _tag: "DuplicateParticipant", grantId, participant: "1201" },
  ParticipantWithoutShare: { _tag: "ParticipantWithoutShare", grantId, participant: "1247" },
  ParticipantSharesNotWhole: { _tag: "ParticipantSharesNotWhole", grantId, sumBps: 9000 },
  GrantNotFound: { _tag: "GrantNotFound", grantId },
  GrantAlreadyEvaluated: { _tag: "GrantAlreadyEvaluated", grantId },
  GrantAlreadyDecided: { _tag: "GrantAlreadyDecided", grantId, status: "awarded" },
  RecommendedAmountExceedsRequest: { _tag: "RecommendedAmountExceedsRequest", grantId, recommended: kr(400_000_000), requested: kr(330_000_000) },
  GrantNotEvaluated: { _tag: "GrantNotEvaluated", grantId },
  AwardNotPositive: { _tag: "AwardNotPositive", grantId },
  AwardExceedsRequest: { _tag: "AwardExceedsRequest", grantId, amount: kr(400_000_000), requested: kr(330_000_000) },
  AwardExceedsShareCap: { _tag: "AwardExceedsShareCap", grantId, amount: kr(400_000_000), totalCost: kr(1_650_000_000), maxShareBps: 2000, cap: kr(330_000_000) },
  AwardExceedsMaxGrant: { _tag: "AwardExceedsMaxGrant", grantId, amount: kr(400_000_000), maxGrant: kr(300_000_000) },
  DisbursementPlanMismatch: { _tag: "DisbursementPlanMismatch", grantId, planned: kr(300_000_000), amount: kr(330_000_000) },
  InstalmentNotPositive: { _tag: "InstalmentNotPositive", grantId, due: day("2009-09-01") },
  InstalmentOutsideWindow: { _tag: "InstalmentOutsideWindow", grantId, due: day("2012-09-01"), window },
  BenefitsPlanRequired: { _tag: "BenefitsPlanRequired", grantId, roundId },
  RejectionWithoutReason: { _tag: "RejectionWithoutReason", grantId },
  GrantNotAwarded: { _tag: "GrantNotAwarded", grantId, status: "rejected" },
  DisbursementNotPositive: { _tag: "DisbursementNotPositive", grantId },
  DisbursementExceedsAward: { _tag: "DisbursementExceedsAward", grantId, amount: kr(200_000_000), disbursed: kr(200_000_000), awarded: kr(330_000_000), remaining: kr(130_000_000) },
  PaymentAlreadyRecorded: { _tag: "PaymentAlreadyRecorded", grantId, paymentRef: "UTB-1" },
  BenefitsReportRequiredBeforeTranche: { _tag: "BenefitsReportRequiredBeforeTranche", grantId, tranche: 2 },
  DisbursementOutsideWindow: { _tag: "DisbursementOutsideWindow", grantId, disbursedAt: at("2012-01-02T10:00:00+01:00"), window },
  InvalidPeriod: { _tag: "InvalidPeriod", grantId, period: { from: day("2010-12-31"), to: day("2010-01-01") } },
  OverlappingBenefitsPeriod: { _tag: "OverlappingBenefitsPeriod", grantId, period: { from: day("2010-06-01"), to: day("2010-12-31") }, existing: { from: day("2010-01-01"), to: day("2010-06-30") } },
  EmptyBenefitsReport: { _tag: "EmptyBenefitsReport", grantId },
  BenefitFigureNotInOre: { _tag: "BenefitFigureNotInOre", grantId, index: 0, field: "planned", value: 1.5 },
  ApplicationReceivedAfterDeadline: { _tag: "ApplicationReceivedAfterDeadline", grantId, receivedAt: at("2026-12-04T20:00:00Z"), deadline: at("2009-04-15T23:59:59+02:00") },
  OutOfOrder: { _tag: "OutOfOrder", grantId, field: "awardedAt", at: at("2009-05-01T10:00:00+02:00"), notBefore: at("2009-05-20T10:00:00+02:00") },
  ConditionsAlreadyAccepted: { _tag: "ConditionsAlreadyAccepted", grantId },
  ConditionsNotAccepted: { _tag: "ConditionsNotAccepted", grantId },
  AmendmentBelowPaid: { _tag: "AmendmentBelowPaid", grantId, amount: kr(100_000_000), paidNet: kr(200_000_000) },
  AmendmentChangesNothing: { _tag: "AmendmentChangesNothing", grantId },
  PaymentNotFound: { _tag: "PaymentNotFound", grantId, paymentRef: "UTB-9" },
  ReversalAmountMismatch: { _tag: "ReversalAmountMismatch", grantId, paymentRef: "UTB-1", amount: kr(100_000_000), paid: kr(200_000_000) },
  ReversalBelowOpenClaims: { _tag: "ReversalBelowOpenClaims", grantId, paymentRef: "UTB-1", paidNet: kr(200_000_000), openClaims: kr(150_000_000) },
  AmountNotPositive: { _tag: "AmountNotPositive", grantId, field: "amount" },
  ClaimAlreadyRecorded: { _tag: "ClaimAlreadyRecorded", grantId, claimId: "krav-1" },
  ClaimExceedsPaid: { _tag: "ClaimExceedsPaid", grantId, amount: kr(100_000_000), paidNet: kr(150_000_000), openClaims: kr(60_000_000) },
  ClaimNotFound: { _tag: "ClaimNotFound", grantId, claimId: "krav-9" },
  RepaymentExceedsClaim: { _tag: "RepaymentExceedsClaim", grantId, claimId: "krav-1", amount: kr(70_000_000), outstanding: kr(60_000_000) },
  RenounceAfterPayment: { _tag: "RenounceAfterPayment", grantId, paidNet: kr(50_000_000) },
  NothingToAppeal: { _tag: "NothingToAppeal", grantId, status: "awarded" },
  AppealAlreadyDismissed: { _tag: "AppealAlreadyDismissed", grantId },
  AppealOutOfTime: { _tag: "AppealOutOfTime", grantId, appealedAt: at("2009-08-01T10:00:00+02:00"), decidedAt: at("2009-06-19T12:00:00+02:00"), windowDays: 21, deadline: at("2009-07-10T12:00:00+02:00") },
  NoAppealPending: { _tag: "NoAppealPending", grantId, status: "rejected" },
  EvaluatorHasConflictOfInterest: { _tag: "EvaluatorHasConflictOfInterest", grantId, evaluator: "fagpanel@difi", reason: "board member of the applicant" },
  ConflictAlreadyDeclared: { _tag: "ConflictAlreadyDeclared", grantId, evaluator: "fagpanel@difi" },
  EvaluatorCannotAward: { _tag: "EvaluatorCannotAward", grantId, evaluatedBy: "a@difi", awardedBy: "a@difi" },
  AwarderCannotPay: { _tag: "AwarderCannotPay", grantId, awardedBy: "b@difi", paidBy: "b@difi" },
  RoundAlreadyOpened: { _tag: "RoundAlreadyOpened", roundId },
  RoundNotFound: { _tag: "RoundNotFound", roundId },
  RoundIsClosed: { _tag: "RoundIsClosed", roundId, closedAt: at("2009-04-16T00:00:00+02:00") },
  RoundBudgetNotPositive: { _tag: "RoundBudgetNotPositive", roundId, budget: kr(0) },
  InvalidDisbursementWindow: { _tag: "InvalidDisbursementWindow", roundId, window: { from: day("2011-12-31"), to: day("2009-01-01") } },
  InconsistentPolicy: { _tag: "InconsistentPolicy", roundId, field: "policy.maxGrant", reason: "above the round's budget" },
  AwardExceedsRemainingBudget: { _tag: "AwardExceedsRemainingBudget", roundId, grantId, award: kr(120_000_000), remaining: kr(100_000_000) },
  CommitmentMismatch: { _tag: "CommitmentMismatch", roundId, grantId, committed: kr(330_000_000), award: kr(300_000_000) },
  NoCommitmentToRelease: { _tag: "NoCommitmentToRelease", roundId, grantId },
  BudgetBelowCommitted: { _tag: "BudgetBelowCommitted", roundId, budget: kr(100_000_000), committed: kr(330_000_000) },
  BudgetChangesNothing: { _tag: "BudgetChangesNothing", roundId, budget: kr(2_000_000_000) },
  CarryOverFromOpenRound: { _tag: "CarryOverFromOpenRound", roundId },
  RoundsOfDifferentSchemes: { _tag: "RoundsOfDifferentSchemes", roundId, toRoundId: "other", schemeId: "krisepakke", toSchemeId: undefined },
  CarryOverExceedsRemaining: { _tag: "CarryOverExceedsRemaining", roundId, amount: kr(300_000_000), remaining: kr(200_000_000) },
  InvalidCommand: { _tag: "InvalidCommand", command: "ApplyForGrant", path: "applicant.orgNo", reason: 'expected OrganisationNumber, found "964338532"' },
  ConcurrencyRetriesExhausted: { _tag: "ConcurrencyRetriesExhausted", streamName: "round-krise-2009-1", attempts: 5 },
  WrongExpectedVersion: { _tag: "WrongExpectedVersion", streamName: "grant-ebygg", expected: 3n, actual: 9_007_199_254_740_993n },
  DuplicateEventId: { _tag: "DuplicateEventId", streamName: "grant-ebygg", eventId: "3f1c", existingStreamName: "grant-other", existingRevision: 7n },
  InvalidAppend: { _tag: "InvalidAppend", streamName: "grant-ebygg", reason: "data is not JSON" },
  AccessDenied: { _tag: "AccessDenied", operation: "appendToStream grant-ebygg", reason: "permission denied for table events" },
  StreamDeleted: { _tag: "StreamDeleted", streamName: "grant-ebygg" },
  StreamNotFound: { _tag: "StreamNotFound", streamName: "grant-ebygg" },
  StoreUnavailable: { _tag: "StoreUnavailable", operation: "readAll", reason: "connection refused" },
  StoreClosed: { _tag: "StoreClosed", operation: "readAll" },
  EventDecodeFailed: { _tag: "EventDecodeFailed", streamName: "grant-ebygg", revision: 2n, position: 40n, type: "GrantAwarded", path: "data.amount", reason: "expected Money, found -1" },
  UnexpectedEventInStream: { _tag: "UnexpectedEventInStream", streamName: "grant-ebygg", revision: 9_007_199_254_740_993n, type: "RoundOpened" },
  BrokenHashChain: { _tag: "BrokenHashChain", streamName: "grant-ebygg", revision: 3n, expected: "ab", found: "cd" },
  BusinessTimeInFuture: { _tag: "BusinessTimeInFuture", command: "AwardGrant", field: "data.awardedAt", at: "2999-01-01T10:00:00+01:00", now: "2026-12-04T20:00:00.000Z" },
  CommandIdReused: { _tag: "CommandIdReused", commandId: "award-ebygg", streamName: "grant-ebygg", recordedCommand: "AwardGrant", command: "RejectApplication" },
};

const TAGS = Object.keys(SAMPLES) as LedgerProblemTag[];
// JSON as a client reads it: what a problem holds must survive it unchanged.
const overJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("the ledger's problems (RFC 9457)", () => {
  it("map every tag of the decider and handler unions, each to a type of its own", () => {
    expect(Object.keys(LEDGER_PROBLEMS).sort()).toEqual([...TAGS].sort());
    const types = TAGS.map((tag) => ledgerProblem(SAMPLES[tag]).type);
    expect(new Set(types).size).toBe(TAGS.length);
    for (const type of types) expect(type).toMatch(/^https:\/\/grantledger\.example\/problems\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(TAGS)("%s: its status, title, code, a sentence with its figures, and its fields as JSON keeps them", (tag) => {
    const error = SAMPLES[tag];
    const problem = ledgerProblem(error, { instance: "/grants/ebygg/award" });
    expect(problem).toMatchObject({ type: problemTypeOf(tag), title: problemTitleOf(tag), code: tag, instance: "/grants/ebygg/award" });
    expect([400, 404, 409, 410, 422, 500, 503]).toContain(problem.status);
    expect(problem.detail).toMatch(/^\S.*[.]$/);
    expect(problem.detail).not.toMatch(/undefined|NaN|\[object/);
    // Every figure of the error is a member as JSON carries it: money a number of øre, bigints decimal strings.
    expect(overJson(problem)).toEqual(problem);
    for (const [field, value] of Object.entries(error)) {
      if (field === "_tag" || value === undefined) continue;
      const member = { type: "eventType", status: "grantStatus" }[field] ?? field;
      expect(problem[member]).toEqual(typeof value === "bigint" ? value.toString() : overJson(value));
    }
  });

  it("give the statuses a client acts on", () => {
    const status = (tag: string): number => ledgerProblem(SAMPLES[tag as LedgerProblemTag]).status;
    expect(["GrantAlreadyDecided", "AwardExceedsRemainingBudget", "ConcurrencyRetriesExhausted", "WrongExpectedVersion", "CommandIdReused"].map(status)).toEqual([409, 409, 409, 409, 409]);
    expect(["InvalidCommand", "BusinessTimeInFuture"].map(status)).toEqual([422, 422]);
    expect(["GrantNotFound", "RoundNotFound", "StreamNotFound"].map(status)).toEqual([404, 404, 404]);
    expect(["StoreUnavailable", "StoreClosed"].map(status)).toEqual([503, 503]);
    expect(["EventDecodeFailed", "BrokenHashChain", "AccessDenied"].map(status)).toEqual([500, 500, 500]);
    expect(status("StreamDeleted")).toBe(410);
  });

  it("let the figures choose where they decide: a grant never applied for is not found, one decided otherwise is a conflict", () => {
    expect(ledgerProblem({ _tag: "GrantNotAwarded", grantId, status: "none" })).toMatchObject({ status: 404, grantStatus: "none", detail: "There is no grant ebygg: nobody has applied for it." });
    expect(ledgerProblem(SAMPLES.GrantNotAwarded)).toMatchObject({ status: 409, grantStatus: "rejected", detail: "Grant ebygg is rejected, not awarded." });
    expect(statusOf(LEDGER_PROBLEMS.GrantNotAwarded, SAMPLES.GrantNotAwarded)).toBe(409);
  });

  it("carry the figures in øre and write them in kroner in the sentence", () => {
    expect(ledgerProblem(SAMPLES.AwardExceedsRemainingBudget, { instance: "/grants/stor/award" })).toEqual({
      type: `${DEFAULT_PROBLEM_TYPE_BASE}award-exceeds-remaining-budget`,
      title: "Award exceeds remaining budget",
      status: 409,
      detail: "An award of 1 200 000,00 kr to ebygg is more than the 1 000 000,00 kr left uncommitted in round krise-2009-1.",
      instance: "/grants/stor/award",
      code: "AwardExceedsRemainingBudget",
      roundId,
      grantId,
      award: 120_000_000,
      remaining: 100_000_000,
    });
  });

  it("write bigints as decimal strings, leave undefined fields out, and rename fields named like standard members", () => {
    expect(ledgerProblem(SAMPLES.WrongExpectedVersion)).toMatchObject({ expected: "3", actual: "9007199254740993" });
    expect(ledgerProblem(SAMPLES.UnexpectedEventInStream)).toMatchObject({ eventType: "RoundOpened", revision: "9007199254740993", type: problemTypeOf("UnexpectedEventInStream") });
    expect(ledgerProblem(SAMPLES.RoundsOfDifferentSchemes)).not.toHaveProperty("toSchemeId");
    expect(ledgerProblem(SAMPLES.GrantNotFound)).not.toHaveProperty("instance");
  });

  it("take another type base, and make a service's own errors into problems of the same shape", () => {
    expect(ledgerProblem(SAMPLES.GrantNotFound, { typeBase: "https://tilskudd.example/feil/" }).type).toBe("https://tilskudd.example/feil/grant-not-found");
    expect(problemTitleOf("MalformedJSON")).toBe("Malformed JSON");
    expect(problemTypeOf("MalformedJSON")).toBe(`${DEFAULT_PROBLEM_TYPE_BASE}malformed-json`);
    const tooLarge: { readonly _tag: "BodyTooLarge"; readonly limitBytes: number } = { _tag: "BodyTooLarge", limitBytes: 1_048_576 };
    expect(toProblem(tooLarge, { status: 413, detail: "The body is too large." }, { instance: "/grants" })).toEqual({
      type: `${DEFAULT_PROBLEM_TYPE_BASE}body-too-large`,
      title: "Body too large",
      status: 413,
      detail: "The body is too large.",
      instance: "/grants",
      code: "BodyTooLarge",
      limitBytes: 1_048_576,
    });
  });
});
