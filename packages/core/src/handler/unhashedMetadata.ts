import { SCHEMA_VERSION } from "../events/eventMetadata.js";
import type { RecordingContext } from "./commandContext.js";

/**
 * The metadata of an event a command writes, before its own hash is added: the one place that
 * says what every event's metadata holds, shared by the command handler and sealing.
 */
export const unhashedMetadata = (context: RecordingContext, prevHash: string | null, schemaVersion: number = SCHEMA_VERSION) => ({
  commandId: context.commandId,
  correlationId: context.correlationId ?? context.commandId,
  causationId: context.causationId ?? context.commandId,
  actor: context.actor,
  schemaVersion,
  // Only events loaded in the historical mode say so; live ones carry no such key.
  ...(context.historical === undefined ? {} : { historical: context.historical }),
  // What the command id stands for, so that reusing the id for another command is caught.
  ...(context.command === undefined ? {} : { commandType: context.command.type, commandDigest: context.command.digest }),
  prevHash,
});
