-- Active tenants: UM_TENANT.UM_ACTIVE is BOOLEAN in carbon-kernel 4.5.1's mysql schema.
SELECT COUNT(*) FROM UM_TENANT WHERE UM_ACTIVE = 1;
