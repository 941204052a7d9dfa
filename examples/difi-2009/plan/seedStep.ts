import type { LedgerCommandInput } from "@grantledger/core";

/**
 * One command of the seeding, with everything needed to give it: a readable key (which the
 * command id derives from), the business time it happens at, who gives it, and the process it
 * belongs to.
 */
export interface SeedStep {
  /** Readable and unique, such as `apply/ebygg` or `disburse/ebygg/2`. */
  readonly key: string;
  /** When it happens, ISO-8601 with zone; the steps run in this order. */
  readonly at: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly command: LedgerCommandInput;
}

/** Who gives which commands. Difi's roles are illustrative; applicants act as themselves. */
export const ACTORS = {
  programme: "difi:programme-owner",
  evaluators: "difi:evaluation-panel",
  decisions: "difi:grant-officer",
  payments: "difi:finance",
  /** The appeals body for Difi's decisions (klageinstans): the ministry. */
  appeals: "fad:appeals",
} as const;
