import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { beforeAll, describe, expect, it } from "vitest";
import { createGrantLedger, decodeRecordedEvent, readAllPages, type GrantLedger } from "@grantledger/core";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { threeSixtyGivingValidator } from "../testkit/threeSixtyGivingSchema.testkit.js";
import { AwardedGrantsCollector } from "./awardedGrants.js";
import { threeSixtyGivingPackage } from "./threeSixtyGiving.js";

interface Transaction {
  readonly id: string;
  readonly value: number;
  readonly transactionDate: string;
  readonly description?: string;
}
interface GrantRecord {
  readonly id: string;
  readonly amountAwarded: number;
  readonly amountDisbursed: number;
  readonly commitmentTransaction: readonly Transaction[];
  readonly disbursementTransaction: readonly Transaction[];
}

const must = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
  return result.right;
};

let n = 0;
const by = () => ({ commandId: `c-${++n}`, actor: "saksbehandler@difi" });

const awardedGrant = async (ledger: GrantLedger, grantId: string, amount: number): Promise<void> => {
  await must(
    ledger.applyForGrant(
      {
        grantId,
        roundId: "krise-2009-1",
        applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
        participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 10_000 }],
        project: { title: `Prosjekt ${grantId}` },
        totalCost: amount * 5,
        requested: amount * 2,
        appliedAt: "2009-04-01T10:00:00+02:00",
      },
      by(),
    ),
  );
  await must(ledger.evaluateApplication({ grantId, score: 80, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-01T10:00:00+02:00" }, by()));
  const plan = [{ due: "2009-07-01", amount: amount / 2 }, { due: "2010-07-01", amount: amount / 2 }];
  await must(ledger.awardGrant({ grantId, amount, disbursementPlan: plan, conditions: [], awardedAt: "2009-06-15T12:00:00+02:00" }, by()));
};

/**
 * a: 500 000 kr awarded, a payment reversed and paid again, raised to 600 000 kr, 100 000 kr
 * claimed back and repaid in two parts, closed. b: awarded and renounced. c: only its plan amended.
 */
const exportStory = async (): Promise<{ grants: GrantRecord[] }> => {
  const store = createMemoryEventStore();
  const ledger = createGrantLedger({ store, historical: HISTORICAL_FIXTURES });
  await must(
    ledger.openRound(
      {
        roundId: "krise-2009-1",
        name: "Krisepakke 2009, runde 1",
        funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
        budget: 2_000_000_000,
        policy: { maxShareBps: 5000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
        applicationDeadline: "2009-04-15T23:59:59+02:00",
        disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
      },
      by(),
    ),
  );
  for (const [grantId, amount] of [["a", 50_000_000], ["b", 30_000_000], ["c", 20_000_000]] as const) await awardedGrant(ledger, grantId, amount);
  const pay = (paymentRef: string, amount: number, disbursedAt: string) => must(ledger.disburseGrant({ grantId: "a", paymentRef, amount, disbursedAt }, by()));
  await pay("P-1", 25_000_000, "2009-07-02T09:00:00+02:00");
  await must(ledger.reverseDisbursement({ grantId: "a", paymentRef: "P-1", amount: 25_000_000, reason: "Feil mottakerkonto", reversedAt: "2009-07-03T09:00:00+02:00" }, by()));
  await pay("P-1", 25_000_000, "2009-07-04T09:00:00+02:00");
  const plan = [{ due: "2009-07-01", amount: 25_000_000 }, { due: "2010-07-01", amount: 35_000_000 }];
  await must(ledger.amendAward({ grantId: "a", amount: 60_000_000, disbursementPlan: plan, reason: "Askøy er med", amendedAt: "2009-08-01T12:00:00+02:00" }, by()));
  await pay("P-2", 35_000_000, "2010-07-02T09:00:00+02:00");
  await must(ledger.claimRepayment({ grantId: "a", claimId: "K-1", amount: 10_000_000, reason: "Ikke brukt etter formålet", claimedAt: "2010-09-01T12:00:00+02:00" }, by()));
  await must(ledger.recordRepayment({ grantId: "a", claimId: "K-1", amount: 4_000_000, receivedAt: "2010-10-01T12:00:00+02:00" }, by()));
  await must(ledger.recordRepayment({ grantId: "a", claimId: "K-1", amount: 6_000_000, receivedAt: "2010-11-01T12:00:00+01:00" }, by()));
  await must(ledger.closeGrant({ grantId: "a", finalReport: { summary: "I drift" }, closedAt: "2011-01-01T12:00:00+01:00" }, by()));
  await must(ledger.renounceAward({ grantId: "b", reason: "Prosjektet er lagt ned", renouncedAt: "2009-07-01T12:00:00+02:00" }, by()));
  const replanned = [{ due: "2009-09-01", amount: 20_000_000 }];
  await must(ledger.amendAward({ grantId: "c", amount: 20_000_000, disbursementPlan: replanned, reason: "Alt i én utbetaling", amendedAt: "2009-08-01T12:00:00+02:00" }, by()));

  const collector = new AwardedGrantsCollector();
  for await (const recorded of readAllPages(store)) {
    const decoded = decodeRecordedEvent(recorded);
    if (E.isLeft(decoded)) throw new Error(decoded.left.reason);
    collector.add(decoded.right.event);
  }
  const exported = threeSixtyGivingPackage(collector.result());
  const validate = threeSixtyGivingValidator();
  expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
  return exported as unknown as { grants: GrantRecord[] };
};

const sum = (transactions: readonly Transaction[]): number => transactions.reduce((total, t) => total + t.value, 0);

describe("the 360Giving export of a grant's whole life", () => {
  let grants: GrantRecord[];
  beforeAll(async () => {
    ({ grants } = await exportStory());
  });

  it("leaves out a renounced award", () => {
    expect(grants.map((grant) => grant.id)).toEqual(["360G-NO-BRC-991825827-a", "360G-NO-BRC-991825827-c"]);
  });

  it("reports the award as amended and what was paid net of reversals and repayments, in NOK", () => {
    expect(grants[0]).toMatchObject({ amountAwarded: 600_000, amountDisbursed: 500_000 });
    expect(grants[1]).toMatchObject({ amountAwarded: 200_000, amountDisbursed: 0, disbursementTransaction: [] });
  });

  it("gives every payment, reversal and repayment a disbursement transaction of its own, with unique ids", () => {
    expect(grants[0]?.disbursementTransaction).toEqual([
      { id: "a-P-1", transactionDate: "2009-07-02T09:00:00+02:00", currency: "NOK", value: 250_000 },
      { id: "a-P-1-reversal", transactionDate: "2009-07-03T09:00:00+02:00", currency: "NOK", value: -250_000, description: "Payment P-1 reversed: Feil mottakerkonto" },
      { id: "a-P-1-2", transactionDate: "2009-07-04T09:00:00+02:00", currency: "NOK", value: 250_000 },
      { id: "a-P-2", transactionDate: "2010-07-02T09:00:00+02:00", currency: "NOK", value: 350_000 },
      { id: "a-K-1-repayment", transactionDate: "2010-10-01T12:00:00+02:00", currency: "NOK", value: -40_000, description: "Repaid against claim K-1: Ikke brukt etter formålet" },
      { id: "a-K-1-repayment-2", transactionDate: "2010-11-01T12:00:00+01:00", currency: "NOK", value: -60_000, description: "Repaid against claim K-1: Ikke brukt etter formålet" },
    ]);
  });

  it("gives the award and each amendment of its amount a commitment transaction; a new plan alone has none", () => {
    expect(grants[0]?.commitmentTransaction).toEqual([
      { id: "a-award", transactionDate: "2009-06-15T12:00:00+02:00", currency: "NOK", value: 500_000, description: "Award" },
      { id: "a-amendment-1", transactionDate: "2009-08-01T12:00:00+02:00", currency: "NOK", value: 100_000, description: "Award amended from 500000 to 600000 NOK: Askøy er med" },
    ]);
    expect(grants[1]?.commitmentTransaction.map((t) => t.id)).toEqual(["c-award"]);
  });

  it("makes each amount the sum of its transactions, as the standard asks", () => {
    for (const grant of grants) {
      expect(sum(grant.commitmentTransaction)).toBe(grant.amountAwarded);
      expect(sum(grant.disbursementTransaction)).toBe(grant.amountDisbursed);
      expect(new Set(grant.disbursementTransaction.map((t) => t.id)).size).toBe(grant.disbursementTransaction.length);
    }
  });
});
