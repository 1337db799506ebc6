-- One ALTER with both actions (and PostgreSQL DDL is transactional anyway); the key's name is read
-- from the catalog. Adding the key makes apiversion NOT NULL.
ALTER TABLE "${table}" DROP CONSTRAINT "${pkName}", ADD PRIMARY KEY (apiname, apicreator, apiversion, apicreatortenantdomain);
