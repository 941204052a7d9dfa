import * as E from "fp-ts/lib/Either.js";
import type { CarryOverFunds } from "../deciders/commands.js";
import { decideCarryOver, decideRound } from "../deciders/roundDecider.js";
import type { RoundError } from "../deciders/roundErrors.js";
import { roundStreamName } from "../events/domainEvent.js";
import type { RecordingContext } from "./commandContext.js";
import { otherCommandWithThisId } from "./sameCommand.js";
import type { CommandOutcome } from "./commandOutcome.js";
import { previousOutcome } from "./handleCommand.js";
import type { HandlerError } from "./handlerErrors.js";
import type { LedgerStreams } from "./ledgerStreams.js";
import { backOff, type RetryPolicy } from "./retryPolicy.js";
import { roundModel } from "./streamModels.js";

/**
 * A carry-over touches two rounds: `FundsCarriedOver` on the closed source round (its budget
 * falls), then `FundsCarriedIn` on the target (its budget rises). The source is appended first
 * at the revision whose remaining money was checked; a crash between the two leaves the money
 * in flight, and the same command, retried, finds its own `FundsCarriedOver` and completes the
 * arrival. Both rounds are locked by the caller.
 */
export const carryOverFunds = async (
  streams: LedgerStreams,
  command: CarryOverFunds,
  context: RecordingContext,
  retry: RetryPolicy,
): Promise<E.Either<RoundError | HandlerError, CommandOutcome>> => {
  const { roundId, toRoundId, amount, carriedAt } = command.data;
  const sourceStream = roundStreamName(roundId);
  for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
    if (attempt > 1) await backOff(retry, attempt);
    const source = await streams.load(sourceStream, roundModel, context.commandId);
    if (E.isLeft(source)) return source;
    const target = await streams.load(roundStreamName(toRoundId), roundModel, context.commandId);
    if (E.isLeft(target)) return target;
    const reused = otherCommandWithThisId(source.right, context) ?? otherCommandWithThisId(target.right, context);
    if (reused !== undefined) return E.left(reused);
    if (target.right.fromThisCommand.length > 0) {
      return E.right({ alreadyHandled: true, events: [...previousOutcome(source.right).events, ...previousOutcome(target.right).events] });
    }
    let carriedOver = previousOutcome(source.right).events;
    let arrival: ReturnType<typeof decideRound>;
    if (carriedOver.length === 0) {
      const decision = decideCarryOver(command, source.right.state, target.right.state);
      if (E.isLeft(decision)) return decision;
      const appended = await streams.append(source.right, roundModel, decision.right.carriedOver, context);
      if (E.isLeft(appended)) {
        if (appended.left._tag === "WrongExpectedVersion") continue;
        return appended;
      }
      carriedOver = appended.right;
      arrival = E.right(decision.right.carriedIn);
    } else {
      arrival = decideRound({ type: "ReceiveCarriedFunds", data: { roundId: toRoundId, fromRoundId: roundId, amount, carriedAt } }, target.right.state);
    }
    if (E.isLeft(arrival)) return arrival;
    const arrived = await streams.append(target.right, roundModel, arrival.right, context);
    if (E.isLeft(arrived)) {
      if (arrived.left._tag === "WrongExpectedVersion") continue;
      return arrived;
    }
    return E.right({ alreadyHandled: false, events: [...carriedOver, ...arrived.right] });
  }
  return E.left({ _tag: "ConcurrencyRetriesExhausted", streamName: sourceStream, attempts: retry.maxAttempts });
};
