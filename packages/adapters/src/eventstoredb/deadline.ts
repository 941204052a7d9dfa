/**
 * Raised when an adapter call outlives its deadline. The client's own deadlines do not cover
 * everything: its server-features call has none, and on a port that accepts TCP but never speaks
 * HTTP/2 it waits until the connection dies, so every adapter call races its own timer.
 */
export class DeadlineElapsed extends Error {
  constructor(
    readonly operation: string,
    readonly deadlineMs: number,
  ) {
    super(`deadline of ${deadlineMs} ms exceeded`);
    this.name = "DeadlineElapsed";
  }
}

/**
 * Settles as `work` does, or rejects with {@link DeadlineElapsed} after `deadlineMs`, calling
 * `onElapsed` first so the caller can cancel what is still running. The timer is cleared either
 * way, so a finished call leaves nothing behind that would keep the process alive.
 */
export const withDeadline = <A>(
  operation: string,
  deadlineMs: number,
  work: Promise<A>,
  onElapsed?: () => void,
): Promise<A> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onElapsed?.();
      reject(new DeadlineElapsed(operation, deadlineMs));
    }, deadlineMs);
  });
  return Promise.race([work, elapsed]).finally(() => clearTimeout(timer));
};

/** A deadline must be a positive, finite number of milliseconds; anything else is a setup mistake. */
export const checkDeadline = (deadlineMs: number): number => {
  if (!Number.isFinite(deadlineMs) || deadlineMs <= 0) {
    throw new RangeError(`deadlineMs must be a positive number of milliseconds, got ${deadlineMs}`);
  }
  return deadlineMs;
};
