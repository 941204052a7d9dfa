import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { AccessDenied, EventStore, StoreClosed, StoreUnavailable } from "@grantledger/core";
import { appendEvents } from "./appendEvents.js";
import { AppendNotifications } from "./appendNotifications.js";
import { CURRENT_SCHEMA_VERSION } from "./migrate.js";
import { KEEPS_RECORDED_AT } from "./keptRecordedAtMigration.js";
import { openSchema } from "./openSchema.js";
import type { SchemaNotMigrated } from "./openSchema.js";
import { openPgDriver } from "./pgDriver.js";
import { openPgliteDriver } from "./pgliteDriver.js";
import { PostgresSubscription } from "./postgresSubscription.js";
import type { SubscriptionHost } from "./postgresSubscription.js";
import { readAllEvents, readStreamEvents, readSubscriptionPage } from "./readEvents.js";
import { accessDenied, isAccessDenied, isConnectionFailure, unavailable } from "./sqlErrors.js";
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

/**
 * Whether `store` is this adapter's (a PostgreSQL server or PGlite), which carries its driver and
 * schema: what a bulk import or a read-model store in the same database needs.
 */
export const isPostgresEventStore = (store: EventStore): store is PostgresEventStore => "driver" in store && "schema" in store;

/** Events a subscription reads per query while catching up. */
const PAGE_SIZE = 500;

/** Why a PostgreSQL store could not be opened; each says why in `reason`. Nothing is left open. */
export type OpenPostgresStoreError = InvalidStoreConfig | StoreUnavailable | AccessDenied | SchemaNotMigrated;

/**
 * Opens an event store on a PostgreSQL server (`postgres://…`) or embedded PGlite
 * (`pglite:memory`, `pglite:<directory>`). It reads the schema's version first and creates or
 * migrates the schema only if it is behind (and `migrate` is not `false`), so a current store
 * opens with read rights only. A server that cannot be reached, refuses the credentials or does
 * not answer within `connectTimeoutMs` gives `StoreUnavailable`; a role that may not migrate a
 * schema that is behind, `AccessDenied`; nothing is left open then.
 *
 * @example
 * const opened = await createPostgresEventStore("postgres://postgres@127.0.0.1:5432/grants")();
 * if (E.isLeft(opened)) throw new Error(opened.left.reason);
 * const ledger = createGrantLedger({ store: opened.right });
 */
export const createPostgresEventStore =
  (input: string | PostgresStoreOptions): TaskEither<OpenPostgresStoreError, PostgresEventStore> =>
  async () => {
    const config = resolveStoreConfig(input);
    if (E.isLeft(config)) return config;
    let driver: SqlDriver;
    try {
      driver = await openDriver(config.right);
    } catch (error) {
      return E.left(unavailable("connect", error));
    }
    let opened: Either<SchemaNotMigrated | StoreUnavailable | AccessDenied, number>;
    try {
      opened = await openSchema(driver, config.right.schema, config.right.migrate);
    } catch (error) {
      opened = E.left(schemaFailure(error, config.right.migrate ? "migrate" : "open"));
    }
    if (E.isLeft(opened)) {
      await driver.close().catch(() => undefined);
      return opened;
    }
    return E.right(postgresEventStoreOver(driver, config.right, opened.right));
  };

// What went wrong reading the schema's version (or migrating it): a role that may not even read
// the schema is denied, not unavailable, since no retry will heal it.
const schemaFailure = (error: unknown, operation: string): StoreUnavailable | AccessDenied =>
  isConnectionFailure(error) ? unavailable("connect", error) : isAccessDenied(error) ? accessDenied("open", error) : unavailable(operation, error);

const openDriver = ({ target, poolSize, connectTimeoutMs, statementTimeoutMs, applicationName }: StoreConfig): Promise<SqlDriver> =>
  target.kind === "server"
    ? openPgDriver({ connectionString: target.connectionString, poolSize, connectTimeoutMs, statementTimeoutMs, applicationName })
    : openPgliteDriver(target);

/**
 * The store over an open driver whose schema is at migration `schemaVersion` (by default the
 * current one: migrated); `close()` closes the driver too.
 */
export const postgresEventStoreOver = (driver: SqlDriver, config: StoreConfig, schemaVersion: number = CURRENT_SCHEMA_VERSION): PostgresEventStore => {
  const { schema } = config;
  const keepsRecordedAt = schemaVersion >= KEEPS_RECORDED_AT;
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
      guarded("appendToStream", () => appendEvents(driver, schema, streamName, events, options?.expectedRevision ?? "any", keepsRecordedAt)),
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
