-- One batch: the rows of an id range that reg-index.sql deletes (not the newest of their path and
-- tenant, or REG_ACTION = 7). ${keepIds} lists the newest ids in the range, as integer literals.
DELETE FROM REG_LOG WHERE REG_LOG_ID >= ? AND REG_LOG_ID <= ? AND (REG_ACTION = 7 OR REG_LOG_ID NOT IN (${keepIds}));
