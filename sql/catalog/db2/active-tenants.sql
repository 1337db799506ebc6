-- Active tenants: UM_TENANT.UM_ACTIVE is SMALLINT in carbon-kernel 4.5.1's db2 schema.
SELECT COUNT(*) FROM UM_TENANT WHERE UM_ACTIVE = 1;
