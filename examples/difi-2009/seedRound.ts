import type { CommandOutcome, GrantLedger, LedgerError } from "@grantledger/core";
import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { commandIdFor } from "./ids.js";
import { seedPlan } from "./plan/seedPlan.js";
import type { SeedStep } from "./plan/seedStep.js";

/** The command the ledger refused, which stopped the seeding, and why. */
export interface SeedFailure {
  readonly step: SeedStep;
  /** 1-based, of `total`. */
  readonly stepNumber: number;
  readonly total: number;
  readonly error: LedgerError;
}

/** What the seeding did. */
export interface SeedSummary {
  readonly commands: number;
  /** Commands whose events were already in the store (a second run against the same store). */
  readonly alreadyHandled: number;
  readonly events: number;
}

export interface SeedOptions {
  /** Called before each command: main uses it to set the memory store's clock to the step's time. */
  readonly beforeStep?: (step: SeedStep) => void;
}

/**
 * Gives every command of round 1 to the ledger, one after another, in time order, and stops at
 * the first it refuses: a demo whose data break a rule should say which, not carry on with a
 * history that no longer adds up.
 */
export const seedRound =
  (ledger: GrantLedger, options: SeedOptions = {}): TaskEither<SeedFailure, SeedSummary> =>
  async () => {
    const steps = seedPlan();
    let alreadyHandled = 0;
    let events = 0;
    for (const [index, step] of steps.entries()) {
      options.beforeStep?.(step);
      const context = { commandId: commandIdFor(step.key), actor: step.actor, correlationId: step.correlationId };
      const outcome: E.Either<LedgerError, CommandOutcome> = await ledger.execute(step.command, context)();
      if (E.isLeft(outcome)) return E.left({ step, stepNumber: index + 1, total: steps.length, error: outcome.left });
      if (outcome.right.alreadyHandled) alreadyHandled += 1;
      events += outcome.right.events.length;
    }
    return E.right({ commands: steps.length, alreadyHandled, events });
  };

// Store errors carry bigint revisions, which JSON.stringify refuses.
const bigintSafe = (_key: string, value: unknown): unknown => (typeof value === "bigint" ? value.toString() : value);

/** One paragraph naming the refused step, its command, and the ledger's error with its figures. */
export const describeSeedFailure = (failure: SeedFailure): string => {
  const { step, stepNumber, total, error } = failure;
  const { _tag, ...details } = error;
  return [
    `Seeding stopped at step ${stepNumber} of ${total}, "${step.key}" (${step.command.type} at ${step.at}):`,
    `the ledger refused it with ${_tag} ${JSON.stringify(details, bigintSafe)}`,
  ].join("\n");
};
