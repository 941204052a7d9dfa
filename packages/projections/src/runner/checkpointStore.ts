import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { EventShape } from "@grantledger/core";
import type { Projection, ProjectionSnapshot } from "../projection.js";
import type { ReadModelStore, ReadModelStoreFailed } from "../store/readModelStore.js";

const thrown = (name: string, operation: "load" | "save", error: unknown): ReadModelStoreFailed => ({
  _tag: "ReadModelStoreFailed",
  name,
  operation,
  reason: error instanceof Error ? error.message : String(error),
});

/** What a load found: a state to continue from, or nothing usable (absent, or another version). */
export type Loaded<S> = { readonly usable: true; readonly snapshot: ProjectionSnapshot<S> } | { readonly usable: false };

/**
 * Loads a projection's stored snapshot. A store that throws instead of answering Left is still
 * answered as a Left, so the runner has one way of failing.
 */
export const loadSnapshot = async <S>(store: ReadModelStore, projection: Projection<S, EventShape>): Promise<Either<ReadModelStoreFailed, Loaded<S>>> => {
  try {
    const stored = await store.load(projection.name)();
    if (E.isLeft(stored)) return stored;
    const model = stored.right;
    if (model === undefined || model.version !== projection.version) return E.right({ usable: false });
    // The version is the guard on the state's shape: this projection, at this version, saved it.
    return E.right({ usable: true, snapshot: { state: model.state as S, checkpoint: model.checkpoint } });
  } catch (error) {
    return E.left(thrown(projection.name, "load", error));
  }
};

/** Saves state and checkpoint together, with the projection's version. */
export const saveSnapshot = async <S>(
  store: ReadModelStore,
  projection: Projection<S, EventShape>,
  snapshot: ProjectionSnapshot<S>,
): Promise<Either<ReadModelStoreFailed, void>> => {
  try {
    return await store.save(projection.name, { version: projection.version, checkpoint: snapshot.checkpoint, state: snapshot.state })();
  } catch (error) {
    return E.left(thrown(projection.name, "save", error));
  }
};
