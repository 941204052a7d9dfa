import * as E from "fp-ts/lib/Either.js";
import { decideRound } from "../deciders/roundDecider.js";
import type { RoundError } from "../deciders/roundErrors.js";
import { commitmentFor } from "../deciders/roundState.js";
import { grantStreamName, roundStreamName } from "../events/domainEvent.js";
import { unsafeText } from "../values/text.js";
import type { CommandContext } from "./commandContext.js";
import type { AppendedEvent } from "./commandOutcome.js";
import { handleOnStream } from "./handleCommand.js";
import type { HandlerError } from "./handlerErrors.js";
import type { LedgerStreams } from "./ledgerStreams.js";
import type { RetryPolicy } from "./retryPolicy.js";
import type { StreamLocks } from "./streamLocks.js";
import { grantModel, roundModel } from "./streamModels.js";

/**
 * After a rejection: if the round still holds money for this grant (an award that crashed
 * between its two appends and was never retried), give it back, so a rejected grant never
 * keeps a commitment.
 */
export const releaseDanglingCommitment = async (
  streams: LedgerStreams,
  grantId: string,
  context: CommandContext,
  retry: RetryPolicy,
  locks: StreamLocks,
): Promise<E.Either<HandlerError | RoundError, readonly AppendedEvent[]>> => {
  // Only its state matters here, not this command's events in it ("" matches no command).
  const grant = await streams.load(grantStreamName(grantId), grantModel, "");
  if (E.isLeft(grant)) return grant;
  const state = grant.right.state;
  if (state.status !== "rejected") return E.right([]);
  const streamName = roundStreamName(state.roundId);
  const outcome = await locks.withLocks([streamName], () =>
    handleOnStream({
      streams,
      streamName,
      model: roundModel,
      context,
      retry,
      decide: async (round) => {
        const committed = round.status === "none" ? undefined : commitmentFor(round, grantId);
        if (committed === undefined) return E.right([]);
        const reason = unsafeText(`grant ${grantId} was rejected`);
        return decideRound({ type: "ReleaseFunds", data: { roundId: state.roundId, grantId: state.grantId, amount: committed, reason } }, round);
      },
    }),
  );
  return E.isLeft(outcome) ? outcome : E.right(outcome.right.alreadyHandled ? [] : outcome.right.events);
};
