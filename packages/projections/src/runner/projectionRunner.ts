import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { StoreFailure, type AllSubscription, type RecordedEvent } from "@grantledger/core";
import { foldRecorded } from "../foldRecorded.js";
import type { ProjectionSnapshot } from "../projection.js";
import type { EventStoreFailed, ProjectionError } from "../projectionError.js";
import { createBatchReader } from "./batchReader.js";
import { loadSnapshot, saveSnapshot } from "./checkpointStore.js";
import { createPositionWaiters, hasReached } from "./positionWaiters.js";
import type { ProjectionRunner, ProjectionRunnerOptions, RunnerStatus } from "./projectionRunnerTypes.js";
import { createSerialQueue } from "./serialQueue.js";
import { createRunnerTelemetry } from "./runnerTelemetry.js";

const subscriptionFailure = (projection: string, error: unknown): EventStoreFailed => ({
  _tag: "EventStoreFailed",
  projection,
  error:
    error instanceof StoreFailure
      ? error.error
      : { _tag: "StoreUnavailable", operation: "subscribeToAll", reason: error instanceof Error ? error.message : String(error) },
});

/** A runner for one projection over one event store and one read-model store. */
export const createProjectionRunner = <S>(options: ProjectionRunnerOptions<S>): ProjectionRunner<S> => {
  const { store, projection, readModelStore } = options;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1_000));
  const initial: ProjectionSnapshot<S> = { state: projection.initialState, checkpoint: undefined };
  const queue = createSerialQueue();
  const waiters = createPositionWaiters<S>();
  let snapshot = initial;
  let loaded = false;
  let failure: ProjectionError | undefined;
  let catchingUp = 0;
  let stopped = false;
  let live: { readonly subscription: AllSubscription; done: Promise<void> } | undefined;
  // stop() moves the generation on; a catch-up or follower begun under an older one winds down.
  let generation = 0;
  // Counts failures, so that a follower can tell one happened even if a retry has cleared it.
  let failures = 0;
  const telemetry = createRunnerTelemetry(projection.name, batchSize, () => snapshot.checkpoint, options.telemetry);

  const status = (): RunnerStatus =>
    failure !== undefined ? "failed" : catchingUp > 0 ? "catching-up" : live !== undefined ? "live" : stopped ? "stopped" : "idle";

  const fail = <A>(error: ProjectionError): Either<ProjectionError, A> => {
    failure = error;
    failures += 1;
    // A follower must not outlive a failure (its next batch could lie past events never applied).
    const follower = live;
    live = undefined;
    void follower?.subscription.close();
    waiters.giveUp(() => error);
    options.onError?.(error);
    return E.left(error);
  };

  // Answers waiters that nothing will move the checkpoint for any more.
  const settle = (): void => {
    const now = status();
    if (now !== "idle" && now !== "stopped") return;
    waiters.giveUp((position) => ({ _tag: "RunnerNotRunning", projection: projection.name, position, checkpoint: snapshot.checkpoint }));
  };

  const commit = async (next: ProjectionSnapshot<S>): Promise<Either<ProjectionError, void>> => {
    const saved = await saveSnapshot(readModelStore, projection, next);
    if (E.isLeft(saved)) return saved;
    snapshot = next;
    waiters.reached(next);
    return E.right(undefined);
  };

  // Applies a batch and saves it; at a poison event, saves what came before it, then fails.
  const applyBatchUntraced = async (events: readonly RecordedEvent[]): Promise<Either<ProjectionError, void>> => {
    const outcome = foldRecorded(projection, snapshot, events);
    if (outcome.snapshot.checkpoint !== snapshot.checkpoint) {
      const saved = await commit(outcome.snapshot);
      if (E.isLeft(saved)) return saved;
    }
    return outcome.poison === undefined ? E.right(undefined) : E.left(outcome.poison);
  };

  // Every batch, of a catch-up or of live following, under one span and in the batch metrics.
  const applyBatch = (events: readonly RecordedEvent[]): Promise<Either<ProjectionError, void>> =>
    telemetry.batch(events, () => applyBatchUntraced(events));

  const ensureLoaded = async (): Promise<Either<ProjectionError, void>> => {
    if (loaded) return E.right(undefined);
    const found = await loadSnapshot(readModelStore, projection);
    if (E.isLeft(found)) return found;
    // A stored state of another version is overwritten at once, so no reader takes it for ours.
    const ready = found.right.usable ? ((snapshot = found.right.snapshot), E.right(undefined)) : await commit(initial);
    loaded = E.isRight(ready);
    return ready;
  };

  const readToEnd = async (gen: number): Promise<Either<ProjectionError, ProjectionSnapshot<S>>> => {
    const ready = await ensureLoaded();
    if (E.isLeft(ready)) return fail(ready.left);
    while (gen === generation) {
      const page = await store.readAll({ after: snapshot.checkpoint, maxCount: batchSize })();
      if (E.isLeft(page)) return fail({ _tag: "EventStoreFailed", projection: projection.name, error: page.left });
      if (page.right.length === 0) break;
      const applied = await applyBatch(page.right);
      if (E.isLeft(applied)) return fail(applied.left);
    }
    return E.right(snapshot);
  };

  // Runs `work` as one queued step. It counts as catching up from the call on, not only once
  // its turn comes, so that a waitForPosition right after start() waits instead of giving up.
  const catchingUpStep = (work: () => Promise<Either<ProjectionError, ProjectionSnapshot<S>>>) => {
    failure = undefined;
    catchingUp += 1;
    return queue.run(async () => {
      try {
        return await work();
      } finally {
        catchingUp -= 1;
        settle();
      }
    });
  };

  const follow = (gen: number): NonNullable<typeof live> => {
    const subscription = store.subscribeToAll({ after: snapshot.checkpoint });
    const follower = { subscription, done: Promise.resolve() };
    const batches = createBatchReader(subscription, batchSize);
    const failuresBefore = failures;
    follower.done = (async () => {
      try {
        for (let batch = await batches.next(); batch !== undefined && gen === generation; batch = await batches.next()) {
          const events = batch;
          // A catch-up or rebuild may have read past what the subscription delivers next.
          const applied = await queue.run(async (): Promise<Either<ProjectionError, void> | "halt"> => {
            // After any failure (also one of a catch-up run beside it, since retried) the
            // checkpoint may lie behind this batch: applying it would skip the events between.
            if (failures !== failuresBefore) return "halt";
            const fresh = events.filter((event) => !hasReached(snapshot.checkpoint, event.position));
            return fresh.length === 0 ? E.right(undefined) : applyBatch(fresh);
          });
          if (applied === "halt") return;
          if (E.isLeft(applied)) return void fail(applied.left);
        }
      } catch (error) {
        fail(subscriptionFailure(projection.name, error));
      } finally {
        await subscription.close();
        if (live === follower) live = undefined;
        stopped = true;
        settle();
      }
    })();
    return follower;
  };

  const start = (): TaskEither<ProjectionError, ProjectionSnapshot<S>> => async () => {
    if (live !== undefined && failure === undefined) return E.right(snapshot);
    stopped = false;
    telemetry.started();
    const gen = generation;
    return catchingUpStep(async () => {
      const caught = await readToEnd(gen);
      if (E.isRight(caught) && gen === generation && live === undefined) live = follow(gen);
      return caught;
    });
  };

  const stop = async (): Promise<void> => {
    generation += 1;
    stopped = true;
    telemetry.stopped();
    const follower = live;
    if (follower !== undefined) {
      await follower.subscription.close();
      await follower.done;
    }
    await queue.run(() => Promise.resolve());
    settle();
  };

  return {
    catchUp: () => () => catchingUpStep(() => readToEnd(generation)),
    start,
    stop,
    // Under the queue, a live follower waits and then skips what the rebuild has already read.
    rebuild: () => () =>
      catchingUpStep(async () => {
        const reset = await commit(initial);
        if (E.isLeft(reset)) return fail(reset.left);
        loaded = true;
        return readToEnd(generation);
      }),
    current: () => snapshot,
    waitForPosition: (position) => () =>
      new Promise((answer) => {
        const now = status();
        if (hasReached(snapshot.checkpoint, position)) answer(E.right(snapshot));
        else if (failure !== undefined) answer(E.left(failure));
        else if (now === "idle" || now === "stopped") {
          answer(E.left({ _tag: "RunnerNotRunning", projection: projection.name, position, checkpoint: snapshot.checkpoint }));
        } else waiters.add(position, answer);
      }),
    status,
    failure: () => failure,
  };
};
