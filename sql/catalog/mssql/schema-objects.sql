-- SQL Server: the objects of the default schema beside tables (kind, name, detail): sequences, views,
-- triggers with their table, procedures and functions.
SELECT 'sequence' AS kind, s.name AS name, '' AS detail FROM sys.sequences s WHERE s.schema_id = SCHEMA_ID()
UNION ALL
SELECT 'view', v.name, '' FROM sys.views v WHERE v.schema_id = SCHEMA_ID()
UNION ALL
SELECT 'trigger', t.name, OBJECT_NAME(t.parent_id) FROM sys.triggers t
JOIN sys.objects o ON o.object_id = t.parent_id WHERE o.schema_id = SCHEMA_ID()
UNION ALL
SELECT 'routine', o.name, CASE WHEN o.type = 'P' THEN 'procedure' ELSE 'function' END FROM sys.objects o
WHERE o.schema_id = SCHEMA_ID() AND o.type IN ('P', 'FN', 'IF', 'TF')
ORDER BY 1, 2
