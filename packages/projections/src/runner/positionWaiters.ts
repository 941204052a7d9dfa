import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { ProjectionSnapshot } from "../projection.js";
import type { ProjectionError } from "../projectionError.js";

type Answer<S> = Either<ProjectionError, ProjectionSnapshot<S>>;

interface Waiter<S> {
  readonly position: bigint;
  readonly answer: (result: Answer<S>) => void;
}

/** Callers waiting for a runner to reach a position, answered as it moves on, fails or stops. */
export interface PositionWaiters<S> {
  add(position: bigint, answer: (result: Answer<S>) => void): void;
  /** Answers everyone whose position the snapshot has reached. */
  reached(snapshot: ProjectionSnapshot<S>): void;
  /** Answers everyone with `error`: the runner will not get further. */
  giveUp(error: (position: bigint) => ProjectionError): void;
}

/** Whether a snapshot includes everything up to `position`. */
export const hasReached = (checkpoint: bigint | undefined, position: bigint): boolean =>
  checkpoint !== undefined && checkpoint >= position;

/** No one waiting yet. */
export const createPositionWaiters = <S>(): PositionWaiters<S> => {
  const waiting = new Set<Waiter<S>>();
  return {
    add: (position, answer) => void waiting.add({ position, answer }),
    reached: (snapshot) => {
      for (const waiter of waiting) {
        if (!hasReached(snapshot.checkpoint, waiter.position)) continue;
        waiting.delete(waiter);
        waiter.answer(E.right(snapshot));
      }
    },
    giveUp: (error) => {
      for (const waiter of waiting) waiter.answer(E.left(error(waiter.position)));
      waiting.clear();
    },
  };
};
