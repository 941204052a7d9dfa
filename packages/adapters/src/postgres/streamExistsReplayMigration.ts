import { appendFunctionSql } from "./appendFunctionSql.js";

/**
 * Migration 5: the append function of migration 3, but a batch already recorded whole and in
 * order is also the retry of an append that expected `stream_exists` when it was the stream's
 * first batch (the stream exists now because of it). EventStoreDB treats that retry as the
 * idempotent no-op it treats `any` as; so do the memory store and, from here, PostgreSQL.
 */
export const streamExistsReplayMigration = (schema: string): string =>
  appendFunctionSql(schema, (s) => `(p_expected = 'stream_exists' OR ${s}.expected_revision_matches(p_expected, v_start - 1))`);
