import * as E from "fp-ts/lib/Either.js";
import { IncrementalCopier } from "./incrementalCopy.js";
import type { ReadModelStore, ReadModelStoreFailed, StoredReadModel } from "./readModelStore.js";

const failure = (name: string, operation: "load" | "save", error: unknown): ReadModelStoreFailed => ({
  _tag: "ReadModelStoreFailed",
  name,
  operation,
  reason: error instanceof Error ? error.message : String(error),
});

/**
 * A {@link ReadModelStore} in memory, for tests, examples and short-lived tools. It keeps a deep
 * copy of each saved model and hands out a fresh `structuredClone` of it on every load, so no
 * caller can change what was saved. Saves copy incrementally (`store/incrementalCopy.ts`):
 * an object saved before is taken to be unchanged, as a projection's states are immutable, so
 * save changes as new objects, never by changing a saved object in place. A state that cannot be
 * copied (a function, a class instance) is refused with `ReadModelStoreFailed`, as a persistent
 * store would refuse it.
 */
export const createMemoryReadModelStore = (): ReadModelStore => {
  const models = new Map<string, StoredReadModel>();
  const copiers = new Map<string, IncrementalCopier>();
  const copierOf = (name: string): IncrementalCopier => {
    const known = copiers.get(name);
    if (known !== undefined) return known;
    const copier = new IncrementalCopier();
    copiers.set(name, copier);
    return copier;
  };
  return {
    // Answers on a later microtask, as a real store answers later.
    load: (name) => () =>
      Promise.resolve().then(() => {
        const model = models.get(name);
        try {
          return E.right(model === undefined ? undefined : structuredClone(model));
        } catch (error) {
          return E.left(failure(name, "load", error));
        }
      }),
    save: (name, model) => () =>
      Promise.resolve().then(() => {
        try {
          const state = copierOf(name).copy(model.state);
          models.set(name, { version: model.version, checkpoint: model.checkpoint, state });
          return E.right(undefined);
        } catch (error) {
          // A copy that failed half-way may have remembered half-made copies: forget them all.
          copiers.delete(name);
          return E.left(failure(name, "save", error));
        }
      }),
  };
};
