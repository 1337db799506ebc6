-- Oracle: the objects of the connected user's schema beside tables (kind, name, detail): sequences other
-- than the ones Oracle creates for identity columns, views, triggers with their table, procedures,
-- functions and packages.
SELECT 'sequence' AS kind, SEQUENCE_NAME AS name, ' ' AS detail FROM USER_SEQUENCES
WHERE SEQUENCE_NAME NOT LIKE 'ISEQ$$%'
UNION ALL
SELECT 'view', VIEW_NAME, ' ' FROM USER_VIEWS
UNION ALL
SELECT 'trigger', TRIGGER_NAME, TABLE_NAME FROM USER_TRIGGERS
UNION ALL
SELECT 'routine', OBJECT_NAME, LOWER(OBJECT_TYPE) FROM USER_OBJECTS
WHERE OBJECT_TYPE IN ('PROCEDURE', 'FUNCTION', 'PACKAGE')
ORDER BY 1, 2
