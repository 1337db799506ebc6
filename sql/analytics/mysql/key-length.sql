-- Bytes the 3.1.0 key needs on this table: declared length x the charset's bytes per character.
SELECT COALESCE(SUM(c.CHARACTER_MAXIMUM_LENGTH * s.MAXLEN), 0), GROUP_CONCAT(DISTINCT c.CHARACTER_SET_NAME)
FROM information_schema.COLUMNS c JOIN information_schema.CHARACTER_SETS s ON s.CHARACTER_SET_NAME = c.CHARACTER_SET_NAME
WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = ?
AND LOWER(c.COLUMN_NAME) IN ('apiname', 'apicreator', 'apiversion', 'apicreatortenantdomain');
