import { quoteIdentifier } from "./sqlNames.js";

/**
 * Migration 4: the totals views gain the figures of a grant's life after its award: what was
 * repaid (`repaid_ore`) and what closed grants gave back to their rounds (`returned_ore`).
 * `awarded_ore` and `disbursed_ore` keep their columns and now read net (as amended; paid net of
 * reversals and repayments), as the read model computes them. `CREATE OR REPLACE VIEW` only adds
 * columns at the end, so a query written against migration 2 reads what it always read.
 */
export const lifecycleFiguresMigration = (schema: string): string => {
  const s = quoteIdentifier(schema);
  const amounts = `(r.row->>'projects')::integer AS projects,
    (r.row->>'requested')::bigint AS requested_ore,
    (r.row->>'awarded')::bigint AS awarded_ore,
    (r.row->>'disbursed')::bigint AS disbursed_ore,
    (r.row->>'benefitsNok')::numeric AS benefits_ore,
    coalesce((r.row->>'repaid')::bigint, 0) AS repaid_ore,
    coalesce((r.row->>'returned')::bigint, 0) AS returned_ore`;
  return `
CREATE OR REPLACE VIEW ${s}.municipality_totals AS
  SELECT r.row->>'municipalityNo' AS municipality_no, r.row->>'name' AS name, r.row->>'countyNo' AS county_no, ${amounts}
  FROM ${s}.read_model_rows r WHERE r.name = 'municipality-totals' AND r.key LIKE 'municipality:%';
COMMENT ON VIEW ${s}.municipality_totals IS 'Per municipality: projects, amounts requested, awarded (as amended) and disbursed (net), reported benefits, repaid and returned (øre).';

CREATE OR REPLACE VIEW ${s}.participant_totals AS
  SELECT r.row->>'kind' AS kind, r.row->>'id' AS id, r.row->>'name' AS name, ${amounts}
  FROM ${s}.read_model_rows r WHERE r.name = 'municipality-totals' AND r.key NOT LIKE 'municipality:%';
COMMENT ON VIEW ${s}.participant_totals IS 'Per participant that is not a municipality (county, county governor, state agency, other).';
`;
};
