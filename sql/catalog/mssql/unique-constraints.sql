-- SQL Server: UQ key constraints of a table, one row per column in key order.
SELECT kc.name, col.name
FROM sys.key_constraints kc
JOIN sys.index_columns ic ON ic.object_id = kc.parent_object_id AND ic.index_id = kc.unique_index_id
JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
WHERE kc.type = 'UQ' AND kc.parent_object_id = OBJECT_ID(?)
ORDER BY kc.name, ic.key_ordinal
