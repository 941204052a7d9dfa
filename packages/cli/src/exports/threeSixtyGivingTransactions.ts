import { transactionValue, type AwardedGrant, type GrantTransaction } from "./awardedGrants.js";

/** Øre as NOK for a JSON number: exact in decimal for every amount below 2^53 øre. */
export const nok = (ore: number): number => ore / 100;

/** A 360Giving transaction, money in NOK: negative for what goes back to the funder. */
interface Transaction {
  readonly id: string;
  readonly transactionDate: string;
  readonly currency: "NOK";
  readonly value: number;
  readonly description?: string;
}

/**
 * The ids given, each made unique within the grant: the first keeps its own, a repeat gets
 * `-2`, `-3`… (a payment reference can be paid again once its first payment is reversed).
 */
const uniquely = (transactions: readonly Transaction[]): Transaction[] => {
  const seen = new Map<string, number>();
  return transactions.map((transaction) => {
    const count = (seen.get(transaction.id) ?? 0) + 1;
    seen.set(transaction.id, count);
    return count === 1 ? transaction : { ...transaction, id: `${transaction.id}-${count}` };
  });
};

const disbursement = (grantId: string, transaction: GrantTransaction): Transaction => {
  const value = nok(transactionValue(transaction));
  switch (transaction.kind) {
    case "payment": {
      const { paymentRef, disbursedAt } = transaction.payment;
      return { id: `${grantId}-${paymentRef}`, transactionDate: disbursedAt, currency: "NOK", value };
    }
    case "reversal": {
      const { paymentRef, reason, reversedAt } = transaction.reversal;
      return { id: `${grantId}-${paymentRef}-reversal`, transactionDate: reversedAt, currency: "NOK", value, description: `Payment ${paymentRef} reversed: ${reason}` };
    }
    case "repayment": {
      const { claimId, receivedAt } = transaction.repayment;
      const description = `Repaid against claim ${claimId}: ${transaction.claim.reason}`;
      return { id: `${grantId}-${claimId}-repayment`, transactionDate: receivedAt, currency: "NOK", value, description };
    }
  }
};

/**
 * Every payment, reversal and repayment as a disbursement transaction, in recorded order: a
 * payment positive, a reversal or repayment negative, so they sum to `amountDisbursed`.
 */
export const disbursementTransactions = (grant: AwardedGrant): Transaction[] =>
  uniquely(grant.transactions.map((transaction) => disbursement(grant.applied.grantId, transaction)));

/**
 * The award and each amendment that changed its amount (by the change, up or down) as
 * commitment transactions, so they sum to `amountAwarded`. An amendment of the plan alone
 * commits nothing and has none.
 */
export const commitmentTransactions = (grant: AwardedGrant): Transaction[] => {
  const { grantId, amount, awardedAt } = grant.awarded;
  const award: Transaction = { id: `${grantId}-award`, transactionDate: awardedAt, currency: "NOK", value: nok(amount), description: "Award" };
  const amendments = grant.amendments.flatMap((amended, index): Transaction[] =>
    amended.amount === amended.previousAmount
      ? []
      : [
          {
            id: `${grantId}-amendment-${index + 1}`,
            transactionDate: amended.amendedAt,
            currency: "NOK",
            value: nok(amended.amount - amended.previousAmount),
            description: `Award amended from ${nok(amended.previousAmount)} to ${nok(amended.amount)} NOK: ${amended.reason}`,
          },
        ],
  );
  return [award, ...amendments];
};
