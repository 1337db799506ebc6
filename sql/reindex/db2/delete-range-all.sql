-- One batch of an id range with no newest row in it: every row goes.
DELETE FROM REG_LOG WHERE REG_LOG_ID >= ? AND REG_LOG_ID <= ?;
