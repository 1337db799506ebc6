-- An index the clean-up adds for its run where a link table has none on its id column; dropped at the end.
CREATE INDEX ${name} ON ${table} (${column}, REG_TENANT_ID);
