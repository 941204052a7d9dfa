import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import * as E from "fp-ts/lib/Either.js";
import { v4 } from "uuid";
import { createGrantLedger } from "@grantledger/core";
import type { EventStore, LedgerCommandInput } from "@grantledger/core";

/** What {@link recordLedgerHistory} wrote: its round, its grants, and where it ended. */
export interface LedgerHistory {
  readonly roundId: string;
  readonly grantIds: readonly string[];
  /** The global position of the last event it wrote. */
  readonly last: bigint;
}

const REQUESTED = 100_000_00;

/** A round of the 2009 crisis package: 20 % of each project, municipalities and counties apply. */
const openRound = (roundId: string): LedgerCommandInput => ({
  type: "OpenRound",
  data: {
    roundId,
    name: "Krisepakke 2009, kontraktrunde",
    funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
    budget: 2_000_000_000,
    policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
    applicationDeadline: "2009-04-15T23:59:59+02:00",
    disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
  },
});

// Every other grant has a county among its participants, so amounts split three ways too.
const participantsOf = (index: number) =>
  index % 2 === 0
    ? [
        { kind: "municipality" as const, municipalityNo: "1201", name: "Bergen", shareBps: 6000 },
        { kind: "municipality" as const, municipalityNo: "1247", name: "Askøy", shareBps: 4000 },
      ]
    : [
        { kind: "municipality" as const, municipalityNo: "1201", name: "Bergen", shareBps: 3333 },
        { kind: "municipality" as const, municipalityNo: "1219", name: "Bømlo", shareBps: 3334 },
        { kind: "county" as const, countyNo: "12", name: "Hordaland", shareBps: 3333 },
      ];

/**
 * One grant's life: applied and evaluated, then by turns awarded, paid half and reported on;
 * awarded in full; or rejected.
 */
const grantLife = (roundId: string, grantId: string, index: number): LedgerCommandInput[] => {
  const requested = REQUESTED + index * 117;
  const applied: LedgerCommandInput[] = [
    {
      type: "ApplyForGrant",
      data: {
        grantId,
        roundId,
        applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
        participants: participantsOf(index),
        project: { title: `Kontraktprosjekt ${index}` },
        totalCost: requested * 5,
        requested,
        appliedAt: "2009-04-01T10:00:00+02:00",
      },
    },
    { type: "EvaluateApplication", data: { grantId, score: 70, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-01T10:00:00+02:00" } },
  ];
  if (index % 3 === 2) return [...applied, { type: "RejectApplication", data: { grantId, reason: "Svak gevinstplan", rejectedAt: "2009-05-20T10:00:00+02:00" } }];
  const amount = index % 3 === 0 ? Math.floor(requested * 0.8) : requested;
  const award: LedgerCommandInput = {
    type: "AwardGrant",
    data: { grantId, amount, disbursementPlan: [{ due: "2009-07-01", amount }], conditions: ["Rapport innen 2010-12-31"], awardedAt: "2009-06-01T10:00:00+02:00" },
  };
  if (index % 3 === 1) return [...applied, award];
  const benefits = [{ category: "cost-saving" as const, description: "Sparte lisenser", unit: "NOK", actual: 12_500_00 + index, owner: "Rådmann" }];
  return [
    ...applied,
    award,
    { type: "DisburseGrant", data: { grantId, amount: Math.floor(amount / 2), paymentRef: `${grantId}-1`, disbursedAt: "2009-08-01T10:00:00+02:00" } },
    { type: "ReportBenefits", data: { grantId, period: { from: "2009-01-01", to: "2009-12-31" }, benefits, reportedAt: "2010-02-01T10:00:00+01:00" } },
  ];
};

/** A round id no other test or run uses; its grants are `<roundId>-g0`, `<roundId>-g1`, … */
export const uniqueRoundId = (): string => `contract-${v4()}`;

/**
 * Writes, through the command handler, round `roundId` and `grants` grants in it, failing on any
 * refusal. Grant `gN` is awarded, paid half and reported on when N % 3 is 0, awarded in full
 * when it is 1, and rejected when it is 2. Ids are new (see {@link uniqueRoundId}), so a shared
 * store will do.
 */
export const recordLedgerHistory = async (store: EventStore, grants: number, roundId: string = uniqueRoundId()): Promise<LedgerHistory> => {
  const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
  const grantIds = Array.from({ length: grants }, (_, index) => `${roundId}-g${index}`);
  const commands = [openRound(roundId), ...grantIds.flatMap((grantId, index) => grantLife(roundId, grantId, index))];
  for (const command of commands) {
    const handled = await ledger.execute(command, { commandId: v4(), actor: "contract-suite" })();
    if (E.isLeft(handled)) throw new Error(`the contract's ledger history was refused at ${command.type}: ${handled.left._tag}`);
  }
  let last = -1n;
  for (const streamName of [`round-${roundId}`, ...grantIds.map((grantId) => `grant-${grantId}`)]) {
    const head = await store.readStream(streamName, { direction: "backwards", maxCount: 1 })();
    if (E.isLeft(head)) throw new Error(`the contract's ledger history cannot be read back: ${head.left._tag}`);
    for (const event of head.right) if (event.position > last) last = event.position;
  }
  return { roundId, grantIds, last };
};
