import * as t from "io-ts";
import { NonEmptyText } from "../values/text.js";

/**
 * Who gives a command and which one it is. The `commandId` is the idempotency key: the ids of
 * the events a command produces derive from it, and a command whose events are already
 * recorded is answered from them, so a retry (after a timeout, a crash) appends nothing twice.
 */
export const CommandContext = t.intersection([
  t.type({ commandId: NonEmptyText, actor: NonEmptyText }),
  t.partial({
    /** The business process; defaults to the command id. */
    correlationId: NonEmptyText,
    /** What caused the command (an event or command id); defaults to the command id. */
    causationId: NonEmptyText,
  }),
]);
export type CommandContext = t.TypeOf<typeof CommandContext>;
