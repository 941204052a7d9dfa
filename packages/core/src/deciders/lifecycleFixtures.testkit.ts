import type { GrantEvent } from "../events/grantEvents.js";
import type {
  AppealDismissed,
  AppealUpheld,
  ApplicationDismissed,
  ApplicationWithdrawn,
  AwardRenounced,
  ConditionsAccepted,
  ConflictOfInterestDeclared,
  DecisionAppealed,
  DisbursementReversed,
  GrantClosed,
  RepaymentClaimed,
  RepaymentReceived,
} from "../events/grantLifecycleEvents.js";
import type { RoundEvent } from "../events/roundEvents.js";
import type { Money } from "../values/money.js";
import type {
  AcceptConditions,
  AdjustRoundBudget,
  AmendAward,
  AppealDecision,
  CarryOverFunds,
  ClaimRepayment,
  CloseGrant,
  DeclareConflictOfInterest,
  DismissAppeal,
  DismissApplication,
  RecordRepayment,
  RenounceAward,
  ReverseDisbursement,
  UpholdAppeal,
  WithdrawApplication,
} from "./commands.js";
import { BERGEN_2009, CRISIS_2009, at, id, text } from "./fixtures.testkit.js";

/*
 * The test data of a grant's life after (and around) its decision, on Bergen's 2009 grant
 * unless told otherwise: the award of 2009-05-10, its payments from June 2009. Each builder takes
 * the fields its rule is about as overrides; events are built from the data their command gives
 * plus what the decider derives (a round, a previous amount, what is unpaid).
 */

// --- Acceptance of the conditions --------------------------------------------------------------

export type Acceptance = ConditionsAccepted["data"];
export const acceptance = (overrides: Partial<Acceptance> = {}): Acceptance => ({
  grantId: BERGEN_2009,
  acceptedBy: text("Rådmannen i Bergen"),
  acceptedAt: at("2009-05-14T09:00:00+02:00"),
  ...overrides,
});
export const acceptConditions = (data: Acceptance): AcceptConditions => ({ type: "AcceptConditions", data });
export const conditionsAccepted = (data: Acceptance): GrantEvent => ({ type: "ConditionsAccepted", data });

// --- Amendments ---------------------------------------------------------------------------------

export type Amendment = AmendAward["data"];
export const amendment = (amount: Money, disbursementPlan: Amendment["disbursementPlan"], overrides: Partial<Amendment> = {}): Amendment => ({
  grantId: BERGEN_2009,
  amount,
  disbursementPlan,
  reason: text("Prosjektet er utvidet med en fjerde kommune"),
  amendedAt: at("2009-09-01T10:00:00+02:00"),
  ...overrides,
});
export const amend = (data: Amendment): AmendAward => ({ type: "AmendAward", data });
export const awardAmended = (data: Amendment, previousAmount: Money, roundId: string = CRISIS_2009): GrantEvent => ({
  type: "AwardAmended",
  data: { grantId: data.grantId, roundId: id(roundId), previousAmount, amount: data.amount, disbursementPlan: data.disbursementPlan, reason: data.reason, amendedAt: data.amendedAt },
});

// --- Reversals and repayments -------------------------------------------------------------------

export type Reversal = DisbursementReversed["data"];
export const reversal = (paymentRef: string, amount: Money, overrides: Partial<Reversal> = {}): Reversal => ({
  grantId: BERGEN_2009,
  paymentRef: text(paymentRef),
  amount,
  reason: text("Utbetalt til feil konto"),
  reversedAt: at("2009-06-15T10:00:00+02:00"),
  ...overrides,
});
export const reverse = (data: Reversal): ReverseDisbursement => ({ type: "ReverseDisbursement", data });
export const reversed = (data: Reversal): GrantEvent => ({ type: "DisbursementReversed", data });

export type Claim = RepaymentClaimed["data"];
export const claim = (claimId: string, amount: Money, overrides: Partial<Claim> = {}): Claim => ({
  grantId: BERGEN_2009,
  claimId: id(claimId),
  amount,
  reason: text("Vilkåret om egenandel er ikke fulgt"),
  claimedAt: at("2009-10-01T10:00:00+02:00"),
  ...overrides,
});
export const claimRepayment = (data: Claim): ClaimRepayment => ({ type: "ClaimRepayment", data });
export const repaymentClaimed = (data: Claim): GrantEvent => ({ type: "RepaymentClaimed", data });

export type Repayment = RepaymentReceived["data"];
export const repayment = (claimId: string, amount: Money, overrides: Partial<Repayment> = {}): Repayment => ({
  grantId: BERGEN_2009,
  claimId: id(claimId),
  amount,
  receivedAt: at("2009-11-02T10:00:00+01:00"),
  ...overrides,
});
export const recordRepayment = (data: Repayment): RecordRepayment => ({ type: "RecordRepayment", data });
export const repaymentReceived = (data: Repayment): GrantEvent => ({ type: "RepaymentReceived", data });

// --- Closing, withdrawing, renouncing -----------------------------------------------------------

export type Closing = CloseGrant["data"];
export const closing = (overrides: Partial<Closing> = {}): Closing => ({
  grantId: BERGEN_2009,
  finalReport: { summary: text("Innbyggerportalen er i drift i alle tre kommuner") },
  closedAt: at("2010-11-30T12:00:00+01:00"),
  ...overrides,
});
export const closeGrant = (data: Closing): CloseGrant => ({ type: "CloseGrant", data });
export const grantClosed = (data: Closing, unpaid: Money, roundId: string = CRISIS_2009): GrantEvent => ({
  type: "GrantClosed",
  data: { grantId: data.grantId, roundId: id(roundId), finalReport: data.finalReport, unpaid, closedAt: data.closedAt },
} satisfies GrantClosed);

