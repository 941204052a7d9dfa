import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { EventStore, StoreClosed, StoreUnavailable } from "@grantledger/core";
import { appendEvents } from "./appendEvents.js";
import { AppendNotifications } from "./appendNotifications.js";
import { migrate } from "./migrate.js";
import { openPgDriver } from "./pgDriver.js";
import { openPgliteDriver } from "./pgliteDriver.js";
import { PostgresSubscription } from "./postgresSubscription.js";
import type { SubscriptionHost } from "./postgresSubscription.js";
import { readAllEvents, readStreamEvents, readSubscriptionPage } from "./readEvents.js";
import { isConnectionFailure, unavailable } from "./sqlErrors.js";
import { appendChannel } from "./sqlNames.js";
import { resolveStoreConfig } from "./storeConfig.js";
import type { InvalidStoreConfig, PostgresStoreOptions, StoreConfig } from "./storeConfig.js";
import type { SqlDriver } from "./sqlDriver.js";

/** An {@link EventStore} in PostgreSQL, with what read-model stores need to share its database. */
export interface PostgresEventStore extends EventStore {
  /** The schema holding its tables. */
  readonly schema: string;
  /** Its connections, for a read-model store or a tool working in the same database. */
  readonly driver: SqlDriver;
}

/** Events a subscription reads per query while catching up. */
const PAGE_SIZE = 500;

/**
 * Opens an event store on a PostgreSQL server (`postgres://…`) or embedded PGlite
 * (`pglite:memory`, `pglite:<directory>`), creating or migrating its schema first. A server that
 * cannot be reached, refuses the credentials or does not answer within `connectTimeoutMs` gives
 * `StoreUnavailable`; nothing is left open then.
 *
 * @example
 * const opened = await createPostgresEventStore("postgres://postgres@127.0.0.1:5432/grants")();
 * if (E.isLeft(opened)) throw new Error(opened.left.reason);
 * const ledger = createGrantLedger({ store: opened.right });
 */
export const createPostgresEventStore =
  (input: string | PostgresStoreOptions): TaskEither<InvalidStoreConfig | StoreUnavailable, PostgresEventStore> =>
  async () => {
    const config = resolveStoreConfig(input);
    if (E.isLeft(config)) return config;
    let driver: SqlDriver;
    try {
      driver = await openDriver(config.right);
    } catch (error) {
      return E.left(unavailable("connect", error));
    }
    try {
      await migrate(driver, config.right.schema);
    } catch (error) {
      await driver.close().catch(() => undefined);
      return E.left(unavailable(isConnectionFailure(error) ? "connect" : "migrate", error));
    }
    return E.right(postgresEventStoreOver(driver, config.right));
  };

const openDriver = ({ target, poolSize, connectTimeoutMs, statementTimeoutMs, applicationName }: StoreConfig): Promise<SqlDriver> =>
  target.kind === "server"
    ? openPgDriver({ connectionString: target.connectionString, poolSize, connectTimeoutMs, statementTimeoutMs, applicationName })
    : openPgliteDriver(target);

/** The store over an open, migrated driver; `close()` closes the driver too. */
export const postgresEventStoreOver = (driver: SqlDriver, config: StoreConfig): PostgresEventStore => {
  const { schema } = config;
  let closed = false;
  // Work sent to the database and not yet answered: close() lets it finish before the driver goes.
  const inFlight = new Set<Promise<unknown>>();
  const track = <A>(work: Promise<A>): Promise<A> => {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  };
  const notifications = new AppendNotifications(driver, appendChannel(schema));
  const host: SubscriptionHost = {
    readPage: (after, prefix) => track(readSubscriptionPage(driver, schema, after, prefix, PAGE_SIZE)),
    notifications,
    pollIntervalMs: config.pollIntervalMs,
    reconnectTimeoutMs: config.reconnectTimeoutMs,
    open: new Set(),
    isClosed: () => closed,
  };

  // Every operation: refused once closed, and a driver failure becomes a typed error, never a rejection.
  const guarded =
    <Err, A>(operation: string, work: () => Promise<Either<Err, A>>): TaskEither<Err | StoreUnavailable | StoreClosed, A> =>
    async () => {
      if (closed) return E.left({ _tag: "StoreClosed", operation });
      try {
        return await track(work());
      } catch (error) {
        return E.left(closed ? { _tag: "StoreClosed", operation } : unavailable(operation, error));
      }
    };

  return {
    schema,
    driver,
    appendToStream: (streamName, events, options) =>
      guarded("appendToStream", () => appendEvents(driver, schema, streamName, events, options?.expectedRevision ?? "any")),
    readStream: (streamName, options) => guarded("readStream", () => readStreamEvents(driver, schema, streamName, options)),
    readAll: (options) => guarded("readAll", async () => E.right(await readAllEvents(driver, schema, options))),
    subscribeToAll: (options) => new PostgresSubscription(host, options?.after ?? -1n, options?.streamNamePrefix),
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...host.open].map((subscription) => subscription.close()));
      await Promise.allSettled([...inFlight]);
      await notifications.close();
      await driver.close();
    },
  };
};
