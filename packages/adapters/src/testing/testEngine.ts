import * as E from "fp-ts/lib/Either.js";
import type { EventShape, GrantLedgerOptions, RecordedEvent, RetryPolicy } from "@grantledger/core";
import { readAllPages } from "@grantledger/core";
import { startGrantEngine, type GrantEngine, type Projection, type ReadModelStates } from "@grantledger/projections";
import { createMemoryEventStore } from "../memory/memoryEventStore.js";

/** Options of {@link createTestEngine}. */
export interface TestEngineOptions {
  /** The clock that stamps each event's `recordedAt`; real time by default. */
  readonly now?: () => Date;
  /** Passed to the ledger; see `RetryPolicy`. */
  readonly retry?: Partial<RetryPolicy>;
  /** The ledger's historical mode, for fixtures dated in the past (see `GrantLedgerOptions.historical`). */
  readonly historical?: GrantLedgerOptions["historical"];
  /** The application's own read models, run beside the built-in ones (see `GrantEngineOptions.projections`). */
  readonly projections?: readonly Projection<unknown, EventShape>[];
}

/** A {@link GrantEngine} on a fresh in-memory store, with promise-returning helpers for tests. */
export interface TestEngine extends GrantEngine {
  /** The read models once they hold every event stored so far; throws if a read model failed. */
  settle(): Promise<ReadModelStates>;
  /** Every recorded event, in global order. */
  history(): Promise<readonly RecordedEvent[]>;
  /** Stops the read models and closes the store. */
  close(): Promise<void>;
}

const describe = (error: unknown): string => JSON.stringify(error, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));

/**
 * A whole engine for an integration test, in one call: a new in-memory event store, the ledger
 * handling commands, and every read model following the store live.
 *
 * ```ts
 * const engine = await createTestEngine();
 * await engine.ledger.openRound(round, context)();
 * const { roundBudget } = await engine.settle();
 * await engine.close();
 * ```
 */
export const createTestEngine = async (options: TestEngineOptions = {}): Promise<TestEngine> => {
  const store = createMemoryEventStore(options.now === undefined ? {} : { now: options.now });
  const started = await startGrantEngine({
    store,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.historical === undefined ? {} : { historical: options.historical }),
    ...(options.projections === undefined ? {} : { projections: options.projections }),
  })();
  if (E.isLeft(started)) throw new Error(`the test engine did not start: ${describe(started.left)}`);
  const engine = started.right;
  return {
    ...engine,
    settle: async () => {
      const settled = await engine.settled()();
      if (E.isLeft(settled)) throw new Error(`the read models did not settle: ${describe(settled.left)}`);
      return settled.right;
    },
    history: async () => {
      const events: RecordedEvent[] = [];
      for await (const event of readAllPages(store)) events.push(event);
      return events;
    },
    close: async () => {
      await engine.stop();
      await store.close();
    },
  };
};
