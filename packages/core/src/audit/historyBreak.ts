/**
 * The first place a history fails verification. `expected` and `found` are what the verifier
 * computed and what the history holds (hashes, revisions, positions, roots).
 */
export interface HistoryBreak {
  readonly _tag: "HistoryBreak";
  readonly kind:
    | "undecodable" // the event does not pass its codec
    | "position-order" // global positions do not strictly increase
    | "revision-gap" // a stream's revisions skip, repeat or start above 0 (removed or swapped events)
    | "chain-link" // prevHash is not the previous event's hash
    | "content-hash" // the event's content does not hash to its hash (changed data or metadata)
    | "seal-root" // a seal's root does not match the stream heads at its position
    | "expected-root"; // a root the auditor kept does not match
  readonly streamName: string;
  readonly revision: bigint | undefined;
  readonly position: bigint | undefined;
  readonly expected: string;
  readonly found: string;
}

/** One line for an auditor: what broke, where, expected vs found. */
export const describeHistoryBreak = (b: HistoryBreak): string => {
  const where = `${b.streamName}${b.revision === undefined ? "" : `@${b.revision}`}${b.position === undefined ? "" : ` (position ${b.position})`}`;
  return `${b.kind} at ${where}: expected ${b.expected}, found ${b.found}`;
};
