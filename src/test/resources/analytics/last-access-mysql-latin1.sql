-- ground truth §5: MySQL keeps the mixed-case name ApiLastAccessSummary; table charset latin1.
CREATE TABLE ApiLastAccessSummary (apiContext VARCHAR(254), apiName VARCHAR(254), apiVersion VARCHAR(254), apiCreator VARCHAR(254), apiCreatorTenantDomain VARCHAR(254), applicationOwner VARCHAR(254), lastAccessTime BIGINT, PRIMARY KEY(apiName, apiCreator, apiCreatorTenantDomain)) ENGINE=InnoDB DEFAULT CHARSET=latin1;
INSERT INTO ApiLastAccessSummary VALUES ('/pizza/1.0.0', 'PizzaAPI', '1.0.0', 'admin', 'carbon.super', 'admin', 1583020800000);
INSERT INTO ApiLastAccessSummary VALUES ('/t/a.com/news/2.0', 'NewsAPI', '2.0', 'bob@a.com', 'a.com', 'alice@a.com', 1583020900000);
