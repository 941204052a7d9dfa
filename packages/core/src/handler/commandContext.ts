import * as t from "io-ts";
import { NonEmptyText } from "../values/text.js";

/**
 * Who gives a command and which one it is. The `commandId` is the idempotency key: the ids of
 * the events a command produces derive from it, and a command whose events are already
 * recorded is answered from them, so a retry (after a timeout, a crash) appends nothing twice.
 */
export const CommandContext = t.intersection([
  t.type({
    /** The command's idempotency key: give the same one when retrying the same command. */
    commandId: NonEmptyText,
    /** Who gives the command: a user or a system, recorded in every event's metadata. */
    actor: NonEmptyText,
  }),
  t.partial({
    /** The business process; defaults to the command id. */
    correlationId: NonEmptyText,
    /** What caused the command (an event or command id); defaults to the command id. */
    causationId: NonEmptyText,
  }),
]);
export type CommandContext = t.TypeOf<typeof CommandContext>;

/**
 * The context the handler records a command under: the caller's {@link CommandContext}, and
 * `historical` (the reason) when the ledger loads historical records (see
 * `GrantLedgerOptions.historical`). Never decoded from a caller's input: only the ledger sets it.
 */
export interface RecordingContext extends CommandContext {
  /** Why business times are taken as given rather than checked against the ledger's clock; written into every event's metadata as `historical`. */
  readonly historical?: string;
  /**
   * The command the id stands for, written into every event's metadata: its type and the
   * SHA-256 of the canonical JSON of `{ type, data }`. A command id given again with another
   * command is then refused (`CommandIdReused`) instead of answered with the first one's events.
   */
  readonly command?: {
    /** The command's type, e.g. `AwardGrant`. */
    readonly type: string;
    /** SHA-256 (lower-case hex) of the RFC 8785 canonical JSON of `{ type, data }` as decoded. */
    readonly digest: string;
  };
}
