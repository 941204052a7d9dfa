import * as E from "fp-ts/lib/Either.js";
import type { EventShape, EventStore } from "@grantledger/core";
import { projectAsOf } from "../projectAsOf.js";
import type { Projection } from "../projection.js";
import type { ReadModelStore } from "../store/readModelStore.js";

const bigints = (_: string, value: unknown): unknown => (typeof value === "bigint" ? `${value}n` : value);

/** The Right of an Either, or a throw that shows the Left. */
export const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected Right, got ${JSON.stringify(result.left, bigints)}`);
  return result.right;
};

/** A projection folded over everything in the store: the oracle the runners are held to. */
export const foldAll = async <S>(store: EventStore, projection: Projection<S, EventShape>): Promise<S> => right(await projectAsOf(store, projection)()).state;

/**
 * A read-model store that saves through `inner` until `failAt` saves have been made, and then
 * refuses: a process that dies at that point, having written nothing of that batch.
 */
export const failingAfter = (inner: ReadModelStore, failAt: number): ReadModelStore => {
  let saves = 0;
  return {
    load: inner.load,
    save: (name, model) => (saves++ >= failAt ? () => Promise.resolve(E.left({ _tag: "ReadModelStoreFailed", name, operation: "save", reason: "the process died" })) : inner.save(name, model)),
  };
};
