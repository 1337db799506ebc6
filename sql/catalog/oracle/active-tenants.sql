-- Active tenants: UM_TENANT.UM_ACTIVE is NUMBER(1) in carbon-kernel 4.5.1's oracle schema.
SELECT COUNT(*) FROM UM_TENANT WHERE UM_ACTIVE = 1;
