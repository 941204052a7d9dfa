import type { LedgerCommandInput } from "@grantledger/core";

/** A command's data as plain JSON, the same input for grantledger and for Emmett. */
export type CommandData<T extends LedgerCommandInput["type"]> = Extract<LedgerCommandInput, { type: T }>["data"];

/** One grant's whole life in the workload: six commands. */
export interface GrantSteps {
  readonly apply: CommandData<"ApplyForGrant">;
  readonly evaluate: CommandData<"EvaluateApplication">;
  readonly award: CommandData<"AwardGrant">;
  readonly disbursements: readonly CommandData<"DisburseGrant">[];
}

export interface FundingRound {
  readonly open: CommandData<"OpenRound">;
  readonly grants: readonly GrantSteps[];
}

/** Commands per grant: apply, evaluate, award, three disbursements. */
export const COMMANDS_PER_GRANT = 6;
const TRANCHES = 3;
const MUNICIPALITIES = [
  ["1201", "Bergen"],
  ["1247", "Askøy"],
  ["0301", "Oslo"],
  ["1103", "Stavanger"],
  ["5001", "Trondheim"],
  ["1902", "Tromsø"],
] as const;

const participantsOf = (n: number): CommandData<"ApplyForGrant">["participants"] => {
  const [first, second] = [MUNICIPALITIES[n % MUNICIPALITIES.length], MUNICIPALITIES[(n + 1) % MUNICIPALITIES.length]];
  return [
    { kind: "municipality", municipalityNo: first?.[0] ?? "1201", name: first?.[1] ?? "Bergen", shareBps: 6000 },
    { kind: "municipality", municipalityNo: second?.[0] ?? "1247", name: second?.[1] ?? "Askøy", shareBps: 4000 },
  ];
};

/**
 * `rounds` funding rounds (the 2009 crisis package's rules, with budget for every grant) of
 * `grantsPerRound` grants each, every grant applied for, evaluated, awarded and paid in three
 * tranches. Made before the timed run, so both sides start from the same plain JSON.
 */
export const fundingRounds = (rounds: number, grantsPerRound: number, tag: string): FundingRound[] =>
  Array.from({ length: rounds }, (_, r) => {
    const roundId = `${tag}-r${r}`;
    const open: CommandData<"OpenRound"> = {
      roundId,
      name: `Krisepakke 2009, runde ${r + 1}`,
      funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
      budget: 9_000_000_000_000,
      policy: { maxShareBps: 2000, eligibleApplicants: ["municipality", "county"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
      applicationDeadline: "2009-04-15T23:59:59+02:00",
      disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
    };
    const grants = Array.from({ length: grantsPerRound }, (__, g): GrantSteps => {
      const n = r * grantsPerRound + g;
      const grantId = `${roundId}-g${g}`;
      const tranche = 1_000_000_00 + (n % 1000) * 100;
      const amount = tranche * TRANCHES;
      return {
        apply: {
          grantId,
          roundId,
          applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
          participants: participantsOf(n),
          project: { title: `Prosjekt ${grantId}` },
          totalCost: amount * 5,
          requested: amount,
          appliedAt: "2009-04-01T10:00:00+02:00",
        },
        evaluate: { grantId, score: 80, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-01T10:00:00+02:00" },
        award: {
          grantId,
          amount,
          disbursementPlan: Array.from({ length: TRANCHES }, (___, t) => ({ due: `${2009 + t}-07-01`, amount: tranche })),
          conditions: ["Rapport innen 2011-12-31"],
          awardedAt: "2009-06-01T10:00:00+02:00",
        },
        disbursements: Array.from({ length: TRANCHES }, (___, t) => ({
          grantId,
          amount: tranche,
          paymentRef: `PAY-${grantId}-${t + 1}`,
          disbursedAt: `${2009 + t}-07-02T09:00:00+02:00`,
        })),
      };
    });
    return { open, grants };
  });
