import { AsyncLocalStorage } from "node:async_hooks";
import type { Context, Span } from "@opentelemetry/api";

/**
 * What the telemetry gathers about one command while it runs: its span (the parent of the store
 * calls' spans), and what no single call sees, the retries and the streams touched.
 */
export interface CommandScope {
  /** The command's span, recording. */
  readonly span: Span;
  /** The context with {@link CommandScope.span} active: the parent of the store calls' spans. */
  readonly context: Context;
  /** Optimistic-concurrency retries so far. */
  retries: number;
  /** The streams read or appended to, in the order first touched. */
  readonly streams: Set<string>;
}

// Entered only for a command whose span records (an SDK is installed and sampled it), so an
// application without an SDK never pays for the async context it propagates.
const scopes = new AsyncLocalStorage<CommandScope>();

/** Runs `work` as the command of `scope`: store calls and retries within it are counted there. */
export const inCommandScope = <A>(scope: CommandScope, work: () => Promise<A>): Promise<A> => scopes.run(scope, work);

/** The command being handled here, if its span is recording. */
export const currentCommandScope = (): CommandScope | undefined => scopes.getStore();

/** Counts one optimistic-concurrency retry for the command being handled (if it is traced). */
export const noteCommandRetry = (): void => {
  const scope = scopes.getStore();
  if (scope !== undefined) scope.retries += 1;
};
