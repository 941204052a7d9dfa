import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { createGrantLedger } from "@grantledger/core";
import type { EventStore } from "@grantledger/core";
import { award, application, context, crisisRound, evaluation, must } from "../engine/ledgerFixtures.testkit.js";

/** The success of a task, or a failed test naming the error. */
export const right = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success: ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`);
  return result.right;
};

/**
 * A piece of the 2009 crisis package through the command handler: grants `from`..`to - 1`
 * applied for (Bergen and Askøy share each), evaluated, and every other one awarded.
 * Opens the round first when `from` is 0. Returns the last global position.
 */
export const recordGrants = async (store: EventStore, from: number, to: number): Promise<bigint> => {
  const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
  if (from === 0) await must(ledger.openRound(crisisRound(), context()));
  for (let index = from; index < to; index++) {
    const grantId = `g${index}`;
    await must(ledger.applyForGrant(application(grantId, undefined, 100_000_00 + index), context()));
    await must(ledger.evaluateApplication(evaluation(grantId), context()));
    if (index % 2 === 0) await must(ledger.awardGrant(award(grantId, 50_000_00 + index), context()));
  }
  const [last] = await right(store.readStream(`grant-g${to - 1}`, { direction: "backwards", maxCount: 1 }));
  if (last === undefined) throw new Error("nothing recorded");
  return last.position;
};
