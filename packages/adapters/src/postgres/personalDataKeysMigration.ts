import { quoteIdentifier } from "./sqlNames.js";

/** The migration that creates the key store's tables; a schema before it has none. */
export const PERSONAL_DATA_KEYS = 8;

/**
 * Migration 8: the keys of data subjects, beside the events and never in them
 * (`personal_data_keys`: a random key id, the subject's exact text, the AES-256 key in
 * base64url), and the log of erasures (`personal_data_erasures`: the key ids erased, when and
 * why, never the subject). Forgetting a subject deletes its row of keys, which no event names.
 */
export const personalDataKeysMigration = (schema: string): string => {
  const s = quoteIdentifier(schema);
  return `
CREATE TABLE IF NOT EXISTS ${s}.personal_data_keys (
  key_id text PRIMARY KEY,
  subject text NOT NULL UNIQUE,
  key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ${s}.personal_data_keys IS 'One key per data subject; deleting a row erases every value sealed with it.';
CREATE TABLE IF NOT EXISTS ${s}.personal_data_erasures (
  key_id text PRIMARY KEY,
  reason text,
  erased_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ${s}.personal_data_erasures IS 'The key ids erased by grantledger forget, when and why; never the subject.';
`;
};
