/**
 * What a writer expects of a stream before appending, with EventStoreDB's meaning:
 * - `"any"`: no check;
 * - `"no_stream"`: the stream must not exist yet;
 * - `"stream_exists"`: the stream must have at least one event;
 * - a `bigint`: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = "any" | "no_stream" | "stream_exists" | bigint;

/** The revision a stream is at: its last event's revision, or `"no_stream"` when it has none. */
export type CurrentRevision = bigint | "no_stream";

/** Whether a stream at `current` satisfies `expected`. Pure, so every adapter shares it. */
export const matchesExpectedRevision = (expected: ExpectedRevision, current: CurrentRevision): boolean => {
  if (expected === "any") return true;
  if (expected === "no_stream") return current === "no_stream";
  if (expected === "stream_exists") return current !== "no_stream";
  return current === expected;
};

/** Renders an expected or current revision for messages and wire formats. */
export const formatRevision = (revision: ExpectedRevision | CurrentRevision): string =>
  typeof revision === "bigint" ? revision.toString() : revision;
