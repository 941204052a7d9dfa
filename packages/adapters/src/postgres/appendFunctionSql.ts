import { appendChannel, appendLockKey, quoteIdentifier } from "./sqlNames.js";

/**
 * The SQL of the append function (`CREATE OR REPLACE FUNCTION append_to_stream`) as migrations 3
 * and 5 write it: identical but for `replayCondition`, the test that decides whether a batch
 * already recorded whole, from revision `v_start`, is the retry of this append. Kept in one
 * place so that the two migrations cannot drift apart; each passes its own condition, so the SQL
 * of a shipped migration never changes.
 */
export const appendFunctionSql = (schema: string, replayCondition: (s: string) => string): string => {
  const s = quoteIdentifier(schema);
  const [lockClass, lockObject] = appendLockKey(schema);
  return `
-- Outcomes: appended | replayed (the same ids, already recorded there) | wrong_expected_version |
-- duplicate_event_id. r_revision/r_position: the stream's last event after the call (-1: none).
CREATE OR REPLACE FUNCTION ${s}.append_to_stream(p_stream text, p_expected text, p_events jsonb)
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
    IF FOUND AND ${replayCondition(s)} THEN
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
  -- One time per batch, read after the lock: recorded times follow positions (unless the clock
  -- steps back), except where an import names the time the event was first recorded.
  v_now := date_trunc('milliseconds', clock_timestamp());
  INSERT INTO ${s}.events (position, stream_name, revision, id, type, data, metadata, recorded_at)
    SELECT v_head + b.n, p_stream, v_revision + b.n, (b.event->>'id')::uuid, b.event->>'type',
           b.event->'data', b.event->'metadata', coalesce((b.event->>'recordedAt')::timestamptz, v_now)
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
