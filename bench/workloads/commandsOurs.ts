import { randomUUID } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { createGrantLedger, type CommandContextInput } from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { timeMs } from "../lib/rounds.js";
import type { FundingRound } from "./grantScript.js";

const must = async (task: TaskEither<{ readonly _tag: string }, unknown>): Promise<void> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`grantledger refused a command: ${result.left._tag}`);
};

const by = (): CommandContextInput => ({ commandId: randomUUID(), actor: "case-officer@difi" });

/**
 * The script through `createGrantLedger` on a fresh memory store: every command decoded by its
 * codec, decided, its events hashed into the stream's chain and appended; every stream it reads
 * decoded and its chain checked. Milliseconds for the grant commands (opening the rounds, one
 * command each, is outside the timing on both sides).
 */
export const runCommandsOurs = async (rounds: readonly FundingRound[]): Promise<number> => {
  const store = createMemoryEventStore();
  const ledger = createGrantLedger({ historical: { reason: "the benchmark's records, dated 2009" }, store });
  for (const round of rounds) await must(ledger.openRound(round.open, by()));
  const ms = await timeMs(async () => {
    for (const round of rounds) {
      for (const grant of round.grants) {
        await must(ledger.applyForGrant(grant.apply, by()));
        await must(ledger.evaluateApplication(grant.evaluate, by()));
        await must(ledger.awardGrant(grant.award, by()));
        for (const disbursement of grant.disbursements) await must(ledger.disburseGrant(disbursement, by()));
      }
    }
  });
  // Outside the timing: every award must have reached its round, or the pass measured less work.
  for (const round of rounds) {
    const state = await ledger.readRound(round.open.roundId)();
    const expected = round.grants.reduce((sum, grant) => sum + grant.award.amount, 0);
    if (E.isLeft(state) || state.right.status === "none" || state.right.committed !== expected) throw new Error(`round ${round.open.roundId} did not commit every award`);
  }
  await store.close();
  return ms;
};
