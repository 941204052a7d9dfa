import type { EventDecodeFailed } from "../events/decodeEvent.js";
import type { AppendError, ReadStreamError } from "../store/storeErrors.js";

/** A command that did not pass its codec: which command, where, and why. */
export interface InvalidCommand {
  readonly _tag: "InvalidCommand";
  /** The command's type, `context` when the command context was bad, or `Seal`. */
  readonly command: string;
  /** The dotted path of the failing value, e.g. `totalCost` or `participants.0.shareBps`. */
  readonly path: string;
  /** What was expected and what was found. */
  readonly reason: string;
}

/** Other writers kept winning the stream; nothing of this command was appended there. */
export interface ConcurrencyRetriesExhausted {
  readonly _tag: "ConcurrencyRetriesExhausted";
  /** The contested stream. */
  readonly streamName: string;
  /** How many times the command was decided and refused by the store. */
  readonly attempts: number;
}

/** A stream holds an event that does not belong in it (a grant event in a round stream). */
export interface UnexpectedEventInStream {
  readonly _tag: "UnexpectedEventInStream";
  /** The stream read. */
  readonly streamName: string;
  /** Where in it the stray event is. */
  readonly revision: bigint;
  /** The stray event's type. */
  readonly type: string;
}

/** An event's `prevHash` is not its predecessor's `hash`: the stream was changed. */
export interface BrokenHashChain {
  readonly _tag: "BrokenHashChain";
  /** The stream read. */
  readonly streamName: string;
  /** The event whose `prevHash` does not match. */
  readonly revision: bigint;
  /** The `hash` of the event before it (`null` at revision 0). */
  readonly expected: string | null;
  /** The `prevHash` it holds. */
  readonly found: string | null;
}

/** A command names a business time after the ledger's clock: nothing is decided in the future. */
export interface BusinessTimeInFuture {
  readonly _tag: "BusinessTimeInFuture";
  /** The command's type. */
  readonly command: string;
  /** The field, e.g. `data.awardedAt`. */
  readonly field: string;
  /** Its value. */
  readonly at: string;
  /** The ledger's clock when the command arrived. */
  readonly now: string;
}

/**
 * The command id (an HTTP service's `Idempotency-Key`) was used before for another command: its
 * events record another type or other data. Nothing is written and the earlier command's events
 * are not passed off as this one's answer; give a new command id.
 */
export interface CommandIdReused {
  readonly _tag: "CommandIdReused";
  /** The command id given again. */
  readonly commandId: string;
  /** The stream whose events record the earlier command. */
  readonly streamName: string;
  /** The earlier command's type, as its events record it. */
  readonly recordedCommand: string;
  /** This command's type. */
  readonly command: string;
}

/** Everything but a broken business rule that can stop a command. */
export type HandlerError =
  | Exclude<
      ReadStreamError,
      {
        /** A missing stream is a stream with no events yet, not an error. */
        _tag: "StreamNotFound";
      }
    >
  | AppendError
  | EventDecodeFailed
  | InvalidCommand
  | ConcurrencyRetriesExhausted
  | UnexpectedEventInStream
  | BrokenHashChain
  | BusinessTimeInFuture
  | CommandIdReused;
