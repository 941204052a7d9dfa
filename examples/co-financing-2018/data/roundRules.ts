import { nok, type LedgerCommandInput, type Money } from "@grantledger/core";

type OpenRoundData = Extract<LedgerCommandInput, { type: "OpenRound" }>["data"];

/** The round's budget: 120 MNOK (real: "Difi skal i 2018 dele ut 120 millioner"). */
export const BUDGET: Money = nok(120_000_000);

/**
 * The scheme's rules as the ledger's policy. Real: up to 50 % of the project cost, at most
 * 15 MNOK per project, projects of 5-50 MNOK, state agencies only, a binding benefits-realisation
 * plan. That each tranche after the first waits for a benefits report is the design notes'
 * reading of the scheme; the example follows it.
 */
export const POLICY: OpenRoundData["policy"] = {
  maxShareBps: 5000,
  maxGrant: nok(15_000_000),
  minProjectCost: nok(5_000_000),
  maxProjectCost: nok(50_000_000),
  eligibleApplicants: ["state-agency"],
  requiresBenefitsPlan: true,
  reportBeforeNextTranche: true,
};
