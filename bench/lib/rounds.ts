/** The middle value (mean of the two middle ones for an even count). */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new RangeError("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
};

export interface Sides {
  /** One measurement of grantledger: a rate, or a size. */
  readonly ours: () => Promise<number>;
  /** One measurement of the peer (or the floor) on the same work. */
  readonly peer: () => Promise<number>;
}

export interface Medians {
  readonly ours: number;
  readonly peer: number;
  readonly oursAll: readonly number[];
  readonly peerAll: readonly number[];
}

/**
 * Runs both sides `rounds` times, alternating, and takes the medians. Which side goes first
 * alternates too, so neither always inherits the other's garbage or a JIT that has just warmed
 * up on shared code; the median keeps one disturbed round (other work on the machine) out.
 */
export const alternate = async (rounds: number, sides: Sides, log: (line: string) => void): Promise<Medians> => {
  const ours: number[] = [];
  const peer: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (["ours", "peer"] as const) : (["peer", "ours"] as const);
    for (const side of order) {
      const value = await sides[side]();
      (side === "ours" ? ours : peer).push(value);
    }
    log(`    round ${round + 1}/${rounds}: ours ${whole(ours[ours.length - 1])}, peer ${whole(peer[peer.length - 1])}`);
  }
  return { ours: median(ours), peer: median(peer), oursAll: ours, peerAll: peer };
};

const whole = (value: number | undefined): string =>
  value === undefined ? "-" : Math.round(value).toLocaleString("en-US");

/** Milliseconds taken by `work`. */
export const timeMs = async (work: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/** Items per second, from a count and the milliseconds they took. */
export const perSecond = (count: number, ms: number): number => (count * 1000) / ms;
