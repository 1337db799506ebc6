-- One pass over REG_LOG. The 4th column is the grouping key: SQL Server's default collations are
-- case-insensitive and ignore trailing spaces, so GROUP BY REG_PATH merges such paths; so does this key.
SELECT REG_LOG_ID, REG_TENANT_ID, REG_ACTION, UPPER(RTRIM(REG_PATH)) FROM REG_LOG
GO
