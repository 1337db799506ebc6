-- How many tenants the registry holds (the tenant loader is needed only with more than one).
SELECT COUNT(DISTINCT REG_TENANT_ID) FROM REG_PATH;
