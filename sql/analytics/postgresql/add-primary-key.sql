-- The table has no primary key: add the 3.1.0 one.
ALTER TABLE "${table}" ADD PRIMARY KEY (apiname, apicreator, apiversion, apicreatortenantdomain);
