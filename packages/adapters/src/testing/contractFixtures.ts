import * as E from "fp-ts/lib/Either.js";
import { expect } from "vitest";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { v4 } from "uuid";
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  JsonObject,
  RecordedEvent,
} from "@grantledger/core";

/** How a contract test reaches the store under test, which exists only once the suite has started. */
export type GetStore = () => EventStore;

/**
 * A stream name no other test, run or process uses, so the suite can run against a shared
 * persistent store that already holds events.
 */
export const uniqueStreamName = (label: string): string => `contract-${label}-${v4()}`;

/** An event with a fresh id. */
export const newEvent = (data: JsonObject = {}, type = "ContractTested", metadata: JsonObject = {}): EventToAppend => ({
  id: v4(),
  type,
  data,
  metadata,
});

/** `count` fresh events numbered from 0 in `data.n`. */
export const newEvents = (count: number): EventToAppend[] => Array.from({ length: count }, (_, n) => newEvent({ n }));

/** The success of a task, or a failed test showing the error. */
export const succeed = async <Err, A>(task: TaskEither<Err, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${show(result.left)}`);
  return result.right;
};

/** The error of a task, or a failed test showing the unexpected success. */
export const fail = async <Err, A>(task: TaskEither<Err, A>): Promise<Err> => {
  const result = await task();
  if (E.isRight(result)) throw new Error(`expected an error, got ${show(result.right)}`);
  return result.left;
};

/** Appends and returns the result, failing the test on an error. */
export const append = (
  store: EventStore,
  streamName: string,
  events: readonly EventToAppend[],
  expectedRevision: ExpectedRevision = "any",
): Promise<AppendResult> => succeed(store.appendToStream(streamName, events, { expectedRevision }));

/** A stream's events in revision order, failing the test on an error. */
export const readForwards = (store: EventStore, streamName: string): Promise<readonly RecordedEvent[]> =>
  succeed(store.readStream(streamName));

/**
 * The position after which only events appended later lie: the position of an event this call
 * appends to a stream of its own. Reads and subscriptions "after" it see this test's events only
 * (and whatever other writers do meanwhile), however much the store already holds.
 */
export const currentPosition = async (store: EventStore): Promise<bigint> =>
  (await append(store, uniqueStreamName("marker"), [newEvent()])).position;

/** The iterator of a subscription; a test takes it once and pulls from it with {@link take}. */
export const iterate = (subscription: AllSubscription): AsyncIterator<RecordedEvent> =>
  subscription[Symbol.asyncIterator]();

/**
 * The next `count` events of `iterator`, fewer if it ends first; rejects after `timeoutMs` so a
 * subscription that never delivers fails its test instead of hanging it.
 */
export const take = async (iterator: AsyncIterator<RecordedEvent>, count: number, timeoutMs = 5_000): Promise<RecordedEvent[]> => {
  const taken: RecordedEvent[] = [];
  while (taken.length < count) {
    const result = await withTimeout(iterator.next(), timeoutMs, `waited ${timeoutMs} ms for event ${taken.length + 1} of ${count}`);
    if (result.done === true) break;
    taken.push(result.value);
  }
  return taken;
};

/** Resolves as `promise` does, or rejects with `message` after `timeoutMs`. */
export const withTimeout = <A>(promise: Promise<A>, timeoutMs: number, message: string): Promise<A> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

/** Fails the test unless each event's position is greater than the one before. */
export const expectStrictlyIncreasing = (events: readonly RecordedEvent[]): void => {
  for (let index = 1; index < events.length; index++) {
    const [previous, current] = [events[index - 1], events[index]];
    if (previous !== undefined && current !== undefined) expect(current.position).toBeGreaterThan(previous.position);
  }
};

const show = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? `${item}n` : item)) ?? String(value);
