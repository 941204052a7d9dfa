import * as E from "fp-ts/lib/Either.js";
import { commitmentTarget } from "../deciders/grantState.js";
import { decideRound } from "../deciders/roundDecider.js";
import type { RoundError } from "../deciders/roundErrors.js";
import { commitmentFor } from "../deciders/roundState.js";
import { grantStreamName, roundStreamName } from "../events/domainEvent.js";
import type { IsoDateTime } from "../values/isoTime.js";
import type { Money } from "../values/money.js";
import { unsafeText } from "../values/text.js";
import type { RecordingContext } from "./commandContext.js";
import type { AppendedEvent } from "./commandOutcome.js";
import { handleOnStream } from "./handleCommand.js";
import type { HandlerError } from "./handlerErrors.js";
import type { LedgerStreams } from "./ledgerStreams.js";
import type { RetryPolicy } from "./retryPolicy.js";
import type { StreamLocks } from "./streamLocks.js";
import { grantModel, roundModel } from "./streamModels.js";

/**
 * After a grant's command: if the round holds more for the grant than the grant now needs (see
 * `commitmentTarget`: a rejected, withdrawn, renounced or dismissed grant needs nothing, a closed
 * one what it was paid net, an amended one its new amount), release the surplus with
 * `FundsReleased`. Idempotent: a retry finds nothing more to release, and answers with what this
 * command released before. Also heals an award that crashed between its two appends and was then
 * decided otherwise.
 */
export const settleCommitment = async (
  streams: LedgerStreams,
  grantId: string,
  why: string,
  releasedAt: IsoDateTime,
  context: RecordingContext,
  retry: RetryPolicy,
  locks: StreamLocks,
): Promise<E.Either<HandlerError | RoundError, readonly AppendedEvent[]>> => {
  // Only its state matters here, not this command's events in it ("" matches no command).
  const grant = await streams.load(grantStreamName(grantId), grantModel, "");
  if (E.isLeft(grant)) return grant;
  const state = grant.right.state;
  if (state.status === "none") return E.right([]);
  const streamName = roundStreamName(state.roundId);
  const outcome = await locks.withLocks([streamName], () =>
    handleOnStream({
      streams,
      streamName,
      model: roundModel,
      context,
      retry,
      decide: async (round) => {
        // The grant's need as it is now, under the round's lock, not as it was before waiting for
        // it: an amendment that raised the award meanwhile (taking the very surplus this would
        // release, as a retry would) must keep its money.
        const current = await streams.load(grantStreamName(grantId), grantModel, "");
        if (E.isLeft(current)) return current;
        const target = commitmentTarget(current.right.state);
        const held = round.status === "none" ? 0 : (commitmentFor(round, grantId) ?? 0);
        if (held <= target) return E.right([]);
        const reason = unsafeText(`grant ${grantId} ${why}`);
        return decideRound({ type: "ReleaseFunds", data: { roundId: state.roundId, grantId: state.grantId, amount: (held - target) as Money, reason, releasedAt } }, round);
      },
    }),
  );
  // A retried command gets back the release its first attempt made, as its first answer listed it.
  return E.isLeft(outcome) ? outcome : E.right(outcome.right.events);
};
