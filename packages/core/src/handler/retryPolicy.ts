import { noteCommandRetry } from "../telemetry/commandScope.js";

/** How often, and how patiently, a command is re-decided after a concurrent writer won. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The first back-off, in milliseconds; it doubles each attempt, with full jitter. */
  readonly baseDelayMs: number;
  /** The longest back-off, in milliseconds, however many attempts came before. */
  readonly maxDelayMs: number;
}

/** 12 attempts, backing off from 1 ms up to 50 ms: enough for a few busy writers on one stream. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 1, maxDelayMs: 50 };

/**
 * Waits before attempt `attempt` (1-based; the first waits nothing). Full jitter, because
 * writers that collided once would otherwise collide again in lockstep.
 */
export const backOff = (policy: RetryPolicy, attempt: number, random: () => number = Math.random): Promise<void> => {
  if (attempt <= 1) return Promise.resolve();
  // Every retry loop of the handler waits here first, so this is where a command's retries are counted.
  noteCommandRetry();
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 2));
  return new Promise((resolve) => setTimeout(resolve, Math.floor(random() * ceiling)));
};
