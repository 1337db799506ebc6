-- Oracle DDL commits on its own; if a run stops between the two, the next one runs add-primary-key.sql.
-- ADD PRIMARY KEY makes APIVERSION NOT NULL implicitly.
ALTER TABLE ${table} DROP PRIMARY KEY;
ALTER TABLE ${table} ADD PRIMARY KEY (APINAME, APICREATOR, APIVERSION, APICREATORTENANTDOMAIN);
