-- Active tenants: UM_TENANT.UM_ACTIVE is BIT in carbon-kernel 4.5.1's mssql schema.
SELECT COUNT(*) FROM UM_TENANT WHERE UM_ACTIVE = 1;
