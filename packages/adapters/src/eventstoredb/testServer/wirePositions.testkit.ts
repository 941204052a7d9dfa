/**
 * Positions as the wire-format test server shows them. The memory store numbers its events
 * 0, 1, 2, …; a real log puts records at byte offsets with gaps between them, and refuses to
 * start a read between two records. The test server mimics that: event `n` sits at
 * `FIRST + n * SPACING`, and a read from any other number fails as EventStoreDB's does.
 */
const FIRST = 1_000n;
const SPACING = 100n;

/** The wire position of the memory store's event at `position`. */
export const toWirePosition = (position: bigint): bigint => FIRST + position * SPACING;

/** Where a forward read from wire position `from` (inclusive) starts, as a memory `after`; `"invalid"` between records. */
export const memoryAfterForReadFrom = (from: bigint): bigint | undefined | "invalid" => {
  if (from < FIRST) return undefined;
  if ((from - FIRST) % SPACING !== 0n) return "invalid";
  const index = (from - FIRST) / SPACING;
  return index === 0n ? undefined : index - 1n;
};

/** The memory position of wire position `position`, for reads backwards; `"invalid"` between records. */
export const memoryPositionOf = (position: bigint): bigint | "invalid" =>
  position < FIRST || (position - FIRST) % SPACING !== 0n ? "invalid" : (position - FIRST) / SPACING;
