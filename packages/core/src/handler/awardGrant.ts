import * as E from "fp-ts/lib/Either.js";
import type { AmendAward, AwardGrant } from "../deciders/commands.js";
import { decideGrant, type GrantDecisionError } from "../deciders/grantDecider.js";
import { decideRound } from "../deciders/roundDecider.js";
import { commitmentTarget, roundForCommitment, type GrantState } from "../deciders/grantState.js";
import { commitmentFor } from "../deciders/roundState.js";
import { grantStreamName, roundStreamName } from "../events/domainEvent.js";
import type { RecordingContext } from "./commandContext.js";
import { otherCommandWithThisId } from "./sameCommand.js";
import type { CommandOutcome } from "./commandOutcome.js";
import { previousOutcome } from "./handleCommand.js";
import type { HandlerError } from "./handlerErrors.js";
import type { LedgerStreams } from "./ledgerStreams.js";
import type { LoadedStream } from "./loadStream.js";
import { unsafeText } from "../values/text.js";
import type { Money } from "../values/money.js";
import { backOff, type RetryPolicy } from "./retryPolicy.js";
import { grantModel, roundModel } from "./streamModels.js";

type AwardError = GrantDecisionError | HandlerError;

/** A command that can raise what a round holds for a grant: an award, or an amendment of one. */
export type RaisingCommand = AwardGrant | AmendAward;

const decidedAt = (command: RaisingCommand) => (command.type === "AwardGrant" ? command.data.awardedAt : command.data.amendedAt);

/**
 * A retried command answers with what the first attempt appended on both streams (its
 * commitment, then the grant's event), as the first answer did, so a client's retry gets the same reply.
 */
const replayOutcome = async (
  streams: LedgerStreams,
  grant: LoadedStream<GrantState>,
  context: RecordingContext,
): Promise<E.Either<AwardError, CommandOutcome>> => {
  const recorded = previousOutcome(grant);
  if (grant.state.status === "none") return E.right(recorded);
  const round = await streams.load(roundStreamName(grant.state.roundId), roundModel, context.commandId);
  if (E.isLeft(round)) return round;
  return E.right({ alreadyHandled: true, events: [...previousOutcome(round.right).events, ...recorded.events] });
};

/**
 * An award, or an amendment that raises one, touches two streams: `FundsCommitted` on the
 * round (the missing money), then `GrantAwarded` or `AwardAmended` on the grant. An amendment
 * that lowers the award appends no commitment; the command handler releases the surplus after.
 *
 * - No over-commitment: the commitment is appended at exactly the round revision whose budget
 *   was checked, so of commands racing for the last money only those that still fit get in; the
 *   others re-read, re-decide, and are refused with `AwardExceedsRemainingBudget`.
 * - No commitment without its decision: the commitment comes first, and both appends carry ids
 *   derived from the command id. A crash between them leaves the round holding more for the
 *   grant than the grant needs, which the same command, retried, recognises (exactly the amount
 *   it needs is already held: nothing new to commit) and completes by appending the grant's
 *   event. If the grant was decided otherwise in between, the commitment this command made is
 *   released with `FundsReleased`.
 */
export const awardGrant = async (
  streams: LedgerStreams,
  command: RaisingCommand,
  context: RecordingContext,
  retry: RetryPolicy,
): Promise<E.Either<AwardError, CommandOutcome>> => {
  const { grantId, amount } = command.data;
  const grantStream = grantStreamName(grantId);
  for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
    if (attempt > 1) await backOff(retry, attempt);
    const grant = await streams.load(grantStream, grantModel, context.commandId);
    if (E.isLeft(grant)) return grant;
    const reusedOnGrant = otherCommandWithThisId(grant.right, context);
    if (reusedOnGrant !== undefined) return E.left(reusedOnGrant);
    if (grant.right.fromThisCommand.length > 0) return replayOutcome(streams, grant.right, context);
    if (grant.right.state.status === "none") return E.left({ _tag: "GrantNotFound", grantId });
    const roundId = grant.right.state.roundId;
    const round = await streams.load(roundStreamName(roundId), roundModel, context.commandId);
    if (E.isLeft(round)) return round;
    const reusedOnRound = otherCommandWithThisId(round.right, context);
    if (reusedOnRound !== undefined) return E.left(reusedOnRound);
    const roundState = round.right.state;

    const decision = decideGrant(command, grant.right.state, roundState, context.actor);
    if (E.isLeft(decision)) {
      const ownCommitment = round.right.fromThisCommand.some((e) => e.event.type === "FundsCommitted");
      // The grant's own need is never released: an awarded grant's commitment backs its award,
      // even when this command made it (another command completed it after a crash).
      const held = roundState.status === "none" ? 0 : (commitmentFor(roundState, grantId) ?? 0);
      const surplus = held - commitmentTarget(grant.right.state);
      if (roundState.status === "none" || !ownCommitment || surplus <= 0) return decision;
      const reason = unsafeText(`${command.type} of grant ${grantId} could not be recorded: ${decision.left._tag}`);
      const release = decideRound(
        { type: "ReleaseFunds", data: { roundId: roundState.roundId, grantId, amount: surplus as Money, reason, releasedAt: decidedAt(command) } },
        roundState,
      );
      if (E.isLeft(release)) return release;
      const released = await streams.append(round.right, roundModel, release.right, context);
      if (E.isLeft(released) && released.left._tag === "WrongExpectedVersion") continue;
      return E.isLeft(released) ? released : decision;
    }

    // What the round must add. An award: what it does not hold yet for the grant (a crashed
    // attempt may have committed it all). An amendment's increase: all of it, unless this very
    // command committed it before crashing. A surplus another command left (a lowering whose
    // release has not run yet) is never reused: its release would then free money this increase
    // counts on, and no round revision would stand between the two.
    const held = roundState.status === "none" ? 0 : (commitmentFor(roundState, grantId) ?? 0);
    const ownCommitment = round.right.fromThisCommand.some((e) => e.event.type === "FundsCommitted");
    const previous = grant.right.state.award?.amount ?? 0;
    const missing = command.type === "AwardGrant" ? amount - held : ownCommitment ? 0 : amount - previous;
    let commitment = previousOutcome(round.right).events;
    if (missing > 0) {
      const commit = decideRound(
        { type: "CommitFunds", data: { roundId, grantId, amount: missing as Money, committedAt: decidedAt(command) } },
        command.type === "AwardGrant" ? roundForCommitment(roundState, grant.right.state) : roundState,
      );
      if (E.isLeft(commit)) return commit;
      const committed = await streams.append(round.right, roundModel, commit.right, context);
      if (E.isLeft(committed)) {
        if (committed.left._tag === "WrongExpectedVersion") continue;
        return committed;
      }
      commitment = committed.right;
    }
    const recorded = await streams.append(grant.right, grantModel, decision.right, context);
    if (E.isLeft(recorded)) {
      if (recorded.left._tag === "WrongExpectedVersion") continue;
      return recorded;
    }
    return E.right({ alreadyHandled: false, events: [...commitment, ...recorded.right] });
  }
  return E.left({ _tag: "ConcurrencyRetriesExhausted", streamName: grantStream, attempts: retry.maxAttempts });
};
