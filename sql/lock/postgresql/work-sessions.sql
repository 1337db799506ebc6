-- The sessions still holding the work lock: who, since when, doing what.
SELECT a.pid::text, COALESCE(EXTRACT(EPOCH FROM now() - a.query_start)::bigint, 0), LEFT(COALESCE(a.query, ''), 160)
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ${workClass}
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database());
