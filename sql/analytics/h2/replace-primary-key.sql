-- ground truth §5: the 3.1.0 key of ApiLastAccessSummary adds apiVersion. H2 has no transactional
-- DDL; if a run stops after the DROP, the next run finds no key and runs add-primary-key.sql.
ALTER TABLE ${table} ALTER COLUMN APIVERSION SET NOT NULL;
ALTER TABLE ${table} DROP PRIMARY KEY;
ALTER TABLE ${table} ADD PRIMARY KEY (APINAME, APICREATOR, APIVERSION, APICREATORTENANTDOMAIN);
