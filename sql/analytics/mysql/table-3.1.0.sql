-- ApiLastAccessSummary as Analytics 3.1.0 creates it when the table is missing: the DDL siddhi-store-rdbms 7.0.5
-- generates (tableCreateQuery, stringSize 254, longType BIGINT) from APIM_ACCESS_SUMMARY.siddhi's definition.
-- verify loads it into its scratch schema under the name the migrated table has (${table}), here in that table's
-- collation (${collation}), and compares the two.
CREATE TABLE `${table}` (apiContext VARCHAR(254), apiName VARCHAR(254), apiVersion VARCHAR(254), apiCreator VARCHAR(254), apiCreatorTenantDomain VARCHAR(254), applicationOwner VARCHAR(254), lastAccessTime BIGINT, PRIMARY KEY(apiName, apiCreator, apiVersion, apiCreatorTenantDomain)) DEFAULT COLLATE=${collation};
