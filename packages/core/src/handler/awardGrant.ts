import * as E from "fp-ts/lib/Either.js";
import type { AwardGrant } from "../deciders/commands.js";
import { decideGrant, type GrantDecisionError } from "../deciders/grantDecider.js";
import { decideRound } from "../deciders/roundDecider.js";
import type { GrantState } from "../deciders/grantState.js";
import { commitmentFor } from "../deciders/roundState.js";
import { grantStreamName, roundStreamName } from "../events/domainEvent.js";
import type { CommandContext } from "./commandContext.js";
import type { CommandOutcome } from "./commandOutcome.js";
import { previousOutcome } from "./handleCommand.js";
import type { HandlerError } from "./handlerErrors.js";
import type { LedgerStreams } from "./ledgerStreams.js";
import type { LoadedStream } from "./loadStream.js";
import { unsafeText } from "../values/text.js";
import { backOff, type RetryPolicy } from "./retryPolicy.js";
import { grantModel, roundModel } from "./streamModels.js";

type AwardError = GrantDecisionError | HandlerError;

/**
 * A retried award answers with what the first attempt appended on both streams (its
 * commitment, then the award), as the first answer did, so a client's retry gets the same reply.
 */
const replayAward = async (
  streams: LedgerStreams,
  grant: LoadedStream<GrantState>,
  context: CommandContext,
): Promise<E.Either<AwardError, CommandOutcome>> => {
  const awarded = previousOutcome(grant);
  if (grant.state.status === "none") return E.right(awarded);
  const round = await streams.load(roundStreamName(grant.state.roundId), roundModel, context.commandId);
  if (E.isLeft(round)) return round;
  return E.right({ alreadyHandled: true, events: [...previousOutcome(round.right).events, ...awarded.events] });
};

/**
 * An award touches two streams: `FundsCommitted` on the round, then `GrantAwarded` on the grant.
 *
 * - No over-commitment: the commitment is appended at exactly the round revision whose budget
 *   was checked, so of awards racing for the last money only those that still fit get in; the
 *   others re-read, re-decide, and are refused with `AwardExceedsRemainingBudget`.
 * - No commitment without its award: the commitment comes first, and both appends carry ids
 *   derived from the command id. A crash between them leaves a commitment that the same
 *   command, retried, recognises as its own (same grant, same amount: nothing new to commit)
 *   and completes by appending the award. If the grant was decided otherwise in between
 *   (rejected), the commitment this command made is released with `FundsReleased`.
 */
export const awardGrant = async (
  streams: LedgerStreams,
  command: AwardGrant,
  context: CommandContext,
  retry: RetryPolicy,
): Promise<E.Either<AwardError, CommandOutcome>> => {
  const { grantId, amount } = command.data;
  const grantStream = grantStreamName(grantId);
  for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
    if (attempt > 1) await backOff(retry, attempt);
    const grant = await streams.load(grantStream, grantModel, context.commandId);
    if (E.isLeft(grant)) return grant;
    if (grant.right.fromThisCommand.length > 0) return replayAward(streams, grant.right, context);
    if (grant.right.state.status === "none") return E.left({ _tag: "GrantNotFound", grantId });
    const roundId = grant.right.state.roundId;
    const round = await streams.load(roundStreamName(roundId), roundModel, context.commandId);
    if (E.isLeft(round)) return round;

    const decision = decideGrant(command, grant.right.state, round.right.state);
    if (E.isLeft(decision)) {
      const roundState = round.right.state;
      const ownCommitment = round.right.fromThisCommand.some((e) => e.event.type === "FundsCommitted");
      // An awarded grant's commitment backs its award, even when this command made it (another
      // award completed it after a crash): releasing it would free money that is spent.
      const backsAnAward = grant.right.state.status === "awarded";
      if (roundState.status === "none" || !ownCommitment || backsAnAward || commitmentFor(roundState, grantId) === undefined) return decision;
      const reason = unsafeText(`award of grant ${grantId} could not be recorded: ${decision.left._tag}`);
      const release = decideRound({ type: "ReleaseFunds", data: { roundId: roundState.roundId, grantId, amount, reason } }, roundState);
      if (E.isLeft(release)) return release;
      const released = await streams.append(round.right, roundModel, release.right, context);
      if (E.isLeft(released) && released.left._tag === "WrongExpectedVersion") continue;
      return E.isLeft(released) ? released : decision;
    }

    const commit = decideRound({ type: "CommitFunds", data: { roundId, grantId, amount } }, round.right.state);
    if (E.isLeft(commit)) return commit;
    const committed = await streams.append(round.right, roundModel, commit.right, context);
    if (E.isLeft(committed)) {
      if (committed.left._tag === "WrongExpectedVersion") continue;
      return committed;
    }
    const awarded = await streams.append(grant.right, grantModel, decision.right, context);
    if (E.isLeft(awarded)) {
      if (awarded.left._tag === "WrongExpectedVersion") continue;
      return awarded;
    }
    const commitment = committed.right.length > 0 ? committed.right : previousOutcome(round.right).events;
    return E.right({ alreadyHandled: false, events: [...commitment, ...awarded.right] });
  }
  return E.left({ _tag: "ConcurrencyRetriesExhausted", streamName: grantStream, attempts: retry.maxAttempts });
};
