-- PostgreSQL: unique constraints (contype u) of a table in the current schema, one row per column.
SELECT c.conname, a.attname
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
WHERE c.contype = 'u' AND n.nspname = current_schema() AND t.relname = ?
ORDER BY c.conname, k.ord
