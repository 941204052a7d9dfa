import { SCHEMA_VERSION } from "../events/eventMetadata.js";
import type { CommandContext } from "./commandContext.js";

/**
 * The metadata of an event a command writes, before its own hash is added: the one place that
 * says what every event's metadata holds, shared by the command handler and sealing.
 */
export const unhashedMetadata = (context: CommandContext, prevHash: string | null) => ({
  commandId: context.commandId,
  correlationId: context.correlationId ?? context.commandId,
  causationId: context.causationId ?? context.commandId,
  actor: context.actor,
  schemaVersion: SCHEMA_VERSION,
  prevHash,
});