export type Withdrawal = ApplicationWithdrawn["data"];
export const withdrawal = (overrides: Partial<Withdrawal> = {}): Withdrawal => ({
  grantId: BERGEN_2009,
  reason: text("Kommunene finansierer prosjektet selv"),
  withdrawnAt: at("2009-04-20T10:00:00+02:00"),
  ...overrides,
});
export const withdraw = (data: Withdrawal): WithdrawApplication => ({ type: "WithdrawApplication", data });
export const withdrawn = (data: Withdrawal): GrantEvent => ({ type: "ApplicationWithdrawn", data });

export type Renouncing = RenounceAward["data"];
export const renouncing = (overrides: Partial<Renouncing> = {}): Renouncing => ({
  grantId: BERGEN_2009,
  reason: text("Prosjektet er lagt ned"),
  renouncedAt: at("2009-05-20T10:00:00+02:00"),
  ...overrides,
});
export const renounce = (data: Renouncing): RenounceAward => ({ type: "RenounceAward", data });
export const renounced = (data: Renouncing, roundId: string = CRISIS_2009): GrantEvent => ({
  type: "AwardRenounced",
  data: { grantId: data.grantId, roundId: id(roundId), reason: data.reason, renouncedAt: data.renouncedAt },
} satisfies AwardRenounced);

// --- Dismissal and appeal -----------------------------------------------------------------------

export type Dismissal = ApplicationDismissed["data"];
export const dismissal = (overrides: Partial<Dismissal> = {}): Dismissal => ({
  grantId: BERGEN_2009,
  reason: text("Søknaden mangler samarbeidsavtale mellom kommunene"),
  dismissedAt: at("2009-04-25T12:00:00+02:00"),
  ...overrides,
});
export const dismiss = (data: Dismissal): DismissApplication => ({ type: "DismissApplication", data });
export const dismissed = (data: Dismissal): GrantEvent => ({ type: "ApplicationDismissed", data });

export type Appeal = DecisionAppealed["data"];
/** An appeal of Bergen's rejection of 2009-05-05 12:00, by default ten days after it. */
export const appeal = (overrides: Partial<Appeal> = {}): Appeal => ({
  grantId: BERGEN_2009,
  grounds: text("Prosjektet er innenfor ordningen: se punkt 3 i utlysningen"),
  appealedAt: at("2009-05-15T12:00:00+02:00"),
  ...overrides,
});
export const appealDecision = (data: Appeal): AppealDecision => ({ type: "AppealDecision", data });
export const appealed = (data: Appeal): GrantEvent => ({ type: "DecisionAppealed", data });

export type AppealDecided = AppealUpheld["data"] & AppealDismissed["data"];
export const appealDecided = (overrides: Partial<AppealDecided> = {}): AppealDecided => ({
  grantId: BERGEN_2009,
  reason: text("Klagen er vurdert av klageinstansen"),
  decidedAt: at("2009-06-01T12:00:00+02:00"),
  ...overrides,
});
export const upholdAppeal = (data: AppealDecided): UpholdAppeal => ({ type: "UpholdAppeal", data });
export const appealUpheld = (data: AppealDecided): GrantEvent => ({ type: "AppealUpheld", data });
export const dismissAppeal = (data: AppealDecided): DismissAppeal => ({ type: "DismissAppeal", data });
export const appealDismissed = (data: AppealDecided): GrantEvent => ({ type: "AppealDismissed", data });

// --- Conflicts of interest ----------------------------------------------------------------------

export type ConflictDeclaration = ConflictOfInterestDeclared["data"];
export const conflict = (evaluator: string, overrides: Partial<ConflictDeclaration> = {}): ConflictDeclaration => ({
  grantId: BERGEN_2009,
  evaluator: text(evaluator),
  reason: text("Gift med prosjektlederen i Bergen kommune"),
  declaredAt: at("2009-04-20T09:00:00+02:00"),
  ...overrides,
});
export const declareConflict = (data: ConflictDeclaration): DeclareConflictOfInterest => ({ type: "DeclareConflictOfInterest", data });
export const conflictDeclared = (data: ConflictDeclaration): GrantEvent => ({ type: "ConflictOfInterestDeclared", data });

// --- Round budgets and carry-overs --------------------------------------------------------------

export type BudgetAdjustment = AdjustRoundBudget["data"];
export const budgetAdjustment = (roundId: string, budget: Money, overrides: Partial<BudgetAdjustment> = {}): BudgetAdjustment => ({
  roundId: id(roundId),
  budget,
  reason: text("Revidert nasjonalbudsjett 2009"),
  adjustedAt: at("2009-06-19T12:00:00+02:00"),
  ...overrides,
});
export const adjustBudget = (data: BudgetAdjustment): AdjustRoundBudget => ({ type: "AdjustRoundBudget", data });
export const budgetAdjusted = (data: BudgetAdjustment, previousBudget: Money): RoundEvent => ({ type: "RoundBudgetAdjusted", data: { ...data, previousBudget } });

export type CarryOver = CarryOverFunds["data"];
export const carryOver = (roundId: string, toRoundId: string, amount: Money, carriedAt = "2009-09-01T12:00:00+02:00"): CarryOverFunds => ({
  type: "CarryOverFunds",
  data: { roundId: id(roundId), toRoundId: id(toRoundId), amount, carriedAt: at(carriedAt) },
});
export const fundsCarriedOver = (command: CarryOverFunds): RoundEvent => ({ type: "FundsCarriedOver", data: command.data });
export const fundsCarriedIn = (command: CarryOverFunds): RoundEvent => ({
  type: "FundsCarriedIn",
  data: { roundId: command.data.toRoundId, fromRoundId: command.data.roundId, amount: command.data.amount, carriedAt: command.data.carriedAt },
});
