import { appendChannel, appendLockKey, quoteIdentifier } from "./sqlNames.js";

/**
 * Migration 1: the event log, its stream index, and the function every append goes through.
 *
 * The append is one statement calling one function, so a batch is a single round trip and is
 * all or nothing. Global order without late gaps: the function takes a transaction-scoped
 * advisory lock (one fixed key per schema) before it reads the head position, and keeps it until
 * its transaction has committed. Appends therefore commit one at a time, in position order:
 * when any reader can see position P, every position below P is already committed and visible,
 * so a reader that has passed P never later finds a new event below it. Positions are the
 * previous head + 1, read under that lock: contiguous from 0, and a rolled-back append leaves no
 * hole (a sequence would). The price is that appends to different streams do not run in
 * parallel; an append holds the lock for one function call plus its commit (a few tenths of a
 * millisecond on a local server), and readers never take it.
 */
export const eventTablesMigration = (schema: string): string => {
  const s = quoteIdentifier(schema);
  const [lockClass, lockObject] = appendLockKey(schema);
  return `
CREATE TABLE ${s}.streams (
  stream_name text PRIMARY KEY,
  revision bigint NOT NULL CHECK (revision >= 0),
  position bigint NOT NULL CHECK (position >= 0)
);
COMMENT ON TABLE ${s}.streams IS 'One row per stream: the revision and global position of its last event.';

CREATE TABLE ${s}.events (
  position bigint PRIMARY KEY CHECK (position >= 0),
  stream_name text NOT NULL,
  revision bigint NOT NULL CHECK (revision >= 0),
  id uuid NOT NULL UNIQUE,
  type text NOT NULL CHECK (type <> ''),
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  UNIQUE (stream_name, revision)
);
CREATE INDEX events_recorded_at ON ${s}.events (recorded_at);
COMMENT ON TABLE ${s}.events IS 'Every event, in one global order (position). Append-only: written by append_to_stream only.';

-- History is evidence: refuse to change or delete it, even by hand.
CREATE FUNCTION ${s}.refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'grantledger events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ${s}.events
  FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_history_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${s}.events
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_history_change();

-- EventStoreDB's expected revision against a stream's current one (-1: the stream has no events).
CREATE FUNCTION ${s}.expected_revision_matches(expected text, current_revision bigint) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE expected
    WHEN 'any' THEN true
    WHEN 'no_stream' THEN current_revision = -1
    WHEN 'stream_exists' THEN current_revision >= 0
    ELSE current_revision >= 0 AND current_revision = expected::bigint
  END
$fn$;

-- Outcomes: appended | replayed (the same ids, already recorded there) | wrong_expected_version |
-- duplicate_event_id. r_revision/r_position: the stream's last event after the call (-1: none).
CREATE FUNCTION ${s}.append_to_stream(p_stream text, p_expected text, p_events jsonb)
RETURNS TABLE (outcome text, r_revision bigint, r_position bigint, conflict_id uuid, conflict_stream text, conflict_revision bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count int := jsonb_array_length(p_events);
  v_start bigint;
  v_matched int;
  v_revision bigint := -1;
  v_position bigint := -1;
  v_head bigint;
  v_now timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(${lockClass}, ${lockObject});

  -- A retry of a batch already recorded whole, in order, where this writer would have put it.
  IF v_count > 0 THEN
    SELECT e.revision INTO v_start FROM ${s}.events e
      WHERE e.id = (p_events->0->>'id')::uuid AND e.stream_name = p_stream;
    IF FOUND AND ${s}.expected_revision_matches(p_expected, v_start - 1) THEN
      -- One look-up by the unique id per event: as a join, the planner scans the whole stream.
      SELECT count(*) INTO v_matched FROM jsonb_array_elements(p_events) WITH ORDINALITY AS b(event, n)
        WHERE (SELECT e.stream_name = p_stream AND e.revision = v_start + b.n - 1
               FROM ${s}.events e WHERE e.id = (b.event->>'id')::uuid);
      IF v_matched = v_count THEN
        RETURN QUERY SELECT 'replayed', e.revision, e.position, NULL::uuid, NULL::text, NULL::bigint
          FROM ${s}.events e WHERE e.stream_name = p_stream AND e.revision = v_start + v_count - 1;
        RETURN;
      END IF;
    END IF;
  END IF;

  SELECT st.revision, st.position INTO v_revision, v_position FROM ${s}.streams st WHERE st.stream_name = p_stream;
  IF NOT FOUND THEN
    v_revision := -1;
    v_position := -1;
  END IF;
  IF NOT ${s}.expected_revision_matches(p_expected, v_revision) THEN
    RETURN QUERY SELECT 'wrong_expected_version', v_revision, v_position, NULL::uuid, NULL::text, NULL::bigint;
    RETURN;
  END IF;

  RETURN QUERY SELECT 'duplicate_event_id', v_revision, v_position, e.id, e.stream_name, e.revision
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS b(event, n)
    JOIN ${s}.events e ON e.id = (b.event->>'id')::uuid
    ORDER BY b.n LIMIT 1;
  IF FOUND OR v_count = 0 THEN
    IF v_count = 0 THEN
      RETURN QUERY SELECT 'appended', v_revision, v_position, NULL::uuid, NULL::text, NULL::bigint;
    END IF;
    RETURN;
  END IF;

  -- A fresh snapshot (this function is VOLATILE), taken after the lock: the true head.
  SELECT coalesce(max(e.position), -1) INTO v_head FROM ${s}.events e;
  -- One time per batch, read after the lock: recorded times follow positions (unless the clock steps back).
  v_now := date_trunc('milliseconds', clock_timestamp());
  INSERT INTO ${s}.events (position, stream_name, revision, id, type, data, metadata, recorded_at)
    SELECT v_head + b.n, p_stream, v_revision + b.n, (b.event->>'id')::uuid, b.event->>'type',
           b.event->'data', b.event->'metadata', v_now
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS b(event, n);
  INSERT INTO ${s}.streams AS st (stream_name, revision, position) VALUES (p_stream, v_revision + v_count, v_head + v_count)
    ON CONFLICT (stream_name) DO UPDATE SET revision = excluded.revision, position = excluded.position;
  -- Delivered at commit, so a listener that hears it can already read the events.
  PERFORM pg_notify('${appendChannel(schema)}', (v_head + v_count)::text);
  RETURN QUERY SELECT 'appended', v_revision + v_count, v_head + v_count, NULL::uuid, NULL::text, NULL::bigint;
END
$fn$;
`;
};
