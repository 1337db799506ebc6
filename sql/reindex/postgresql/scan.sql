-- One pass over REG_LOG. The 4th column is the grouping key: REG_PATH itself (deterministic collations compare bytes).
SELECT REG_LOG_ID, REG_TENANT_ID, REG_ACTION, REG_PATH FROM REG_LOG;
