import type { LedgerCommandInput, LedgerError } from "@grantledger/core";

/** The plain-JSON data of the ledger command `T`, as a caller hands it in (øre as numbers, dates as strings). */
export type CommandData<T extends LedgerCommandInput["type"]> = Extract<LedgerCommandInput, { type: T }>["data"];

/**
 * One command of the seeding, with everything needed to give it: a readable key (the command id
 * derives from it), the business time it happens at, who gives it, and the process it belongs to.
 */
export interface SeedStep {
  /** Readable and unique, such as `apply/nav-sykefravaer` or `disburse/nav-sykefravaer/2`. */
  readonly key: string;
  /** When it happens, ISO-8601 with zone; the steps run in this order. */
  readonly at: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly command: LedgerCommandInput;
  /**
   * Set on a command that breaks a rule on purpose, to show the ledger refusing it: the typed
   * error expected. Seeding fails if the ledger accepts the command or refuses it otherwise.
   */
  readonly expectRefusal?: LedgerError["_tag"];
}

/** Who gives which commands. Difi's roles are illustrative; applicants act as themselves. */
export const ACTORS = {
  programme: "difi:programme-owner",
  evaluators: "difi:evaluation-panel",
  decisions: "difi:grant-officer",
  payments: "difi:finance",
} as const;
