import { quoteIdentifier } from "./sqlNames.js";

/**
 * Migration 6: read models as rows, written row by row.
 *
 * `read_model_entries` keeps the state of each read model with a keyed-rows layout (the grant
 * register, the round budgets, the municipality totals, and any user projection given one) as
 * one jsonb row per entry of each of its collections; a save writes only the entries its batch
 * changed, in the transaction that moves the checkpoint in `read_models` (whose `state` is then
 * NULL). The key is compared byte by byte (`COLLATE "C"`), which is the order pages are listed
 * in and matches JavaScript's order for the ASCII ids the domain allows. The typed views give
 * the rows columns for plain SQL; `municipality_totals` and `participant_totals` keep the columns
 * migration 4 gave them, now over the entries. The rows of `read_model_rows` (derived from the
 * whole state, rewritten at every save) are deleted and the table is left unused, so that the
 * statements of migration 4 still apply to it; the next save of each read model writes its
 * entries. Every statement can run again on a schema that has it (a store whose record of this
 * migration was lost is migrated again).
 */
export const readModelEntriesMigration = (schema: string): string => {
  const s = quoteIdentifier(schema);
  const amounts = `(e.value->>'projects')::integer AS projects,
    (e.value->>'requested')::bigint AS requested_ore,
    (e.value->>'awarded')::bigint AS awarded_ore,
    (e.value->>'disbursed')::bigint AS disbursed_ore,
    (e.value->>'benefitsNok')::numeric AS benefits_ore,
    coalesce((e.value->>'repaid')::bigint, 0) AS repaid_ore,
    coalesce((e.value->>'returned')::bigint, 0) AS returned_ore`;
  const participants = `${s}.read_model_entries e WHERE e.name = 'municipality-totals' AND e.collection = 'participants'`;
  return `
ALTER TABLE ${s}.read_models ALTER COLUMN state DROP NOT NULL;
COMMENT ON COLUMN ${s}.read_models.state IS 'The whole state (V8 serialisation), or NULL when the state is kept as rows in read_model_entries.';

CREATE TABLE IF NOT EXISTS ${s}.read_model_entries (
  name text NOT NULL,
  collection text NOT NULL,
  key text COLLATE "C" NOT NULL,
  value jsonb NOT NULL,
  saved_checkpoint bigint,
  PRIMARY KEY (name, collection, key)
);
COMMENT ON TABLE ${s}.read_model_entries IS 'One row per entry of a read model''s state (name, collection, key), written by the save of the batch that changed it; saved_checkpoint is that save''s checkpoint.';

DROP VIEW IF EXISTS ${s}.municipality_totals;
DROP VIEW IF EXISTS ${s}.participant_totals;
DELETE FROM ${s}.read_model_rows;
COMMENT ON TABLE ${s}.read_model_rows IS 'Unused since migration 6 (see read_model_entries); kept so that the earlier migrations still apply.';

CREATE VIEW ${s}.municipality_totals AS
  SELECT e.value->>'id' AS municipality_no, e.value->>'name' AS name, e.value->>'countyNo' AS county_no, ${amounts}
  FROM ${participants} AND e.value->>'kind' = 'municipality';
COMMENT ON VIEW ${s}.municipality_totals IS 'Per municipality: projects, amounts requested, awarded (as amended) and disbursed (net), reported benefits, repaid and returned (øre).';

CREATE VIEW ${s}.participant_totals AS
  SELECT e.value->>'kind' AS kind, e.value->>'id' AS id, e.value->>'name' AS name, ${amounts}
  FROM ${participants} AND e.value->>'kind' <> 'municipality';
COMMENT ON VIEW ${s}.participant_totals IS 'Per participant that is not a municipality (county, county governor, state agency, other).';

CREATE OR REPLACE VIEW ${s}.grant_register AS
  SELECT e.key AS grant_id, e.value->>'roundId' AS round_id, e.value->>'status' AS status,
    e.value->'applicant'->>'orgNo' AS applicant_org_no, e.value->'applicant'->>'name' AS applicant_name, e.value->>'title' AS title,
    (e.value->>'totalCost')::bigint AS total_cost_ore, (e.value->>'requested')::bigint AS requested_ore,
    (e.value->>'awarded')::bigint AS awarded_ore, (e.value->>'disbursed')::bigint AS disbursed_ore,
    (e.value->>'repaid')::bigint AS repaid_ore, (e.value->>'paidNet')::bigint AS paid_net_ore,
    (e.value->>'openClaims')::bigint AS open_claims_ore, (e.value->>'conditionsAccepted')::boolean AS conditions_accepted,
    e.value->>'appliedAt' AS applied_at, e.value->>'decidedAt' AS decided_at, e.value AS row
  FROM ${s}.read_model_entries e WHERE e.name = 'grant-register' AND e.collection = 'grants';
COMMENT ON VIEW ${s}.grant_register IS 'One row per grant: where it stands and its figures (øre); row is the whole register row as JSON.';

CREATE OR REPLACE VIEW ${s}.round_budgets AS
  SELECT e.key AS round_id, e.value->>'name' AS name, e.value->>'schemeId' AS scheme_id,
    (e.value->>'openedBudget')::bigint AS opened_budget_ore, (e.value->>'budget')::bigint AS budget_ore,
    (e.value->>'committed')::bigint AS committed_ore, (e.value->>'budget')::bigint - (e.value->>'committed')::bigint AS remaining_ore,
    (e.value->>'released')::bigint AS released_ore, (e.value->>'disbursed')::bigint AS disbursed_ore,
    (e.value->>'applications')::integer AS applications, (e.value->>'awarded')::integer AS awarded,
    (e.value->>'rejected')::integer AS rejected, e.value->>'closedAt' AS closed_at
  FROM ${s}.read_model_entries e WHERE e.name = 'round-budget' AND e.collection = 'rounds';
COMMENT ON VIEW ${s}.round_budgets IS 'One row per round: budget, commitments, what remains and payments (øre), and applications by outcome.';
`;
};
