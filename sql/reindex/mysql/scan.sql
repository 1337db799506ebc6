-- One pass over REG_LOG. The 4th column is the grouping key: the collation's sort key of REG_PATH,
-- so that paths GROUP BY would merge (case under *_ci) get one key. Under PAD SPACE collations
-- trailing spaces do not count ('a ' = 'a'), but WEIGHT_STRING keeps them: the IF drops them
-- exactly when the column's own collation says they do not matter (never under NO PAD).
SELECT REG_LOG_ID, REG_TENANT_ID, REG_ACTION, WEIGHT_STRING(IF(REG_PATH = RTRIM(REG_PATH), RTRIM(REG_PATH), REG_PATH)) FROM REG_LOG;
