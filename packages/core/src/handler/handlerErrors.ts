import type { EventDecodeFailed } from "../events/decodeEvent.js";
import type { AppendError, ReadStreamError } from "../store/storeErrors.js";

/** A command that did not pass its codec: which command, where, and why. */
export interface InvalidCommand {
  readonly _tag: "InvalidCommand";
  readonly command: string;
  readonly path: string;
  readonly reason: string;
}

/** Other writers kept winning the stream; nothing of this command was appended there. */
export interface ConcurrencyRetriesExhausted {
  readonly _tag: "ConcurrencyRetriesExhausted";
  readonly streamName: string;
  readonly attempts: number;
}

/** A stream holds an event that does not belong in it (a grant event in a round stream). */
export interface UnexpectedEventInStream {
  readonly _tag: "UnexpectedEventInStream";
  readonly streamName: string;
  readonly revision: bigint;
  readonly type: string;
}

/** An event's `prevHash` is not its predecessor's `hash`: the stream was changed. */
export interface BrokenHashChain {
  readonly _tag: "BrokenHashChain";
  readonly streamName: string;
  readonly revision: bigint;
  readonly expected: string | null;
  readonly found: string | null;
}

/** Everything but a broken business rule that can stop a command. */
export type HandlerError =
  | Exclude<ReadStreamError, { _tag: "StreamNotFound" }>
  | AppendError
  | EventDecodeFailed
  | InvalidCommand
  | ConcurrencyRetriesExhausted
  | UnexpectedEventInStream
  | BrokenHashChain;
