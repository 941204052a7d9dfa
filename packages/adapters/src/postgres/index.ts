/**
 * The event store, the read-model store and the single-active projection runner over PostgreSQL,
 * on a server (`pg`) or embedded (PGlite), with the migrations that create their schema.
 *
 * @packageDocumentation
 */
export { createPostgresEventStore, isPostgresEventStore, postgresEventStoreOver } from "./postgresEventStore.js";
export type { OpenPostgresStoreError, PostgresEventStore } from "./postgresEventStore.js";
export { checkImport, DEFAULT_EVENTS_PER_TRANSACTION, importEvents, startBulkImport } from "./bulkImport.js";
export type { BulkImport, BulkImportError, BulkImportOptions, BulkImportReport, EventInTheWay, ImportCheck, ImportConflict, ImportNeedsMigration, MovedPosition } from "./bulkImport.js";
export { schemaVersion } from "./openSchema.js";
export type { SchemaNotMigrated } from "./openSchema.js";
export { resolveStoreConfig } from "./storeConfig.js";
export type { InvalidStoreConfig, PostgresStoreOptions, StoreConfig, StoreTarget } from "./storeConfig.js";
export { CURRENT_SCHEMA_VERSION, migrate, MIGRATIONS, SchemaTooNew } from "./migrate.js";
export type { Migration } from "./migrate.js";
export { DEFAULT_SCHEMA } from "./sqlNames.js";
export { createPostgresPersonalDataKeys, personalDataKeysOf } from "./postgresPersonalDataKeys.js";
export type { AdvisoryLockKey, LockSession, NotificationListener, SqlDriver, SqlExecutor, SqlRow } from "./sqlDriver.js";
export type { PgliteSource } from "./pgliteDriver.js";
export { createPostgresReadModelStore } from "./postgresReadModelStore.js";
export type { PostgresReadModelStoreOptions } from "./postgresReadModelStore.js";
export { createPostgresReadModelQueries, readModelCheckpoints } from "./postgresReadModelQueries.js";
export { createExclusiveProjectionRunner } from "./exclusiveProjectionRunner.js";
export type { ExclusiveProjectionRunner, ExclusiveProjectionRunnerOptions, RunnerRole } from "./exclusiveProjectionRunner.js";
