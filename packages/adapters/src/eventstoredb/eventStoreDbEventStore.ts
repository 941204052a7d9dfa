import { EventStoreDBClient } from "@eventstore/db-client";
import { StoreFailure } from "@grantledger/core";
import type { AllSubscription, EventStore, StoreClosed } from "@grantledger/core";
import { appendEvents } from "./appendOperation.js";
import { defaultResubscribePolicy, EventStoreDbAllSubscription } from "./allSubscription.js";
import type { ResubscribePolicy } from "./allSubscription.js";
import { checkDeadline } from "./deadline.js";
import { readAllEvents, readStreamEvents } from "./readOperations.js";
import { runGuarded } from "./storeContext.js";
import type { StoreContext } from "./storeContext.js";

/** The deadline of every adapter call unless one is given: the client's own default. */
export const DEFAULT_DEADLINE_MS = 10_000;

/** Options shared by both ways of connecting. */
export interface EventStoreDbSettings {
  /** The longest any one call (append, read) may take before it is `StoreUnavailable`. Default 10 s. */
  readonly deadlineMs?: number;
  /** How subscriptions ride out dropped connections. */
  readonly resubscribe?: ResubscribePolicy;
}

/**
 * Where the store is: a connection string (`esdb://host:2113?tls=false`, or
 * `esdb+discover://host:2113` for a cluster found by gossip), or a client you built yourself.
 * A client you pass is yours: `close()` leaves it open.
 */
export type EventStoreDbConnection =
  | string
  | (EventStoreDbSettings & {
      /** The server's address, as a bare string would give it; the store closes its client. */
      readonly connectionString: string;
    })
  | (EventStoreDbSettings & {
      /** A client you built and own: the store uses it and leaves it open. */
      readonly client: EventStoreDBClient;
    });

/**
 * An {@link EventStore} over EventStoreDB (or KurrentDB, which speaks the same gRPC protocol),
 * through `@eventstore/db-client` 6.2. Every call has its own deadline, and returns its errors as
 * tagged values, never as rejections. A malformed connection string throws here, at setup.
 *
 * An event's `recordedAt` is the server's `created` time, except for an event appended with a
 * time of its own (`EventToAppend.recordedAt`, an imported history's): the server stamps every
 * event itself, so the adapter keeps the given time in the event's metadata under the reserved
 * key `$recordedAt`, and reads report it as `recordedAt` and leave it out of the metadata they
 * return. Other EventStoreDB clients reading the raw event see the key. An append whose own
 * metadata holds `$recordedAt` is refused as `InvalidAppend`.
 *
 * @example
 * const store = createEventStoreDbEventStore("esdb://localhost:2113?tls=false");
 */
export const createEventStoreDbEventStore = (connection: EventStoreDbConnection): EventStore => {
  const settings: EventStoreDbSettings = typeof connection === "string" ? {} : connection;
  const deadlineMs = checkDeadline(settings.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const owned = typeof connection === "string" || "connectionString" in connection;
  const client =
    typeof connection === "string"
      ? EventStoreDBClient.connectionString(connection)
      : "connectionString" in connection
        ? EventStoreDBClient.connectionString(connection.connectionString)
        : connection.client;
  let closed = false;
  const context: StoreContext = {
    client,
    deadlineMs,
    isClosed: () => closed,
  };
  const policy = settings.resubscribe ?? defaultResubscribePolicy;
  const subscriptions = new Set<EventStoreDbAllSubscription>();

  return {
    appendToStream: (streamName, events, options) => () =>
      runGuarded(context, "appendToStream", (onDeadline) =>
        appendEvents(context, streamName, events, options?.expectedRevision ?? "any", onDeadline),
      ),

    readStream: (streamName, options) => () =>
      runGuarded(context, "readStream", (onDeadline) => readStreamEvents(context, streamName, options, onDeadline)),

    readAll: (options) => () => runGuarded(context, "readAll", (onDeadline) => readAllEvents(context, options, onDeadline)),

    subscribeToAll: (options): AllSubscription => {
      if (closed) return closedSubscription();
      const subscription = new EventStoreDbAllSubscription(context, options, policy, (ended) => subscriptions.delete(ended));
      subscriptions.add(subscription);
      return subscription;
    },

    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      if (owned) await client.dispose();
    },
  };
};

/** The subscription a closed store hands out: iterating it throws {@link StoreFailure}. */
const closedSubscription = (): AllSubscription => {
  const error: StoreClosed = { _tag: "StoreClosed", operation: "subscribeToAll" };
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new StoreFailure(error)) }),
    close: () => Promise.resolve(),
  };
};
