import { appendFunctionSql } from "./appendFunctionSql.js";

/** The first migration whose append function keeps a recorded time an import names. */
export const KEEPS_RECORDED_AT = 3;

/**
 * Migration 3: the append function of migration 1, unchanged but for one thing: an event that
 * brings a `recordedAt` (an import of an exported history; see `EventToAppend.recordedAt`) is
 * recorded at that time instead of the server's clock, so exporting the imported store gives the
 * file back byte for byte. The adapter has checked the form (UTC, to the millisecond), which
 * `to_char` in `sqlRows.ts` reads back unchanged. The function is replaced whole, as a migration
 * that has shipped is never edited; a replay (the same ids again) still keeps the first time.
 */
export const keptRecordedAtMigration = (schema: string): string =>
  appendFunctionSql(schema, (s) => `${s}.expected_revision_matches(p_expected, v_start - 1)`);
