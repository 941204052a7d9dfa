import type { EventShape } from "../events/eventDefinitions.js";
import type { RecordingContext } from "./commandContext.js";
import type { CommandIdReused } from "./handlerErrors.js";
import type { LoadedStream } from "./loadStream.js";

/**
 * `CommandIdReused` when the events this command id already has in the stream record another
 * command (another type, or the same type with other data). Events written before commands were
 * recorded in metadata (or by a caller that gives none) carry no record and are taken as this
 * command's, as before.
 */
export const otherCommandWithThisId = (loaded: LoadedStream<unknown, EventShape>, context: RecordingContext): CommandIdReused | undefined => {
  const expected = context.command;
  if (expected === undefined) return undefined;
  for (const { recorded } of loaded.fromThisCommand) {
    // The recorded metadata as stored: the codec names only the keys every event has.
    const type = recorded.metadata["commandType"];
    const digest = recorded.metadata["commandDigest"];
    if (typeof type !== "string" || typeof digest !== "string") continue;
    if (type !== expected.type || digest !== expected.digest) {
      return { _tag: "CommandIdReused", commandId: context.commandId, streamName: loaded.streamName, recordedCommand: type, command: expected.type };
    }
  }
  return undefined;
};
