import { appendChannel, appendLockKey, quoteIdentifier } from "./sqlNames.js";

/** The first migration that has the bulk import function `import_events`. */
export const HAS_IMPORT_EVENTS = 7;

/**
 * Migration 7: `import_events`, the function a bulk import (see `bulkImport.ts`) calls once a
 * transaction with thousands of events of many streams, in a history's global order, column by column.
 *
 * Each event is classified by two index look-ups: its id (the unique index) and its place (stream
 * and revision). An event whose id is already at its place with the same `hash` in its metadata
 * is already there (a repeated or resumed import) and is skipped; an id elsewhere, a place held by
 * another id or the same id with another hash is a conflict, and the first one in the batch's
 * order is returned with what holds it: nothing is written. The new events must each follow their
 * stream's last revision (in the table or earlier in the batch); they are inserted in the batch's
 * order at the next global positions, `streams` is updated from the rows inserted, and one
 * notification carries the new head, all in the caller's transaction.
 *
 * `p_write` false only classifies, without the lock (a check before anything is written). With
 * it, the function takes the same transaction-scoped append lock as `append_to_stream` before it
 * reads the head, so positions stay contiguous and commit-ordered (see migration 1): a bulk
 * transaction is, to every other writer and reader, one big append.
 */
export const importEventsMigration = (schema: string): string => {
  const s = quoteIdentifier(schema);
  const [lockClass, lockObject] = appendLockKey(schema);
  return `
-- Outcomes: imported | checked | duplicate_event_id | place_taken | different_hash | gap.
-- The batch comes column by column: arrays of its small fields (stream, revision, id, the hash in
-- the metadata or null, the position the event brings, type, recorded time) and its data and
-- metadata each as one JSON array (the same JSON text as jsonb[] elements costs the client and
-- the server several times more to escape and parse; a check sends them empty).
-- r_n: the 1-based index in the batch of the conflicting event; there_*: what the store holds.
CREATE OR REPLACE FUNCTION ${s}.import_events(p_write boolean, p_stream text[], p_revision bigint[], p_id uuid[], p_hash text[],
  p_position bigint[], p_type text[], p_recorded_at timestamptz[], p_data jsonb, p_metadata jsonb)
RETURNS TABLE (outcome text, appended bigint, already bigint, head bigint, r_n bigint, there_id uuid, there_stream text,
  there_revision bigint, there_hash text, moved_file bigint, moved_target bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_conflict bigint;
  v_already bigint;
  v_fresh boolean[];
  v_rank bigint[];
  v_new bigint;
  v_head bigint;
  v_appended bigint;
  v_moved_file bigint;
  v_moved_target bigint;
  c record;
BEGIN
  IF p_write THEN
    PERFORM pg_advisory_xact_lock(${lockClass}, ${lockObject});
  END IF;

  IF cardinality(p_id) IS NULL OR cardinality(p_id) = 0 THEN
    RETURN QUERY SELECT 'imported', 0::bigint, 0::bigint, (SELECT coalesce(max(e.position), -1) FROM ${s}.events e),
      NULL::bigint, NULL::uuid, NULL::text, NULL::bigint, NULL::text, NULL::bigint, NULL::bigint;
    RETURN;
  END IF;

  -- Each event by its id and by its place: already there, new, or in conflict.
  SELECT
    min(k.n) FILTER (WHERE k.kind IS NOT NULL),
    count(*) FILTER (WHERE k.kind IS NULL AND k.id_stream IS NOT NULL),
    count(*) FILTER (WHERE k.id_stream IS NULL AND k.kind IS NULL),
    array_agg(k.id_stream IS NULL AND k.kind IS NULL ORDER BY k.n)
  INTO v_conflict, v_already, v_new, v_fresh
  FROM (
    SELECT b.n, e.stream_name AS id_stream,
      CASE
        WHEN e.id IS NOT NULL AND (e.stream_name <> b.stream_name OR e.revision <> b.revision) THEN 'duplicate_event_id'
        WHEN e.id IS NOT NULL AND (e.metadata->>'hash') IS DISTINCT FROM b.hash THEN 'different_hash'
        WHEN e.id IS NULL AND p.id IS NOT NULL THEN 'place_taken'
      END AS kind
    FROM unnest(p_stream, p_revision, p_id, p_hash) WITH ORDINALITY AS b(stream_name, revision, id, hash, n)
    LEFT JOIN ${s}.events e ON e.id = b.id
    LEFT JOIN ${s}.events p ON p.stream_name = b.stream_name AND p.revision = b.revision
  ) k;

  IF v_conflict IS NOT NULL THEN
    SELECT e.id AS id_id, e.stream_name AS id_stream, e.revision AS id_revision, e.metadata->>'hash' AS id_hash,
      p.id AS place_id, p.metadata->>'hash' AS place_hash
      INTO c
      FROM (SELECT 1) one
      LEFT JOIN ${s}.events e ON e.id = p_id[v_conflict]
      LEFT JOIN ${s}.events p ON p.stream_name = p_stream[v_conflict] AND p.revision = p_revision[v_conflict];
    IF c.id_id IS NULL THEN
      RETURN QUERY SELECT 'place_taken', 0::bigint, v_already, NULL::bigint, v_conflict, c.place_id, p_stream[v_conflict], p_revision[v_conflict], c.place_hash, NULL::bigint, NULL::bigint;
    ELSIF c.id_stream <> p_stream[v_conflict] OR c.id_revision <> p_revision[v_conflict] THEN
      RETURN QUERY SELECT 'duplicate_event_id', 0::bigint, v_already, NULL::bigint, v_conflict, c.id_id, c.id_stream, c.id_revision, c.id_hash, NULL::bigint, NULL::bigint;
    ELSE
      RETURN QUERY SELECT 'different_hash', 0::bigint, v_already, NULL::bigint, v_conflict, c.id_id, c.id_stream, c.id_revision, c.id_hash, NULL::bigint, NULL::bigint;
    END IF;
    RETURN;
  END IF;

  IF NOT p_write THEN
    RETURN QUERY SELECT 'checked', 0::bigint, v_already, NULL::bigint, NULL::bigint, NULL::uuid, NULL::text, NULL::bigint, NULL::text, NULL::bigint, NULL::bigint;
    RETURN;
  END IF;
  IF v_new = 0 THEN
    RETURN QUERY SELECT 'imported', 0::bigint, v_already, (SELECT coalesce(max(e.position), -1) FROM ${s}.events e),
      NULL::bigint, NULL::uuid, NULL::text, NULL::bigint, NULL::text, NULL::bigint, NULL::bigint;
    RETURN;
  END IF;

  -- Every new event follows its stream's last: in the table, or the one before it in the batch.
  -- (Arrays are zipped with ROWS FROM, never joined on their ordinals: the planner guesses 100
  -- rows a function and would loop over one for each row of the other.)
  SELECT g.n, st.revision INTO c FROM (
    SELECT z.n, z.stream_name, z.revision, row_number() OVER (PARTITION BY z.stream_name ORDER BY z.n) AS k
    FROM ROWS FROM (unnest(p_stream), unnest(p_revision), unnest(v_fresh)) WITH ORDINALITY AS z(stream_name, revision, fresh, n)
    WHERE z.fresh
  ) g LEFT JOIN ${s}.streams st ON st.stream_name = g.stream_name
  WHERE g.revision <> coalesce(st.revision, -1) + g.k
  ORDER BY g.n LIMIT 1;
  IF FOUND THEN
    RETURN QUERY SELECT 'gap', 0::bigint, v_already, NULL::bigint, c.n, NULL::uuid, p_stream[c.n], c.revision, NULL::text, NULL::bigint, NULL::bigint;
    RETURN;
  END IF;

  -- Each new event's place among the new ones, worked out on the small fields: a window over the
  -- rows with their data would sort megabytes, past work_mem and onto disk.
  SELECT array_agg(x.k ORDER BY x.n) INTO v_rank FROM (
    SELECT f.n, CASE WHEN f.fresh THEN sum(CASE WHEN f.fresh THEN 1 ELSE 0 END) OVER (ORDER BY f.n) END AS k
    FROM unnest(v_fresh) WITH ORDINALITY AS f(fresh, n)
  ) x;
  -- A fresh snapshot, taken after the lock: the true head.
  SELECT coalesce(max(e.position), -1) INTO v_head FROM ${s}.events e;
  WITH inserted AS (
    INSERT INTO ${s}.events (position, stream_name, revision, id, type, data, metadata, recorded_at)
      SELECT v_head + z.rank, z.stream_name, z.revision, z.id, z.type, z.data, z.metadata, z.recorded_at
      FROM ROWS FROM (unnest(p_stream), unnest(p_revision), unnest(p_id), unnest(p_type), unnest(p_recorded_at),
                      jsonb_array_elements(p_data), jsonb_array_elements(p_metadata), unnest(v_rank))
        AS z(stream_name, revision, id, type, recorded_at, data, metadata, rank)
      WHERE z.rank IS NOT NULL
    RETURNING events.stream_name, events.revision, events.position
  ), heads AS (
    INSERT INTO ${s}.streams AS st (stream_name, revision, position)
      SELECT i.stream_name, max(i.revision), max(i.position) FROM inserted i GROUP BY i.stream_name
      ON CONFLICT (stream_name) DO UPDATE SET revision = excluded.revision, position = excluded.position
  )
  SELECT count(*) INTO v_appended FROM inserted;

  -- The first new event the store puts at another position than the history's, if any.
  SELECT z.p, v_head + z.rank INTO v_moved_file, v_moved_target
    FROM ROWS FROM (unnest(p_position), unnest(v_rank)) AS z(p, rank)
    WHERE z.rank IS NOT NULL AND z.p IS DISTINCT FROM v_head + z.rank
    ORDER BY z.rank LIMIT 1;
  -- Delivered at commit, so a listener that hears it can already read the events.
  PERFORM pg_notify('${appendChannel(schema)}', (v_head + v_appended)::text);
  RETURN QUERY SELECT 'imported', v_appended, v_already, v_head + v_appended, NULL::bigint, NULL::uuid, NULL::text, NULL::bigint, NULL::text,
    v_moved_file, v_moved_target;
END
$fn$;
`;
};
