import { quoteIdentifier } from "./sqlNames.js";

/**
 * Migration 2: read models and their checkpoints, and rows for plain SQL.
 *
 * `read_models` keeps each projection's whole state with the checkpoint it stands at, in one row,
 * so that one UPDATE moves both. The state is bytes (V8's structured-clone serialisation)
 * because projection states hold `Map`s, bigints and sparse arrays that JSON would change.
 * For SQL, `read_model_rows` holds rows derived from the state (one JSON object per key),
 * written in the same transaction; the views give them typed columns.
 */
export const readModelTablesMigration = (schema: string): string => {
  const s = quoteIdentifier(schema);
  const amounts = `(r.row->>'projects')::integer AS projects,
    (r.row->>'requested')::bigint AS requested_ore,
    (r.row->>'awarded')::bigint AS awarded_ore,
    (r.row->>'disbursed')::bigint AS disbursed_ore,
    (r.row->>'benefitsNok')::numeric AS benefits_ore`;
  return `
CREATE TABLE ${s}.read_models (
  name text PRIMARY KEY,
  version integer NOT NULL,
  checkpoint bigint,
  state bytea NOT NULL,
  saved_at timestamptz NOT NULL
);
COMMENT ON TABLE ${s}.read_models IS 'One row per projection: its state (V8 serialisation) and the last global position folded into it (NULL: none yet).';

CREATE TABLE ${s}.read_model_rows (
  name text NOT NULL,
  key text NOT NULL,
  row jsonb NOT NULL,
  PRIMARY KEY (name, key)
);
COMMENT ON TABLE ${s}.read_model_rows IS 'Rows derived from a read model''s state, saved with it in one transaction; see the views.';

CREATE VIEW ${s}.municipality_totals AS
  SELECT r.row->>'municipalityNo' AS municipality_no, r.row->>'name' AS name, r.row->>'countyNo' AS county_no, ${amounts}
  FROM ${s}.read_model_rows r WHERE r.name = 'municipality-totals' AND r.key LIKE 'municipality:%';
COMMENT ON VIEW ${s}.municipality_totals IS 'Per municipality: projects, amounts requested, awarded and disbursed (øre), reported benefits (øre).';

CREATE VIEW ${s}.participant_totals AS
  SELECT r.row->>'kind' AS kind, r.row->>'id' AS id, r.row->>'name' AS name, ${amounts}
  FROM ${s}.read_model_rows r WHERE r.name = 'municipality-totals' AND r.key NOT LIKE 'municipality:%';
COMMENT ON VIEW ${s}.participant_totals IS 'Per participant that is not a municipality (county, county governor, state agency, other).';
`;
};
