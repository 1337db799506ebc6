-- The table has no primary key (left so by the runbook's script): add the 3.1.0 one.
ALTER TABLE `${table}` ADD PRIMARY KEY (apiName, apiCreator, apiVersion, apiCreatorTenantDomain);
