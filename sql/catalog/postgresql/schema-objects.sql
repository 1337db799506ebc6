-- PostgreSQL: the objects of the current schema beside tables (kind, name, detail): sequences, views,
-- triggers with their table, functions and procedures not owned by an extension, and the extensions
-- installed into this schema (plpgsql lives in pg_catalog and is left out).
SELECT 'sequence' AS kind, c.relname AS name, '' AS detail
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'S' AND n.nspname = current_schema()
UNION ALL
SELECT 'view', c.relname, ''
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname = current_schema()
UNION ALL
SELECT 'trigger', t.tgname, c.relname
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND n.nspname = current_schema()
UNION ALL
SELECT 'routine', p.proname, CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = current_schema()
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'extension', e.extname, ''
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE n.nspname = current_schema()
ORDER BY 1, 2
