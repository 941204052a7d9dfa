/**
 * The first place a history fails verification. `expected` and `found` are what the verifier
 * computed and what the history holds (hashes, revisions, positions, roots).
 */
export interface HistoryBreak {
  readonly _tag: "HistoryBreak";
  /** Which check failed. */
  readonly kind:
    /** The event does not pass its codec. */
    | "undecodable"
    /** Global positions do not strictly increase. */
    | "position-order"
    /** A stream's revisions skip, repeat or start above 0 (removed or swapped events). */
    | "revision-gap"
    /** `prevHash` is not the previous event's hash. */
    | "chain-link"
    /** The event's content does not hash to its hash (changed data or metadata). */
    | "content-hash"
    /** A seal's root (or frontier, or last event) does not match the history it covers. */
    | "seal-root"
    /** A seal's signature does not verify, is missing where one is demanded, or is by a key not trusted. */
    | "seal-signature"
    /** A seal covers fewer events than an earlier seal, more than precede it, or lies too far behind them to check. */
    | "seal-order"
    /** A root the auditor kept does not match. */
    | "expected-root";
  /** The stream of the event that broke, `seal` for a seal, or `(kept root)` for a kept root. */
  readonly streamName: string;
  /** The event's revision in its stream; `undefined` for a kept root. */
  readonly revision: bigint | undefined;
  /** The event's global position, or the position a kept root is for. */
  readonly position: bigint | undefined;
  /** What the verifier computed or required there. */
  readonly expected: string;
  /** What the history holds there. */
  readonly found: string;
}

/** One line for an auditor: what broke, where, expected vs found. */
export const describeHistoryBreak = (b: HistoryBreak): string => {
  const where = `${b.streamName}${b.revision === undefined ? "" : `@${b.revision}`}${b.position === undefined ? "" : ` (position ${b.position})`}`;
  return `${b.kind} at ${where}: expected ${b.expected}, found ${b.found}`;
};
