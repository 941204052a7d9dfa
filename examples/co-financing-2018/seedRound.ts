import type { CommandOutcome, GrantLedger, LedgerError } from "@grantledger/core";
import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { commandIdFor } from "./ids.js";
import { seedPlan } from "./plan/seedPlan.js";
import type { SeedStep } from "./plan/seedStep.js";

/** A command the ledger refused as the plan expected, with the typed error it answered. */
export interface Refusal {
  readonly step: SeedStep;
  readonly error: LedgerError;
}

/** Why the seeding stopped: a command was refused unexpectedly, or accepted when it should not have been. */
export type SeedFailure =
  | { readonly _tag: "CommandRefused"; readonly step: SeedStep; readonly stepNumber: number; readonly error: LedgerError }
  | { readonly _tag: "RefusalExpected"; readonly step: SeedStep; readonly stepNumber: number; readonly expected: string; readonly got: string };

/** What the seeding did. */
export interface SeedSummary {
  readonly commands: number;
  readonly events: number;
  /** The commands refused on purpose, in the order given. */
  readonly refusals: readonly Refusal[];
}

/** Options for {@link seedRound}. */
export interface SeedOptions {
  /** Called before each command: main uses it to move the store's clock to the step's time. */
  readonly beforeStep?: (step: SeedStep) => void;
}

/**
 * Gives every command of the 2018 round to the ledger in time order. It stops at the first
 * surprise, since a history that no longer matches the data would print figures that do not
 * add up: a command refused that should pass, or one that passes (or fails otherwise) when the
 * plan expects a particular refusal.
 */
export const seedRound =
  (ledger: GrantLedger, options: SeedOptions = {}): TaskEither<SeedFailure, SeedSummary> =>
  async () => {
    const steps = seedPlan();
    const refusals: Refusal[] = [];
    let events = 0;
    for (const [index, step] of steps.entries()) {
      options.beforeStep?.(step);
      const context = { commandId: commandIdFor(step.key), actor: step.actor, correlationId: step.correlationId };
      const outcome: E.Either<LedgerError, CommandOutcome> = await ledger.execute(step.command, context)();
      const stepNumber = index + 1;
      if (step.expectRefusal !== undefined) {
        const got = E.isLeft(outcome) ? outcome.left._tag : "accepted";
        if (got !== step.expectRefusal) return E.left({ _tag: "RefusalExpected", step, stepNumber, expected: step.expectRefusal, got });
        if (E.isLeft(outcome)) refusals.push({ step, error: outcome.left });
        continue;
      }
      if (E.isLeft(outcome)) return E.left({ _tag: "CommandRefused", step, stepNumber, error: outcome.left });
      events += outcome.right.events.length;
    }
    return E.right({ commands: steps.length, events, refusals });
  };

// Store errors carry bigint revisions, which JSON.stringify refuses.
const bigintSafe = (_key: string, value: unknown): unknown => (typeof value === "bigint" ? value.toString() : value);

/** One paragraph naming the step that surprised, its command, and what happened. */
export const describeSeedFailure = (failure: SeedFailure): string => {
  const { step, stepNumber } = failure;
  const where = `Seeding stopped at step ${stepNumber}, "${step.key}" (${step.command.type} at ${step.at}):`;
  if (failure._tag === "RefusalExpected") return `${where}\nexpected the ledger to refuse it with ${failure.expected}, got ${failure.got}`;
  const { _tag, ...details } = failure.error;
  return `${where}\nthe ledger refused it with ${_tag} ${JSON.stringify(details, bigintSafe)}`;
};
