import type { LedgerCommandInput } from "@grantledger/core";

/**
 * What a caller may do, as the `roles` claim of its token says. A case officer handles the
 * case; an approver decides it (and the rounds' money); a payer moves money; an auditor reads.
 * Every valid token may read, so `auditor` gives no command at all: it is named so that a token
 * for an auditor is a token for someone, not a mistake.
 */
export type Role = "case-officer" | "approver" | "payer" | "auditor";

/** Every role, as the claim spells it. A role the service does not know is ignored. */
export const ROLES: readonly Role[] = ["case-officer", "approver", "payer", "auditor"];

/** The claim of a token that holds its roles: an array of strings. */
export const ROLES_CLAIM = "roles";

/**
 * The one role that may give each command. Keyed by every command type, so a command added to
 * the ledger is a compile error here until someone decides who may give it.
 *
 * - A case officer records what comes in and the case work: applications, conflicts of interest,
 *   evaluations, withdrawals, appeals lodged, the recipient's acceptance, benefits reports.
 * - An approver makes the decisions and holds the rounds' money: opening, adjusting, carrying
 *   over and closing rounds; award, rejection, dismissal, amendment, the appeal's outcome, the
 *   renouncing and the closing of a grant (each gives money back to or takes it from a round).
 * - A payer moves money: payments, their reversal, repayment claims and repayments received.
 *
 * A caller with several roles may give the commands of each; the ledger's separation of duties
 * (where a round's policy asks for it) still refuses the one who evaluated the award, and the
 * one who awarded the payment.
 */
export const COMMAND_ROLES: Readonly<Record<LedgerCommandInput["type"], Exclude<Role, "auditor">>> = {
  ApplyForGrant: "case-officer",
  DeclareConflictOfInterest: "case-officer",
  EvaluateApplication: "case-officer",
  WithdrawApplication: "case-officer",
  AppealDecision: "case-officer",
  AcceptConditions: "case-officer",
  ReportBenefits: "case-officer",
  OpenRound: "approver",
  AdjustRoundBudget: "approver",
  CarryOverFunds: "approver",
  CloseRound: "approver",
  AwardGrant: "approver",
  RejectApplication: "approver",
  DismissApplication: "approver",
  UpholdAppeal: "approver",
  DismissAppeal: "approver",
  AmendAward: "approver",
  RenounceAward: "approver",
  CloseGrant: "approver",
  DisburseGrant: "payer",
  ReverseDisbursement: "payer",
  ClaimRepayment: "payer",
  RecordRepayment: "payer",
};

/** Whether a caller holding `roles` may give a command of type `command`. */
export const mayGive = (roles: ReadonlySet<Role>, command: LedgerCommandInput["type"]): boolean => roles.has(COMMAND_ROLES[command]);

/** The known roles among a claim's values, or `undefined` if the claim is not an array of strings. */
export const rolesOf = (claim: unknown): ReadonlySet<Role> | undefined => {
  if (claim === undefined) return new Set();
  if (!Array.isArray(claim) || !claim.every((role) => typeof role === "string")) return undefined;
  return new Set(ROLES.filter((role) => claim.includes(role)));
};
