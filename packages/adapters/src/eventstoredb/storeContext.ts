import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { EventStoreDBClient, ResolvedEvent, StreamingRead } from "@eventstore/db-client";
import type { StoreClosed, StoreUnavailable } from "@grantledger/core";
import { withDeadline } from "./deadline.js";
import { unavailabilityReason, unavailable } from "./errorMapping.js";

/** What every operation of the adapter needs: the client, the deadline, and whether the store is closed. */
export interface StoreContext {
  readonly client: EventStoreDBClient;
  readonly deadlineMs: number;
  readonly isClosed: () => boolean;
}

/** Lets an operation say how to stop what it started, should its deadline pass first. */
export type OnDeadline = (cancel: () => void) => void;

/**
 * Runs one adapter call: refused once the store is closed, bounded by the deadline, and never
 * rejecting (a TaskEither must not): whatever `work` throws becomes `StoreUnavailable`. `work`
 * maps the client's expected errors itself and lets only the unexpected ones escape.
 */
export const runGuarded = async <Err, A>(
  context: StoreContext,
  operation: string,
  work: (onDeadline: OnDeadline) => Promise<Either<Err, A>>,
): Promise<Either<Err | StoreUnavailable | StoreClosed, A>> => {
  if (context.isClosed()) return E.left({ _tag: "StoreClosed", operation });
  const cancels: (() => void)[] = [];
  try {
    const started = work((cancel) => cancels.push(cancel));
    return await withDeadline(operation, context.deadlineMs, started, () => {
      for (const cancel of cancels) cancel();
    });
  } catch (error) {
    return E.left(unavailable(operation, unavailabilityReason(error)));
  }
};

/**
 * Feeds every event of a client read to `visit`. Reads are always consumed to their end and
 * bounded by the server (`maxCount`) instead of being abandoned early: a read left half-consumed
 * keeps its gRPC stream paused and unfinished, and the client's `dispose()` then waits for it
 * forever. So if `visit` throws, the rest of the read is drained and the error thrown after it.
 * Only a read overtaken by its deadline is cancelled. The client throws a read's own errors
 * (stream not found, unavailable) from the iteration.
 */
export const collect = async <R extends ResolvedEvent>(read: StreamingRead<R>, onDeadline: OnDeadline, visit: (resolved: R) => void): Promise<void> => {
  onDeadline(() => {
    read.cancel().catch(() => undefined);
    read.destroy();
  });
  let failure: { readonly error: unknown } | undefined;
  for await (const resolved of read) {
    if (failure !== undefined) continue;
    try {
      visit(resolved);
    } catch (error) {
      failure = { error };
    }
  }
  if (failure !== undefined) throw failure.error;
};
