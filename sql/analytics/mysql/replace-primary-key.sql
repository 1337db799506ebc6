-- One ALTER, so that MySQL/MariaDB either switches the key or (key too long, duplicate) keeps the
-- old one; the runbook's two ALTERs leave the table without a key when the second fails (ground
-- truth §5). ${table} is the name as stored (ApiLastAccessSummary on case-sensitive servers).
-- PRIMARY KEY makes apiVersion NOT NULL implicitly.
ALTER TABLE `${table}` DROP PRIMARY KEY, ADD PRIMARY KEY (apiName, apiCreator, apiVersion, apiCreatorTenantDomain);
