import { createProjectionRunner, STANDARD_LAYOUTS } from "@grantledger/projections";
import type { KeyedRowsLayout, Projection, ProjectionError, ProjectionRunner } from "@grantledger/projections";
import type { EventShape } from "@grantledger/core";
import type { PostgresEventStore } from "./postgresEventStore.js";
import { readModelStoreOver } from "./postgresReadModelStore.js";
import { projectionLockKey } from "./sqlNames.js";
import type { LockSession } from "./sqlDriver.js";

/** Where an exclusive runner is: waiting for the lock, running the projection, or stopped. */
export type RunnerRole = "standby" | "active" | "stopped";

/** What {@link createExclusiveProjectionRunner} runs, and how it reports. */
export interface ExclusiveProjectionRunnerOptions<S> {
  /** The event store; its database also holds the read model and the lock. */
  readonly store: PostgresEventStore;
  /** The read model to keep; its name is also the lock's. */
  readonly projection: Projection<S, EventShape>;
  /** Events per batch (one save each); the projection runner's default when absent. */
  readonly batchSize?: number;
  /** Read models kept as rows, written row by row; default `STANDARD_LAYOUTS` (see `createPostgresReadModelStore`). */
  readonly layouts?: readonly KeyedRowsLayout[];
  /** How often a standby tries to take over; default 1 000 ms. */
  readonly standbyPollMs?: number;
  /** Told of every error that stops the projection while this runner is active. */
  readonly onError?: (error: ProjectionError) => void;
  /** Told each time this runner becomes active, goes back to standby, or stops. */
  readonly onRoleChange?: (role: RunnerRole) => void;
}

/**
 * One projection, run by at most one process at a time across every process that starts one for
 * it: each holds a connection of its own and tries for a session-level advisory lock on the
 * projection's name. The holder runs the projection (catch-up, then live); the others wait as
 * standbys and try again every `standbyPollMs`. When the holder's connection dies, the server
 * releases its lock, a standby takes it and continues from the saved checkpoint, and the old
 * holder, once it notices, stops and goes back to standby. Its saves are fenced meanwhile: each
 * checks, inside its transaction, that its session still holds the lock.
 *
 * An error other than a poison event (a lost connection, a refused save) makes the runner step
 * down and queue up again; at a poison event it keeps the lock and stays failed, so no standby
 * stumbles over the same event. Call `stop()` to release everything.
 */
export interface ExclusiveProjectionRunner<S> {
  /** Begins: standby until the lock is taken, then active. Calling it again does nothing. */
  start(): void;
  /** Stops the projection, releases the lock and its connection; resolves once all is closed. */
  stop(): Promise<void>;
  /** Whether this process runs the projection now, waits as a standby, or has stopped. */
  role(): RunnerRole;
  /** The projection runner while this one is active: `current()`, `waitForPosition()`, … */
  active(): ProjectionRunner<S> | undefined;
}

/** Creates an {@link ExclusiveProjectionRunner}; nothing happens until `start()`. */
export const createExclusiveProjectionRunner = <S>(options: ExclusiveProjectionRunnerOptions<S>): ExclusiveProjectionRunner<S> => {
  const { store, projection } = options;
  const key = projectionLockKey(store.schema, projection.name);
  const pollMs = options.standbyPollMs ?? 1_000;
  const layouts = options.layouts ?? STANDARD_LAYOUTS;
  let role: RunnerRole = "stopped";
  let runner: ProjectionRunner<S> | undefined;
  let stopping = false;
  let stopped = (): void => undefined;
  const stopSignal = new Promise<void>((resolve) => (stopped = resolve));
  let loop: Promise<void> | undefined;

  const become = (next: RunnerRole): void => {
    if (role === next) return;
    role = next;
    options.onRoleChange?.(next);
  };

  // Tries for the lock until it is ours; false if the session was lost or the runner stopped first.
  const takeLock = async (session: LockSession): Promise<boolean> => {
    for (;;) {
      if (stopping) return false;
      if (await session.tryLock(key)) return true;
      if ((await pause(pollMs, session.lost, stopSignal)) !== "elapsed") return false;
    }
  };

  // Runs the projection while the lock is ours; says why it stopped.
  const runActive = async (session: LockSession): Promise<"lost" | "stop" | "trouble"> => {
    let troubled = (): void => undefined;
    const trouble = new Promise<void>((resolve) => (troubled = resolve));
    const active = createProjectionRunner({
      store,
      projection,
      batchSize: options.batchSize,
      readModelStore: readModelStoreOver(store.driver, store.schema, layouts, { session, key }),
      onError: (error) => {
        options.onError?.(error);
        if (error._tag !== "PoisonEvent") troubled();
      },
    });
    runner = active;
    become("active");
    void active.start()();
    const why = await Promise.race([
      session.lost.then(() => "lost" as const),
      stopSignal.then(() => "stop" as const),
      trouble.then(() => "trouble" as const),
    ]);
    runner = undefined;
    await active.stop();
    return why;
  };

  const run = async (): Promise<void> => {
    while (!stopping) {
      become("standby");
      const session = await store.driver.openLockSession().catch(() => undefined);
      if (session === undefined) {
        await pause(pollMs, stopSignal);
        continue;
      }
      let steppedDown = false;
      try {
        if (await takeLock(session)) steppedDown = (await runActive(session)) !== "stop";
      } catch {
        steppedDown = true;
      } finally {
        await session.close().catch(() => undefined);
      }
      // A runner that lost the lock or stepped down waits two polls, so that a standby (which
      // tries every poll) takes over rather than the holder whose connection just failed.
      if (steppedDown) await pause(2 * pollMs, stopSignal);
    }
    become("stopped");
  };

  return {
    start: () => {
      if (loop !== undefined || stopping) return;
      loop = run();
    },
    stop: async () => {
      stopping = true;
      stopped();
      await loop;
    },
    role: () => role,
    active: () => runner,
  };
};

/** Waits `ms`, or less if one of `until` settles first; says which happened. */
const pause = (ms: number, ...until: Promise<unknown>[]): Promise<"elapsed" | "interrupted"> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve("elapsed"), ms);
    void Promise.race(until).then(() => {
      clearTimeout(timer);
      resolve("interrupted");
    });
  });
