import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { GrantDecisionError } from "./grantDecider.js";
import type { RoundError } from "./roundErrors.js";

/*
 * Every error tag the deciders can return is asserted by at least one spec. The records below
 * must name every tag (the compiler refuses a missing or unknown one), so a new rule with a new
 * tag fails here until a spec asserts it with `thenFails("Tag", ...)`.
 */

/**
 * Which deciders return a round rule's tag, so which specs must assert it: the round decider's,
 * the grant decider's (it checks the round's deadline, closing and budget for an award or an
 * amendment itself), or both. `CommitmentMismatch` is the grant decider's alone: whether what a
 * round holds for a grant is a retried command's is decided against the grant, not the round.
 */
type DecidedBy = "round" | "grant" | "both";

const ROUND_TAGS: Record<RoundError["_tag"], DecidedBy> = {
  RoundAlreadyOpened: "round",
  RoundNotFound: "both",
  RoundIsClosed: "both",
  RoundBudgetNotPositive: "round",
  InvalidDisbursementWindow: "round",
  InconsistentPolicy: "round",
  AwardExceedsRemainingBudget: "both",
  CommitmentMismatch: "grant",
  NoCommitmentToRelease: "round",
  BudgetBelowCommitted: "round",
  BudgetChangesNothing: "round",
  CarryOverFromOpenRound: "round",
  RoundsOfDifferentSchemes: "round",
  CarryOverExceedsRemaining: "round",
};

const GRANT_TAGS: Record<Exclude<GrantDecisionError["_tag"], RoundError["_tag"]>, true> = {
  GrantAlreadyApplied: true,
  ApplicationAfterDeadline: true,
  ApplicantNotEligible: true,
  RequestedAmountNotPositive: true,
  RequestExceedsShareCap: true,
  RequestExceedsMaxGrant: true,
  ProjectCostBelowMinimum: true,
  ProjectCostAboveMaximum: true,
  NoParticipants: true,
  DuplicateParticipant: true,
  ParticipantWithoutShare: true,
  ParticipantSharesNotWhole: true,
  GrantNotFound: true,
  GrantAlreadyEvaluated: true,
  GrantAlreadyDecided: true,
  RecommendedAmountExceedsRequest: true,
  GrantNotEvaluated: true,
  AwardNotPositive: true,
  AwardExceedsRequest: true,
  AwardExceedsShareCap: true,
  AwardExceedsMaxGrant: true,
  DisbursementPlanMismatch: true,
  InstalmentNotPositive: true,
  InstalmentOutsideWindow: true,
  BenefitsPlanRequired: true,
  RejectionWithoutReason: true,
  GrantNotAwarded: true,
  DisbursementNotPositive: true,
  DisbursementExceedsAward: true,
  PaymentAlreadyRecorded: true,
  BenefitsReportRequiredBeforeTranche: true,
  DisbursementOutsideWindow: true,
  InvalidPeriod: true,
  OverlappingBenefitsPeriod: true,
  EmptyBenefitsReport: true,
  BenefitFigureNotInOre: true,
  // around and after the decision (lifecycleErrors.ts)
  OutOfOrder: true,
  ApplicationReceivedAfterDeadline: true,
  ConditionsAlreadyAccepted: true,
  ConditionsNotAccepted: true,
  AmendmentBelowPaid: true,
  AmendmentChangesNothing: true,
  PaymentNotFound: true,
  ReversalAmountMismatch: true,
  ReversalBelowOpenClaims: true,
  AmountNotPositive: true,
  ClaimAlreadyRecorded: true,
  ClaimExceedsPaid: true,
  ClaimNotFound: true,
  RepaymentExceedsClaim: true,
  RenounceAfterPayment: true,
  NothingToAppeal: true,
  AppealAlreadyDismissed: true,
  AppealOutOfTime: true,
  NoAppealPending: true,
  EvaluatorHasConflictOfInterest: true,
  ConflictAlreadyDeclared: true,
  EvaluatorCannotAward: true,
  AwarderCannotPay: true,
};

const here = fileURLToPath(new URL(".", import.meta.url));
const asserted = (files: readonly string[]): Set<string> => {
  const tags = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(`${here}${file}`, "utf8").matchAll(/thenFails\(\s*"(\w+)"/g)) tags.add(match[1] ?? "");
  }
  return tags;
};

describe("every error tag is asserted by a spec", () => {
  const specs = readdirSync(here).filter((file) => file.endsWith(".test.ts") && file !== "errorCoverage.test.ts");
  const roundSpecs = specs.filter((file) => file.startsWith("roundDecider"));
  const grantSpecs = specs.filter((file) => file.startsWith("grantDecider"));

  it("by the round decider's specs", () => {
    const roundSide = Object.entries(ROUND_TAGS).flatMap(([tag, by]) => (by === "grant" ? [] : [tag]));
    const missing = roundSide.filter((tag) => !asserted(roundSpecs).has(tag));
    expect(missing).toEqual([]);
  });

  it("by the grant decider's specs, including the round's rules it enforces", () => {
    const grantSide = Object.entries(ROUND_TAGS).flatMap(([tag, by]) => (by === "round" ? [] : [tag]));
    const missing = [...Object.keys(GRANT_TAGS), ...grantSide].filter((tag) => !asserted(grantSpecs).has(tag));
    expect(missing).toEqual([]);
  });
});
